using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// A deliberately naive reference evaluator, written straight from semantics.md: every question scans
/// every rule of every group and looks everything up by linear search; no index, no classes. Tests
/// check the engine against it, and <c>sgd bench</c> times its all-pairs matrix beside the engine's.
/// </summary>
public static class NaiveEvaluator
{
    /// <summary>Is the connection allowed? Returns the matching outbound and inbound rules too (not the untracked flag).</summary>
    public static Verdict Query(Estate estate, Endpoint from, Endpoint to, Traffic traffic)
    {
        ArgumentNullException.ThrowIfNull(estate);
        var a = FindEni(estate, from);
        var b = FindEni(estate, to);
        if (a is null && b is null)
            return new Verdict(false, [], [], DeniedSide.NoEstateEndpoint, false);
        if (from.Ip.Family != to.Ip.Family)
            return new Verdict(false, [], [], DeniedSide.AddressFamilies, false);
        if (a is not null && b is not null && !Connected(estate, a.VpcId, b.VpcId))
            return new Verdict(false, [], [], DeniedSide.VpcsNotConnected, false);

        var egress = new List<RuleRef>();
        var ingress = new List<RuleRef>();
        foreach (var g in estate.Groups)
        {
            foreach (var r in g.Rules)
            {
                if (r.Direction == Direction.Outbound && a is not null && a.GroupIds.Contains(g.Id)
                    && RuleAllows(r, traffic, from.Ip.Family) && PeerMatches(estate, r.Peer, a, b, to.Ip))
                    egress.Add(new RuleRef(g.Id, r));
                if (r.Direction == Direction.Inbound && b is not null && b.GroupIds.Contains(g.Id)
                    && RuleAllows(r, traffic, from.Ip.Family) && PeerMatches(estate, r.Peer, b, a, from.Ip))
                    ingress.Add(new RuleRef(g.Id, r));
            }
        }
        var egressOk = a is null || egress.Count > 0;
        var ingressOk = b is null || ingress.Count > 0;
        DeniedSide? denied = egressOk && ingressOk ? null
            : !egressOk && !ingressOk ? DeniedSide.Both
            : egressOk ? DeniedSide.DestinationIngress : DeniedSide.SourceEgress;
        return new Verdict(denied is null, [.. egress], [.. ingress], denied, false);
    }

    /// <summary>Everything <paramref name="from"/> may open to <paramref name="to"/>, both on their primary private IPs.</summary>
    public static TrafficSet Between(Estate estate, NetworkInterface from, NetworkInterface to)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.PrimaryIp is not { } a || to.PrimaryIp is not { } b || a.Family != b.Family || !Connected(estate, from.VpcId, to.VpcId))
            return TrafficSet.Empty;
        var egress = TrafficSet.Empty;
        var ingress = TrafficSet.Empty;
        foreach (var g in estate.Groups)
        {
            foreach (var r in g.Rules)
            {
                if (r.Direction == Direction.Outbound && from.GroupIds.Contains(g.Id) && PeerMatches(estate, r.Peer, from, to, b))
                    egress = egress.Union(TrafficSet.Of(r, a.Family));
                if (r.Direction == Direction.Inbound && to.GroupIds.Contains(g.Id) && PeerMatches(estate, r.Peer, to, from, a))
                    ingress = ingress.Union(TrafficSet.Of(r, a.Family));
            }
        }
        return egress.Intersect(ingress);
    }

    /// <summary>
    /// Every ordered pair of distinct ENIs with what the first may open to the second, lazily, in estate
    /// order (the naive all-pairs matrix; a benchmark may take a sample of it and scale).
    /// </summary>
    public static IEnumerable<(NetworkInterface From, NetworkInterface To, TrafficSet Allowed)> AllPairs(Estate estate)
    {
        ArgumentNullException.ThrowIfNull(estate);
        foreach (var from in estate.NetworkInterfaces)
        {
            foreach (var to in estate.NetworkInterfaces)
            {
                if (!ReferenceEquals(from, to))
                    yield return (from, to, Between(estate, from, to));
            }
        }
    }

    private static NetworkInterface? FindEni(Estate estate, Endpoint endpoint) => endpoint is EniEndpoint e
        ? estate.NetworkInterfaces.FirstOrDefault(n => n.Id == e.EniId)
        : null;

    private static bool Connected(Estate estate, string vpcA, string vpcB) =>
        vpcA == vpcB || estate.VpcConnections.Any(c => c.VpcA == vpcA && c.VpcB == vpcB || c.VpcA == vpcB && c.VpcB == vpcA);

    private static bool GroupReferencingBetween(Estate estate, string vpcA, string vpcB) =>
        vpcA == vpcB || estate.VpcConnections.Any(c => c.GroupReferencing && (c.VpcA == vpcA && c.VpcB == vpcB || c.VpcA == vpcB && c.VpcB == vpcA));

    // semantics.md, "Matching one rule", the protocol table.
    private static bool RuleAllows(Rule rule, Traffic traffic, IpFamily family)
    {
        var n = rule.Protocol.Number;
        if (n == -1)
            return true;
        if (n != traffic.Protocol.Number)
            return false;
        if (n is 6 or 17)
            return rule.FromPort == -1 && rule.ToPort == -1 || rule.FromPort <= traffic.Port && traffic.Port <= rule.ToPort;
        if (n == 1 && family == IpFamily.V6 || n == 58 && family == IpFamily.V4)
            return false;
        if (n is 1 or 58)
        {
            var type = rule.FromPort;
            var code = rule.ToPort;
            if (type == -1 && code != -1)
                return false;
            return (type == -1 || type == traffic.IcmpType) && (code == -1 || code == traffic.IcmpCode);
        }
        return true;
    }

    // semantics.md, "A peer matches the other side of the connection when".
    private static bool PeerMatches(Estate estate, Peer peer, NetworkInterface self, NetworkInterface? other, IpAddress otherIp)
    {
        switch (peer)
        {
            case CidrPeer c:
                return c.Block.Contains(otherIp);
            case PrefixListPeer p:
                var list = estate.PrefixLists.FirstOrDefault(l => l.Id == p.PrefixListId);
                return list is not null && list.Family == otherIp.Family && list.Entries.Any(e => e.Contains(otherIp));
            case GroupPeer g:
                return estate.Groups.Any(x => x.Id == g.GroupId)
                    && other is not null
                    && other.GroupIds.Contains(g.GroupId)
                    && other.PrivateIps.Contains(otherIp)
                    && GroupReferencingBetween(estate, self.VpcId, other.VpcId);
            default:
                return false;
        }
    }
}
