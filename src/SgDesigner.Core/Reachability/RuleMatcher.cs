using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>One end of a connection as seen by rule matching.</summary>
/// <param name="Eni">The ENI when the end is in the estate, else null.</param>
/// <param name="Ip">The address used at this end.</param>
internal readonly record struct Party(EniInfo? Eni, IpAddress Ip);

/// <summary>
/// Matching one rule against one connection (semantics.md "Matching one rule"). Returns null on a match,
/// otherwise why not, so that the fast path and the explainer share one definition.
/// </summary>
internal static class RuleMatcher
{
    public static MissReason? MatchTraffic(Rule rule, Traffic traffic, IpFamily family)
    {
        var p = rule.Protocol;
        if (p.IsAll)
            return null;
        if (p.Number != traffic.Protocol.Number)
            return MissReason.OtherTraffic;
        if (p.HasPorts)
            return rule.FromPort == -1 && rule.ToPort == -1 || traffic.Port >= rule.FromPort && traffic.Port <= rule.ToPort
                ? null
                : MissReason.OtherTraffic;
        if (p.IsIcmp)
        {
            // icmp exists only in IPv4 traffic, icmpv6 only in IPv6.
            if ((p.Number == 1) != (family == IpFamily.V4))
                return MissReason.IcmpOfOtherFamily;
            if (rule.FromPort == -1 && rule.ToPort != -1)
                return MissReason.InvalidIcmp;
            return (rule.FromPort == -1 || rule.FromPort == traffic.IcmpType) && (rule.ToPort == -1 || rule.ToPort == traffic.IcmpCode)
                ? null
                : MissReason.OtherTraffic;
        }
        return null;
    }

    /// <summary>Does <paramref name="peer"/>, in a rule of a group on <paramref name="self"/>, match <paramref name="other"/>?</summary>
    public static MissReason? MatchPeer(EstateIndex index, Peer peer, Party self, Party other)
    {
        switch (peer)
        {
            case CidrPeer c:
                if (c.Block.Family != other.Ip.Family)
                    return MissReason.OtherFamily;
                return c.Block.Contains(other.Ip) ? null : MissReason.AddressOutsideCidr;
            case PrefixListPeer pl:
                if (!index.PrefixLists.TryGetValue(pl.PrefixListId, out var list))
                    return MissReason.UnknownPrefixList;
                if (list.Family != other.Ip.Family)
                    return MissReason.OtherFamily;
                foreach (var entry in list.Entries)
                {
                    if (entry.Contains(other.Ip))
                        return null;
                }
                return MissReason.AddressOutsideCidr;
            case GroupPeer g:
                if (!index.Groups.ContainsKey(g.GroupId))
                    return MissReason.StaleReference;
                // A group reference matches only ENIs carrying the group, reached on a private IP.
                if (other.Eni is null || !other.Eni.Eni.PrivateIps.Contains(other.Ip))
                    return MissReason.NotAPrivateIp;
                if (!other.Eni.Eni.GroupIds.Contains(g.GroupId))
                    return MissReason.NotInGroup;
                if (self.Eni is not null && index.Link(self.Eni.Eni.VpcId, other.Eni.Eni.VpcId) != VpcLink.Full)
                    return MissReason.NoGroupReferencingAcrossConnection;
                return null;
            default:
                return MissReason.AddressOutsideCidr;
        }
    }

    public static bool Matches(EstateIndex index, Rule rule, Traffic traffic, Party self, Party other) =>
        MatchTraffic(rule, traffic, other.Ip.Family) is null && MatchPeer(index, rule.Peer, self, other) is null;

    /// <summary>
    /// AWS does not track a flow allowed by an everything-CIDR rule when a rule the other way allows
    /// everything-CIDR for all ports of the protocol ("Untracked connections", EC2 user guide).
    /// </summary>
    public static bool IsUntrackedOn(Party self, RuleRef[] matching, bool selfIsSource, Traffic traffic)
    {
        if (!matching.Any(r => r.Rule.Peer is CidrPeer { Block.IsEverything: true }))
            return false;
        var whole = TrafficSet.Of(traffic.Protocol, -1, -1);
        foreach (var g in self.Eni!.Groups)
        {
            foreach (var r in selfIsSource ? g.Inbound : g.Outbound)
            {
                if (r.Rule.Peer is CidrPeer { Block.IsEverything: true } c && c.Block.Family == self.Ip.Family
                    && TrafficSet.Of(r.Rule, self.Ip.Family).IsSupersetOf(whole))
                    return true;
            }
        }
        return false;
    }
}
