using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>
/// What an ENI's own rules allow with a whole outside endpoint (a named range, a CIDR, a prefix list): only the ENI's
/// side has security groups, so only its rules of one direction decide (semantics.md "Evaluating a connection"), and a
/// rule counts only when its CIDR or prefix list covers every address of the endpoint. The matrix's outside cells.
/// </summary>
public static partial class OutsideAccess
{
    /// <summary>
    /// The traffic the rules of <paramref name="direction"/> of <paramref name="eni"/>'s groups allow with every address
    /// of <paramref name="endpoint"/> (inbound: from it, outbound: to it); empty when the ENI has no primary address or
    /// the endpoint has no block of its family.
    /// </summary>
    public static TrafficSet Allowed(Estate estate, NetworkInterface eni, OutsideEndpoint endpoint, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(eni);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (eni.PrimaryIp is not { } ip)
            return TrafficSet.Empty;
        var blocks = endpoint.Blocks.Where(b => b.Family == ip.Family).Select(b => new CidrPeer(b)).ToList();
        if (blocks.Count == 0)
            return TrafficSet.Empty;
        var rules = estate.Groups.Where(g => eni.GroupIds.Contains(g.Id)).SelectMany(g => g.Rules).Where(r => r.Direction == direction).ToList();
        // Per block what covers it, then what every block has: the endpoint's traffic must hold for all its addresses.
        TrafficSet? common = null;
        foreach (var block in blocks)
        {
            var set = rules.Where(r => RuleCoverage.PeerContains(estate, r.Peer, block))
                .Aggregate(TrafficSet.Empty, (acc, r) => acc.Union(TrafficSet.Of(r, ip.Family)));
            common = common is null ? set : common.Intersect(set);
        }
        return common ?? TrafficSet.Empty;
    }
}
