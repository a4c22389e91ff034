namespace SgDesigner.Core.Lint;

/// <summary>One entry of the lint catalogue: what a check looks for and why.</summary>
/// <param name="Id">Stable id (<c>SGD001</c>…); never reused for another meaning.</param>
/// <param name="Title">Short title.</param>
/// <param name="Severity">The severity of its findings.</param>
/// <param name="Rationale">Why it matters; becomes <see cref="Finding.Why"/>.</param>
/// <param name="Equivalents">The same check in Prowler, Checkov or tfsec where one exists, or null.</param>
public sealed record LintCheck(string Id, string Title, Severity Severity, string Rationale, string? Equivalents)
{
    /// <summary>A finding of this check.</summary>
    internal Finding Report(string? groupId, string? ruleId, string message, string? eniId = null) =>
        new(Id, Severity, groupId, ruleId, message, Rationale, eniId);

    /// <summary>A finding of this check that Checkov's <paramref name="checkov"/> checks also report (nulls are skipped).</summary>
    internal Finding ReportWithCheckov(string? groupId, string? ruleId, string message, params string?[] checkov) =>
        new(Id, Severity, groupId, ruleId, message, Rationale) { Checkov = [.. checkov.OfType<string>()] };
}
