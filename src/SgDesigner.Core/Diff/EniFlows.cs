using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>
/// A change before merging, between joint classes (none on the side of an outside endpoint), listed in joint order.
/// Changes between ENIs leave their rule details to <see cref="EniFlows.WithDetails"/>: only one change of each
/// merged line needs them.
/// </summary>
internal sealed record PendingChange(FlowChange Change, IReadOnlyList<JointClass> From, IReadOnlyList<JointClass> To, bool DetailsPending = false)
{
    /// <summary>Every sending ENI (none for an outside endpoint).</summary>
    public IEnumerable<string> FromEnis => From.SelectMany(c => c.EniIds);

    /// <summary>Every receiving ENI (none for an outside endpoint).</summary>
    public IEnumerable<string> ToEnis => To.SelectMany(c => c.EniIds);
}

/// <summary>
/// Changes between ENIs, compared per pair of joint classes; only pairs with a touched side (<see cref="ChangeScope"/>)
/// are visited, and never pairs of ENIs. Towards one receiver, senders whose classes share a behaviour (VPC, family,
/// groups) in each estate are compared once when the receiver's inbound rules ignore atoms in both: a cell depends
/// on the sender's atom only through them (<see cref="ReachabilityMatrix"/>) and on its ACL profile, so the work follows the behaviours,
/// not the square of the classes.
/// </summary>
internal static class EniFlows
{
    public static IEnumerable<PendingChange> Changes(DiffContext ctx)
    {
        var groupings = new Dictionary<(bool All, bool OldFine, bool NewFine), List<List<JointClass>>>();
        foreach (var to in ctx.Joint)
        {
            // A touched receiver may have changed towards anyone; an untouched one only towards touched senders.
            var all = ctx.Scope.IsTouchedReceiver(to);
            var oldFine = InDependsOnAtoms(ctx.OldMatrix, to.Old);
            var newFine = InDependsOnAtoms(ctx.NewMatrix, to.New);
            if (!groupings.TryGetValue((all, oldFine, newFine), out var senders))
                groupings[(all, oldFine, newFine)] = senders = Group(ctx, all ? ctx.Joint : ctx.Scope.TouchedSenders, oldFine, newFine);
            foreach (var group in senders)
            {
                var from = group;
                // The matrix speaks of distinct ENIs: a class alone in its joint class has no pair with itself.
                var withItself = group.Exists(c => ReferenceEquals(c, to));
                if (withItself && to.EniIds.Count == 1)
                    (from, withItself) = ([.. group.Where(c => !ReferenceEquals(c, to))], false);
                long pairs = (long)from.Sum(c => c.EniIds.Count) * to.EniIds.Count - (withItself ? to.EniIds.Count : 0);
                if (pairs == 0)
                    continue;
                var sample = from[0];
                var before = sample.Old >= 0 && to.Old >= 0 ? ctx.OldMatrix.Allowed(sample.Old, to.Old) : TrafficSet.Empty;
                var after = sample.New >= 0 && to.New >= 0 ? ctx.NewMatrix.Allowed(sample.New, to.New) : TrafficSet.Empty;
                if (before.Equals(after))
                    continue;
                var opened = after.Except(before);
                var closed = before.Except(after);
                if (opened.IsEmpty && closed.IsEmpty)
                    continue;
                var change = new FlowChange(ctx.PartyOf(sample), ctx.PartyOf(to), pairs, opened, closed, [], []);
                yield return new PendingChange(change, from, [to], DetailsPending: true);
            }
        }
    }

    /// <summary>The change with the rules that decide it, asked of each engine for its first sender and receiver ENIs.</summary>
    public static FlowChange WithDetails(DiffContext ctx, PendingChange p)
    {
        var c = p.Change;
        if (!p.DetailsPending)
            return c;
        var from = p.From[0];
        var to = p.To[0];
        var sender = from.EniIds[0];
        var receiver = ReferenceEquals(from, to) ? from.EniIds[1] : to.EniIds[0];
        return c with
        {
            OpenedDetail = ctx.Details(opened: true, sender, receiver, c.Opened),
            ClosedDetail = ctx.Details(opened: false, sender, receiver, c.Closed),
        };
    }

    private static bool InDependsOnAtoms(ReachabilityMatrix matrix, int cls) =>
        cls >= 0 && matrix.Behaviours[matrix.Layout.Infos[cls].Behaviour].InDependsOnAtoms;

    /// <summary>
    /// Senders that every receiver with these atom dependencies treats alike: same class where atoms count, else the
    /// same behaviour, in each estate (which also gives them the same label). Groups and members keep joint order.
    /// </summary>
    private static List<List<JointClass>> Group(DiffContext ctx, IReadOnlyList<JointClass> senders, bool oldFine, bool newFine)
    {
        var groups = new Dictionary<(int, int), List<JointClass>>();
        var order = new List<List<JointClass>>();
        foreach (var jc in senders)
        {
            var key = (Key(ctx.OldMatrix, jc.Old, oldFine), Key(ctx.NewMatrix, jc.New, newFine));
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                order.Add(members);
            }
            members.Add(jc);
        }
        return order;
    }

    // The behaviour, and with network ACLs the ACL profile too: the ACLs' part of a cell depends on the sender's.
    private static int Key(ReachabilityMatrix matrix, int cls, bool fine) =>
        cls < 0 || fine ? cls : matrix.Layout.SenderKey(cls);
}
