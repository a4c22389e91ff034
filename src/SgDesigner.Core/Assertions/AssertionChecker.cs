using System.Collections.Immutable;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Assertions;

/// <summary>How one assertion fared.</summary>
public enum AssertionOutcome
{
    /// <summary>The engine's verdict is the expected one.</summary>
    Passed,
    /// <summary>The engine's verdict is the opposite of the expected one.</summary>
    Failed,
    /// <summary>The assertion could not be evaluated (an endpoint that does not resolve, invalid traffic).</summary>
    Error,
}

/// <summary>The result of checking one assertion.</summary>
/// <param name="Assertion">The assertion.</param>
/// <param name="Outcome">Passed, failed or error.</param>
/// <param name="Allowed">The engine's verdict, or null on error.</param>
/// <param name="Explanation">The engine's explanation for a failed assertion (which rules allow it, or which side denies and the nearest miss); null otherwise.</param>
/// <param name="Error">Why the assertion could not be evaluated, or null.</param>
public sealed record AssertionResult(FlowAssertion Assertion, AssertionOutcome Outcome, bool? Allowed, Explanation? Explanation, string? Error)
{
    /// <summary>True when the verdict matched the expectation.</summary>
    public bool Passed => Outcome == AssertionOutcome.Passed;

    /// <inheritdoc />
    public override string ToString() => Outcome switch
    {
        AssertionOutcome.Passed => $"line {Assertion.Line}: ok: {Assertion}",
        AssertionOutcome.Failed => $"line {Assertion.Line}: FAILED: {Assertion}, but it is {(Allowed == true ? "allowed" : "denied")}: {Explanation?.Summary}",
        _ => $"line {Assertion.Line}: ERROR: {Assertion}: {Error}",
    };
}

/// <summary>Checks expected flows against the engine (cli.md "sgd check").</summary>
public static class AssertionChecker
{
    /// <summary>One result per assertion, in the given order; failures carry the engine's explanation.</summary>
    public static ImmutableArray<AssertionResult> Check(ReachabilityEngine engine, IEnumerable<FlowAssertion> assertions)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(assertions);
        return [.. assertions.Select(a => CheckOne(engine, a))];
    }

    private static AssertionResult CheckOne(ReachabilityEngine engine, FlowAssertion assertion)
    {
        var from = EndpointResolver.Resolve(engine.Estate, assertion.From);
        if (!from.IsOk)
            return Error(assertion, $"from: {from.Error}");
        var to = EndpointResolver.Resolve(engine.Estate, assertion.To);
        if (!to.IsOk)
            return Error(assertion, $"to: {to.Error}");
        if (assertion.Traffic.Validate() is { } invalid)
            return Error(assertion, invalid);

        var verdict = engine.Query(from.Value, to.Value, assertion.Traffic);
        if (verdict.Allowed == assertion.ExpectAllowed)
            return new AssertionResult(assertion, AssertionOutcome.Passed, verdict.Allowed, null, null);
        var explanation = engine.Explain(from.Value, to.Value, assertion.Traffic);
        return new AssertionResult(assertion, AssertionOutcome.Failed, verdict.Allowed, explanation, null);
    }

    private static AssertionResult Error(FlowAssertion assertion, string message) =>
        new(assertion, AssertionOutcome.Error, null, null, message);
}
