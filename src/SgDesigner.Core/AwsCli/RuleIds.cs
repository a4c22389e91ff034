using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.AwsCli;

/// <summary>
/// Rule ids for sources that carry none (<c>describe-security-groups</c> has no <c>SecurityGroupRuleId</c>):
/// derived from what the rule is, so importing the same data twice gives the same ids and revisions diff
/// rule by rule.
/// </summary>
internal static class RuleIds
{
    /// <summary><c>sgr-</c> and 17 hex digits (the shape of AWS's ids) of a hash of group, direction, traffic and peer.</summary>
    public static string Derive(string groupId, Direction direction, IpProtocol protocol, int fromPort, int toPort, Peer peer)
    {
        var peerKey = peer switch
        {
            CidrPeer c => "cidr:" + c.Block,
            GroupPeer g => "group:" + g.GroupId,
            PrefixListPeer p => "pl:" + p.PrefixListId,
            _ => "?",
        };
        var key = string.Create(CultureInfo.InvariantCulture, $"{groupId}|{direction}|{protocol.Number}|{fromPort}|{toPort}|{peerKey}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "sgr-" + Convert.ToHexStringLower(hash)[..17];
    }
}
