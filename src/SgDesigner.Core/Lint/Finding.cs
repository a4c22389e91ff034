namespace SgDesigner.Core.Lint;

/// <summary>One problem the linter found, at its place.</summary>
/// <param name="Id">The check's stable id (<c>SGD001</c>…), listed in <see cref="LintCatalogue"/>.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="GroupId">The security group concerned, or null when the finding is about an ENI only.</param>
/// <param name="RuleId">The rule concerned, or null when the finding is about a whole group or ENI.</param>
/// <param name="Message">What was found, naming the group, rule, ports and peers.</param>
/// <param name="Why">Why it matters.</param>
/// <param name="EniId">The network interface concerned, for ENI findings; otherwise null.</param>
public sealed record Finding(
    string Id,
    Severity Severity,
    string? GroupId,
    string? RuleId,
    string Message,
    string Why,
    string? EniId = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{Id} {Severity.ToString().ToLowerInvariant()}: {Message}";
}
