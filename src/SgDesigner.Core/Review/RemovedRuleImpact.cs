using System.Collections.Immutable;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Review;

/// <summary>A rule a change removes, and the flows its removal closes.</summary>
/// <param name="Rule">The removed rule, as the base estate has it, with its group.</param>
/// <param name="Closes">The flows that putting the rule back into the proposed estate would open again (for a rule of a
/// removed group: that removing the rule alone from the base closes), as the reachability diff writes them. Empty when
/// the rest of the estate still allows everything the rule allowed.</param>
/// <param name="Analysed">False when the change removes more rules than are analysed one by one
/// (<see cref="MaxAnalysed"/>); then <paramref name="Closes"/> is empty and says nothing.</param>
public sealed record RemovedRuleImpact(RuleRef Rule, ImmutableArray<FlowChange> Closes, bool Analysed)
{
    /// <summary>How many removed rules are analysed one by one; each costs an incremental engine update and a diff.</summary>
    public const int MaxAnalysed = 25;

    /// <summary>Per rule of <paramref name="rules"/>, the flows its removal closes.</summary>
    internal static ImmutableArray<RemovedRuleImpact> Of(ReachabilityEngine before, ReachabilityEngine after, RuleDiff rules, CancellationToken ct)
    {
        var removed = rules.Groups.SelectMany(g => g.Removed.Select(r => new RuleRef(g.GroupId, r))).ToList();
        var result = ImmutableArray.CreateBuilder<RemovedRuleImpact>(removed.Count);
        foreach (var (rule, index) in removed.Select((r, i) => (r, i)))
        {
            ct.ThrowIfCancellationRequested();
            result.Add(index < MaxAnalysed ? new RemovedRuleImpact(rule, ClosedBy(before, after, rule, ct), true) : new RemovedRuleImpact(rule, [], false));
        }
        return result.MoveToImmutable();
    }

    // In the context of the rest of the change: the flows the rule would restore. Its group gone, there is no such context.
    private static ImmutableArray<FlowChange> ClosedBy(ReachabilityEngine before, ReachabilityEngine after, RuleRef rule, CancellationToken ct)
    {
        if (after.Estate.FindGroup(rule.GroupId) is { } group)
        {
            var restored = after.Update(after.Estate.WithGroup(group with { Rules = group.Rules.Add(rule.Rule) }));
            return [.. ReachabilityDiff.Compare(restored, after, ct).Closing];
        }
        var baseGroup = before.Estate.FindGroup(rule.GroupId)!;
        var without = before.Update(before.Estate.WithGroup(baseGroup with { Rules = [.. baseGroup.Rules.Where(r => r.Id != rule.Rule.Id)] }));
        return [.. ReachabilityDiff.Compare(before, without, ct).Closing];
    }
}
