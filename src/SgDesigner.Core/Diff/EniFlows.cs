using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>A change before merging, with every ENI of each side (the parties keep samples only).</summary>
internal sealed record PendingChange(FlowChange Change, IReadOnlyList<string> FromEnis, IReadOnlyList<string> ToEnis);

/// <summary>
/// Changes between ENIs, compared per pair of joint classes; only pairs with a touched side (<see cref="ChangeScope"/>)
/// are visited, and never pairs of ENIs.
/// </summary>
internal static class EniFlows
{
    public static IEnumerable<PendingChange> Changes(DiffContext ctx)
    {
        foreach (var from in ctx.Joint)
        {
            // A touched sender may have changed towards anyone; an untouched one only towards touched receivers.
            IReadOnlyList<JointClass> receivers = ctx.Scope.IsTouchedSender(from) ? ctx.Joint : ctx.Scope.TouchedReceivers;
            foreach (var to in receivers)
            {
                // The matrix speaks of distinct ENIs: a class alone in its joint class has no pair with itself.
                long pairs = ReferenceEquals(from, to)
                    ? (long)from.EniIds.Count * (from.EniIds.Count - 1)
                    : (long)from.EniIds.Count * to.EniIds.Count;
                if (pairs == 0)
                    continue;
                var before = from.Old >= 0 && to.Old >= 0 ? ctx.OldMatrix.Allowed(from.Old, to.Old) : TrafficSet.Empty;
                var after = from.New >= 0 && to.New >= 0 ? ctx.NewMatrix.Allowed(from.New, to.New) : TrafficSet.Empty;
                if (before.Equals(after))
                    continue;
                var opened = after.Except(before);
                var closed = before.Except(after);
                if (opened.IsEmpty && closed.IsEmpty)
                    continue;

                var sender = from.EniIds[0];
                var receiver = ReferenceEquals(from, to) ? from.EniIds[1] : to.EniIds[0];
                var change = new FlowChange(
                    ctx.PartyOf(from, from.EniIds, from.EniIds.Count),
                    ctx.PartyOf(to, to.EniIds, to.EniIds.Count),
                    pairs,
                    opened,
                    closed,
                    ctx.Details(ctx.After, DiffContext.EndpointOf(ctx.NewEnis, sender), DiffContext.EndpointOf(ctx.NewEnis, receiver), opened, ctx.OldGroups),
                    ctx.Details(ctx.Before, DiffContext.EndpointOf(ctx.OldEnis, sender), DiffContext.EndpointOf(ctx.OldEnis, receiver), closed, ctx.NewGroups));
                yield return new PendingChange(change, from.EniIds, to.EniIds);
            }
        }
    }
}
