using System.Collections.Immutable;

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
    /// <summary>
    /// The ids of the Checkov checks that fail on the same rule or group once exported to Terraform
    /// (<c>CKV_AWS_24</c>…), so a finding here means no Checkov surprise there; empty when Checkov has no counterpart.
    /// </summary>
    public ImmutableArray<string> Checkov { get; init; } = [];

    /// <summary>
    /// The flows the finding is about, one line each (<c>sg-1 (app) → sg-2 (db): tcp 5432</c>), the last one saying how
    /// many more there are when the list is long; empty for findings not about flows.
    /// </summary>
    public ImmutableArray<string> Flows { get; init; } = [];

    /// <summary>Value equality, the Checkov ids and flows compared element by element (an ImmutableArray compares by reference).</summary>
    public bool Equals(Finding? other) =>
        other is not null && Id == other.Id && Severity == other.Severity && GroupId == other.GroupId && RuleId == other.RuleId &&
        Message == other.Message && Why == other.Why && EniId == other.EniId && Checkov.SequenceEqual(other.Checkov) &&
        Flows.SequenceEqual(other.Flows);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Severity, GroupId, RuleId, Message, EniId);

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Severity.ToString().ToLowerInvariant()}: {Message}";
}
