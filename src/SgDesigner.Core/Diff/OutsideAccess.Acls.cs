using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

public static partial class OutsideAccess
{
    /// <summary>
    /// As <see cref="Allowed(Estate, NetworkInterface, OutsideEndpoint, Direction)"/>, and through the ENI's subnet ACL
    /// both ways (an outside end crosses only the inside end's ACL) for every address of the endpoint, as
    /// <paramref name="matrix"/> models them: the ACL decides alike between the points where an ACL rule's block starts
    /// or ends, so those points and each block's first address decide for the whole endpoint.
    /// </summary>
    public static TrafficSet Allowed(ReachabilityMatrix matrix, NetworkInterface eni, OutsideEndpoint endpoint, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(eni);
        ArgumentNullException.ThrowIfNull(endpoint);
        var estate = matrix.Index.Estate;
        var groups = Allowed(estate, eni, endpoint, direction);
        if (groups.IsEmpty || matrix.Acl is not { } acl || acl.ProfileOf(eni.Id) is not { } profile || eni.PrimaryIp is not { } ip)
            return groups;
        var cuts = acl.Acls.RulesOf(eni.SubnetId) is { } rules ? rules.In.Sorted.Concat(rules.Out.Sorted).Select(e => e.Cidr).Distinct().ToList() : [];
        var set = groups;
        foreach (var block in endpoint.Blocks.Where(b => b.Family == ip.Family))
        {
            var samples = new HashSet<UInt128> { block.First.Value };
            foreach (var cut in cuts.Where(c => c.Family == block.Family && block.Contains(c.First) && block.Contains(c.Last)))
            {
                samples.Add(cut.First.Value);
                if (cut.Last.Value < block.Last.Value)
                    samples.Add(cut.Last.Value + 1);
            }
            foreach (var sample in samples)
                set = set.Intersect(acl.Outside(profile, new IpAddress(block.Family, sample), direction));
        }
        return set;
    }
}
