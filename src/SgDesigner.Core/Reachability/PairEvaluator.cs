namespace SgDesigner.Core.Reachability;

/// <summary>What one ENI may open to another, both on their primary private IPs, as a traffic set.</summary>
internal static class PairEvaluator
{
    public static TrafficSet Allowed(EstateIndex index, EniInfo from, EniInfo to)
    {
        if (from.Eni.PrimaryIp is not { } a || to.Eni.PrimaryIp is not { } b || a.Family != b.Family)
            return TrafficSet.Empty;
        if (index.Link(from.Eni.VpcId, to.Eni.VpcId) == VpcLink.None)
            return TrafficSet.Empty;
        var sender = new Party(from, a);
        var receiver = new Party(to, b);
        var egress = Union(index, sender, receiver, outbound: true);
        return egress.IsEmpty ? egress : egress.Intersect(Union(index, receiver, sender, outbound: false));
    }

    private static TrafficSet Union(EstateIndex index, Party self, Party other, bool outbound)
    {
        var set = TrafficSet.Empty;
        foreach (var g in self.Eni!.Groups)
        {
            foreach (var r in outbound ? g.Outbound : g.Inbound)
            {
                if (!set.IsAll && RuleMatcher.MatchPeer(index, r.Rule.Peer, self, other) is null)
                    set = set.Union(TrafficSet.Of(r.Rule, other.Ip.Family));
            }
        }
        return set;
    }
}
