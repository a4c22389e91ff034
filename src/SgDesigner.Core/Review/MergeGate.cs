using System.Collections.Immutable;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Review;

/// <summary>
/// Which of a policy's assertions stop a merge when the policy's assertions gate merging (semantics.md "Assertions
/// that gate"): one the change breaks (holds on the base, fails on what would be published), and one that cannot be
/// evaluated on what would be published (an endpoint it names does not resolve): a gate that cannot be checked is not
/// a pass. An assertion failing on both sides is not the change's doing and does not block; one the change repairs
/// does not either.
/// </summary>
public static class MergeGate
{
    /// <summary>Whether <paramref name="impact"/> blocks the merge.</summary>
    public static bool Blocks(AssertionImpact impact)
    {
        ArgumentNullException.ThrowIfNull(impact);
        return impact.Change == AssertionChange.Breaks || impact.After.Outcome == AssertionOutcome.Error;
    }

    /// <summary>
    /// The assertions that block publishing <paramref name="merged"/> over <paramref name="baseEstate"/>, in their order;
    /// empty when there are none (then no engine is built).
    /// </summary>
    public static ImmutableArray<AssertionImpact> Blocking(Estate baseEstate, Estate merged, IEnumerable<FlowAssertion> assertions)
    {
        ArgumentNullException.ThrowIfNull(baseEstate);
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(assertions);
        var list = assertions.ToList();
        if (list.Count == 0)
            return [];
        var before = AssertionChecker.Check(ReachabilityEngine.Build(baseEstate), list);
        var after = AssertionChecker.Check(ReachabilityEngine.Build(merged), list);
        return [.. AssertionImpact.Pair(before, after).Where(Blocks)];
    }

    /// <summary>What is wrong with a blocking assertion, for the person merging: e.g. "it would be allowed".</summary>
    public static string Why(AssertionImpact impact)
    {
        ArgumentNullException.ThrowIfNull(impact);
        return impact.After.Outcome == AssertionOutcome.Error
            ? $"cannot be evaluated after the change ({impact.After.Error}); a gate that cannot be checked is not a pass"
            : $"holds now, but would be {(impact.After.Allowed == true ? "allowed" : "denied")} after the change";
    }
}
