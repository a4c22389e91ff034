namespace SgDesigner.Core.Lint;

/// <summary>
/// What identifies "this finding on this object" across edits: the check and its subject (group, rule, ENI), never
/// the message, so a reworded message (a renamed group, a widened port range on the same rule) keeps its key, and the
/// same check on another rule is another finding. An absent part is the empty string, never null, so keys compare
/// and store alike everywhere (a unique index treats NULLs as distinct on PostgreSQL).
/// </summary>
/// <param name="Check">The check's id (<c>SGD001</c>…).</param>
/// <param name="GroupId">The group concerned, or empty.</param>
/// <param name="RuleId">The rule concerned, or empty.</param>
/// <param name="EniId">The network interface concerned, or empty.</param>
public sealed record FindingKey(string Check, string GroupId, string RuleId, string EniId)
{
    /// <summary>The key of <paramref name="finding"/>.</summary>
    public static FindingKey Of(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.Id, finding.GroupId ?? "", finding.RuleId ?? "", finding.EniId ?? "");
    }

    /// <summary>A key from parts that may be null or padded (as a request or a document gives them).</summary>
    public static FindingKey From(string? check, string? groupId, string? ruleId, string? eniId) =>
        new((check ?? "").Trim().ToUpperInvariant(), (groupId ?? "").Trim(), (ruleId ?? "").Trim(), (eniId ?? "").Trim());

    /// <summary>The check, then the subject's ids that are present: <c>SGD001 sg-0abc sgr-0def</c>.</summary>
    public override string ToString() =>
        string.Join(' ', new[] { Check, GroupId, RuleId, EniId }.Where(p => p.Length > 0));
}
