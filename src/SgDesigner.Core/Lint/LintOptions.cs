namespace SgDesigner.Core.Lint;

/// <summary>What the checks of rule metadata need besides the estate.</summary>
/// <param name="Today">
/// The date review-by dates are compared with (SGD040). Core reads no clock: the caller passes its own "today" (the
/// server's UTC date, <c>sgd lint --today</c>); null skips the check.
/// </param>
/// <param name="RequireJustification">
/// Whether an inbound allow from 0.0.0.0/0 or ::/0 needs a justification (SGD041, an error). A per-policy choice
/// (issue 18): off unless the caller turns it on, so policies that never recorded justifications are not suddenly failing.
/// </param>
public sealed record LintOptions(DateOnly? Today = null, bool RequireJustification = false)
{
    /// <summary>Neither metadata check.</summary>
    public static LintOptions None { get; } = new();
}
