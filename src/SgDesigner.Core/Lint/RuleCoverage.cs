using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>
/// What a single rule matches, for comparing rules with one another (semantics.md, "Matching one rule").
/// </summary>
internal static class RuleCoverage
{
    /// <summary>A tcp/udp rule's port range; some exports write all ports as -1/-1, which means 0-65535.</summary>
    public static (int From, int To) Ports(Rule rule) =>
        rule.FromPort == -1 && rule.ToPort == -1 ? (0, 65535) : (rule.FromPort, rule.ToPort);

    /// <summary>
    /// ICMP type -1 with a code other than -1 is invalid, and icmp (icmpv6) only exists in IPv4 (IPv6) traffic,
    /// so such rules match no packet at all.
    /// </summary>
    public static bool MatchesNothing(Rule rule) => rule.Protocol.IsIcmp &&
        (rule.FromPort == -1 && rule.ToPort != -1 || rule.Peer is CidrPeer c && c.Block.Family != IcmpFamily(rule.Protocol));

    /// <summary>The address family an ICMP protocol lives in.</summary>
    public static IpFamily IcmpFamily(IpProtocol protocol) => protocol == IpProtocol.IcmpV6 ? IpFamily.V6 : IpFamily.V4;

    /// <summary>The rule's traffic with meaningless numbers dropped, so that equal traffic compares equal.</summary>
    public static (int Protocol, int From, int To) TrafficKey(Rule rule) =>
        rule.PortsIgnored ? (rule.Protocol.Number, -1, -1)
        : rule.Protocol.HasPorts ? (rule.Protocol.Number, Ports(rule).From, Ports(rule).To)
        : (rule.Protocol.Number, rule.FromPort, rule.ToPort);

    /// <summary>True when both rules admit the same traffic to or from the same peer in the same direction.</summary>
    public static bool SameTraffic(Rule a, Rule b) =>
        a.Direction == b.Direction && a.Peer == b.Peer && TrafficKey(a) == TrafficKey(b);

    /// <summary>True when every packet <paramref name="inner"/>'s traffic admits, <paramref name="outer"/>'s admits too.</summary>
    public static bool TrafficContains(Rule outer, Rule inner)
    {
        if (outer.Protocol.IsAll)
            return true;
        if (outer.Protocol != inner.Protocol)
            return false;
        if (outer.Protocol.HasPorts)
            return Ports(outer).From <= Ports(inner).From && Ports(inner).To <= Ports(outer).To;
        if (outer.Protocol.IsIcmp)
        {
            // Type -1 means any type (and then the code must be -1 too); code -1 means any code of that type.
            if (outer.FromPort == -1)
                return outer.ToPort == -1;
            return outer.FromPort == inner.FromPort && (outer.ToPort == -1 || outer.ToPort == inner.ToPort);
        }
        return true;
    }

    /// <summary>True when every address <paramref name="inner"/> matches, <paramref name="outer"/> matches too.</summary>
    public static bool PeerContains(Estate estate, Peer outer, Peer inner) => (outer, inner) switch
    {
        _ when outer == inner => true,
        (CidrPeer o, CidrPeer i) => o.Block.Contains(i.Block),
        (PrefixListPeer o, CidrPeer i) => estate.PrefixLists.FirstOrDefault(p => p.Id == o.PrefixListId) is { } list &&
                                          list.Entries.Any(e => e.Contains(i.Block)),
        _ => false,
    };

    /// <summary>True when the peer matches any address: 0.0.0.0/0, ::/0, or a prefix list holding one of them.</summary>
    public static bool IsWorld(Estate estate, Peer peer) => peer switch
    {
        CidrPeer c => c.Block.IsEverything,
        PrefixListPeer p => estate.PrefixLists.FirstOrDefault(l => l.Id == p.PrefixListId) is { } list &&
                            list.Entries.Any(e => e.IsEverything),
        _ => false,
    };
}
