using SgDesigner.Core.Model;

namespace SgDesigner.Core.Diff;

/// <summary>
/// Which joint classes an edit can affect. A cell (A, B) depends only on A's and B's ENIs (addresses, groups,
/// VPC), the rules of the groups they carry, and estate-wide objects (VPCs, their connections, prefix lists).
/// When neither side is touched and nothing estate-wide changed, the cell is the same in both estates, so the
/// diff visits only pairs with a touched side: the work follows the size of the edit, not the square of the classes.
/// </summary>
/// <remarks>
/// Objects are compared by content (an estate read from a file again shares no arrays with the first one).
/// </remarks>
internal sealed class ChangeScope
{
    private readonly HashSet<JointClass> _touched;

    public ChangeScope(DiffContext ctx)
    {
        var before = ctx.Before.Estate;
        var after = ctx.After.Estate;
        Everything =
            !before.Vpcs.SequenceEqual(after.Vpcs, Same.Vpc) ||
            !before.VpcConnections.SequenceEqual(after.VpcConnections) ||
            !before.PrefixLists.SequenceEqual(after.PrefixLists, Same.PrefixList);

        var changedGroups = ctx.OldGroups.Keys.Union(ctx.NewGroups.Keys)
            .Where(id => !(ctx.OldGroups.TryGetValue(id, out var o) && ctx.NewGroups.TryGetValue(id, out var n) && Same.Group(o, n)))
            .ToHashSet(StringComparer.Ordinal);

        _touched = [.. ctx.Joint.Where(jc => Everything || jc.Old < 0 || jc.New < 0 || jc.EniIds.Any(id =>
        {
            var o = ctx.OldEnis.GetValueOrDefault(id);
            var n = ctx.NewEnis.GetValueOrDefault(id);
            return o is null || n is null || !Same.Eni(o, n) || o.GroupIds.Any(changedGroups.Contains);
        }))];
        Touched = [.. _touched];
    }

    /// <summary>True when something estate-wide changed, so every class counts as touched.</summary>
    public bool Everything { get; }

    /// <summary>The joint classes whose ENIs or groups changed.</summary>
    public IReadOnlyList<JointClass> Touched { get; }

    public bool IsTouched(JointClass jc) => _touched.Contains(jc);

    /// <summary>Content equality for the model records that hold arrays (records compare arrays by reference).</summary>
    private static class Same
    {
        public static readonly IEqualityComparer<Vpc> Vpc = EqualityComparer<Vpc>.Create(
            (a, b) => a!.Id == b!.Id && a.Cidrs.SequenceEqual(b.Cidrs), v => v.Id.GetHashCode(StringComparison.Ordinal));

        public static readonly IEqualityComparer<PrefixList> PrefixList = EqualityComparer<PrefixList>.Create(
            (a, b) => a!.Id == b!.Id && a.Family == b.Family && a.Entries.SequenceEqual(b.Entries), p => p.Id.GetHashCode(StringComparison.Ordinal));

        public static bool Group(SecurityGroup a, SecurityGroup b) =>
            a.VpcId == b.VpcId && a.Rules.SequenceEqual(b.Rules);

        public static bool Eni(NetworkInterface a, NetworkInterface b) =>
            a.VpcId == b.VpcId && a.PublicIp == b.PublicIp && a.PrivateIps.SequenceEqual(b.PrivateIps) && a.GroupIds.SequenceEqual(b.GroupIds);
    }
}
