using System.Collections.Immutable;
using SgDesigner.Core.Assertions;

namespace SgDesigner.Core.Review;

/// <summary>What a change does to one assertion of the policy.</summary>
public enum AssertionChange
{
    /// <summary>Holds on the base and on the proposed estate.</summary>
    StillHolds,
    /// <summary>Holds on the base, fails on the proposed estate: the change breaks it.</summary>
    Breaks,
    /// <summary>Fails on the base and on the proposed estate: not this change's doing, but still failing.</summary>
    StillFails,
    /// <summary>Fails on the base, holds on the proposed estate: the change repairs it.</summary>
    Repairs,
    /// <summary>Cannot be evaluated on one of the estates (e.g. the change removes an ENI the assertion names).</summary>
    Unresolvable,
}

/// <summary>One assertion checked on both estates.</summary>
/// <param name="Assertion">The assertion.</param>
/// <param name="Before">Its result on the base estate.</param>
/// <param name="After">Its result on the proposed estate (with the engine's explanation when it fails).</param>
public sealed record AssertionImpact(FlowAssertion Assertion, AssertionResult Before, AssertionResult After)
{
    /// <summary>How the change affects the assertion.</summary>
    public AssertionChange Change => (Before.Outcome, After.Outcome) switch
    {
        (AssertionOutcome.Error, _) or (_, AssertionOutcome.Error) => AssertionChange.Unresolvable,
        (AssertionOutcome.Passed, AssertionOutcome.Passed) => AssertionChange.StillHolds,
        (AssertionOutcome.Passed, _) => AssertionChange.Breaks,
        (_, AssertionOutcome.Passed) => AssertionChange.Repairs,
        _ => AssertionChange.StillFails,
    };

    /// <summary>Pairs the results of one list of assertions checked on both estates (same order).</summary>
    internal static ImmutableArray<AssertionImpact> Pair(ImmutableArray<AssertionResult> before, ImmutableArray<AssertionResult> after) =>
        [.. before.Zip(after, (b, a) => new AssertionImpact(b.Assertion, b, a))];

    /// <inheritdoc />
    public override string ToString() => $"{Change}: {After}";
}
