using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>
/// Which joint classes an edit can affect. A cell (A, B) depends only on A's and B's ENIs (addresses, groups,
/// VPC), the rules of the groups they carry, and estate-wide objects (VPCs, their connections, prefix lists).
/// When neither the sender's ENIs or outbound rules nor the receiver's ENIs or inbound rules changed, and nothing
/// estate-wide did, the cell is the same in both estates; the diff visits only the other pairs, so the work follows
/// the size of the edit, not the square of the classes.
/// </summary>
/// <remarks>
/// Objects are compared by content (an estate read from a file again shares no arrays with the first one).
/// </remarks>
internal sealed class ChangeScope
{
    public ChangeScope(DiffContext ctx)
    {
        var before = ctx.Before.Estate;
        var after = ctx.After.Estate;
        Everything =
            !before.Vpcs.SequenceEqual(after.Vpcs, Same.Vpc) ||
            !before.VpcConnections.SequenceEqual(after.VpcConnections) ||
            !before.PrefixLists.SequenceEqual(after.PrefixLists, Same.PrefixList);

        var aclMoved = AclChanged(ctx);
        var changedOut = ChangedGroups(ctx, Direction.Outbound);
        var changedIn = ChangedGroups(ctx, Direction.Inbound);
        var senders = new HashSet<JointClass>();
        var receivers = new HashSet<JointClass>();
        foreach (var jc in ctx.Joint)
        {
            var moved = Everything || jc.Old < 0 || jc.New < 0 || jc.EniIds.Any(aclMoved.Contains) || jc.EniIds.Any(id =>
                ctx.OldEnis.GetValueOrDefault(id) is not { } o || ctx.NewEnis.GetValueOrDefault(id) is not { } n || !Same.Eni(o, n));
            // Every ENI is looked at: a class is per set of existing groups, so its ENIs may differ in missing ones.
            var groups = jc.EniIds.SelectMany(id => ctx.OldEnis.GetValueOrDefault(id)?.GroupIds ?? []).Distinct().ToList();
            if (moved || groups.Any(changedOut.Contains))
                senders.Add(jc);
            if (moved || groups.Any(changedIn.Contains))
                receivers.Add(jc);
        }
        _receivers = receivers;
        TouchedSenders = [.. senders];
        TouchedReceivers = [.. receivers];
        Touched = [.. senders.Union(receivers)];
    }

    private readonly HashSet<JointClass> _receivers;

    /// <summary>True when something estate-wide changed, so every class counts as touched.</summary>
    public bool Everything { get; }

    /// <summary>The joint classes whose ENIs or groups changed in any way.</summary>
    public IReadOnlyList<JointClass> Touched { get; }

    /// <summary>Classes whose ENIs changed or that carry a group whose inbound rules changed, in joint order.</summary>
    public IReadOnlyList<JointClass> TouchedReceivers { get; }

    /// <summary>Classes whose ENIs changed or that carry a group whose outbound rules changed, in joint order.</summary>
    public IReadOnlyList<JointClass> TouchedSenders { get; }

    /// <summary>True when the class's ENIs changed or it carries a group whose inbound rules changed.</summary>
    public bool IsTouchedReceiver(JointClass jc) => _receivers.Contains(jc);

    /// <summary>
    /// ENIs whose subnet's network ACL (rules, association), subnet or client ports differ: a cell depends on the ACLs of
    /// both ends' subnets and on the client's ports, so such an ENI is touched as sender and as receiver.
    /// </summary>
    private static HashSet<string> AclChanged(DiffContext ctx)
    {
        var moved = new HashSet<string>(StringComparer.Ordinal);
        var (before, after) = (ctx.Before.Estate, ctx.After.Estate);
        if (before.NetworkAcls.IsDefaultOrEmpty && after.NetworkAcls.IsDefaultOrEmpty)
            return moved;
        var (oldAcls, newAcls) = (NetworkAclLayer.Of(before), NetworkAclLayer.Of(after));
        foreach (var (id, n) in ctx.NewEnis)
        {
            if (ctx.OldEnis.GetValueOrDefault(id) is not { } o)
                continue;
            if (o.SubnetId != n.SubnetId || !Equals(oldAcls?.RulesOf(o.SubnetId)?.In.Acl, newAcls?.RulesOf(n.SubnetId)?.In.Acl)
                || oldAcls?.ClientPortsOf(o) != newAcls?.ClientPortsOf(n))
                moved.Add(id);
        }
        return moved;
    }

    /// <summary>Groups whose rules of <paramref name="direction"/> differ, or that exist (or sit in a VPC) in one estate only.</summary>
    private static HashSet<string> ChangedGroups(DiffContext ctx, Direction direction) =>
        ctx.OldGroups.Keys.Union(ctx.NewGroups.Keys)
            .Where(id => !(ctx.OldGroups.TryGetValue(id, out var o) && ctx.NewGroups.TryGetValue(id, out var n) && Same.Rules(o, n, direction)))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Content equality for the model records that hold arrays (records compare arrays by reference).</summary>
    private static class Same
    {
        public static readonly IEqualityComparer<Vpc> Vpc = EqualityComparer<Vpc>.Create(
            (a, b) => a!.Id == b!.Id && a.Cidrs.SequenceEqual(b.Cidrs), v => v.Id.GetHashCode(StringComparison.Ordinal));

        public static readonly IEqualityComparer<PrefixList> PrefixList = EqualityComparer<PrefixList>.Create(
            (a, b) => a!.Id == b!.Id && a.Family == b.Family && a.Entries.SequenceEqual(b.Entries), p => p.Id.GetHashCode(StringComparison.Ordinal));

        public static bool Rules(SecurityGroup a, SecurityGroup b, Direction direction) =>
            a.VpcId == b.VpcId && a.Rules.Where(r => r.Direction == direction).SequenceEqual(b.Rules.Where(r => r.Direction == direction));

        public static bool Eni(NetworkInterface a, NetworkInterface b) =>
            a.VpcId == b.VpcId && a.PublicIp == b.PublicIp && a.PrivateIps.SequenceEqual(b.PrivateIps) && a.GroupIds.SequenceEqual(b.GroupIds);
    }
}
