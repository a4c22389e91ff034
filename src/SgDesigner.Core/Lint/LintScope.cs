namespace SgDesigner.Core.Lint;

/// <summary>
/// What an incremental lint re-checks (<see cref="IncrementalLint"/>); a whole lint passes null instead.
/// </summary>
/// <param name="Groups">Groups whose findings are all re-checked, but for SGD021–SGD023 (see <paramref name="UsageGroups"/>).</param>
/// <param name="UsageGroups">Groups whose rules SGD021–SGD023 re-check; a subset of <paramref name="Groups"/>.</param>
/// <param name="Rules">
/// Rules (group id, rule id) outside <paramref name="UsageGroups"/> whose peer group changed or shares ENIs with a changed
/// one, and rules of groups sharing ENIs with a changed one that it may cover: the checks that read other groups
/// (SGD007, SGD017, SGD021–SGD023) re-check them.
/// </param>
internal sealed record LintScope(IReadOnlySet<string> Groups, IReadOnlySet<string> UsageGroups, IReadOnlySet<(string GroupId, string RuleId)> Rules)
{
    /// <summary>The checks that read a rule's peer group, re-run for <see cref="Rules"/>.</summary>
    private static readonly HashSet<string> s_peerChecks = new(StringComparer.Ordinal)
    {
        LintCatalogue.StaleReference.Id, LintCatalogue.CrossVpcGroupReference.Id,
        LintCatalogue.UnusedRule.Id, LintCatalogue.RedundantRule.Id, LintCatalogue.OneWayRule.Id,
    };

    private static readonly HashSet<string> s_usageChecks = new(StringComparer.Ordinal)
    {
        LintCatalogue.UnusedRule.Id, LintCatalogue.RedundantRule.Id, LintCatalogue.OneWayRule.Id,
    };

    /// <summary>The network ACL checks: run whole on every lint (<see cref="Linter"/>).</summary>
    private static readonly HashSet<string> s_aclChecks = new(StringComparer.Ordinal)
    {
        LintCatalogue.AclDenyShadowedByAllow.Id, LintCatalogue.AclRepliesBlocked.Id, LintCatalogue.AclAllowsWhatGroupsDeny.Id,
        LintCatalogue.AclRuleNumbersWithoutGaps.Id, LintCatalogue.AclRuleShadowedByDeny.Id,
    };

    /// <summary>True when the group's rule is re-checked by the per-rule reference checks.</summary>
    public bool ChecksReferences(string groupId, string ruleId) => Groups.Contains(groupId) || Rules.Contains((groupId, ruleId));

    /// <summary>True when the group's rule is re-checked by SGD021–SGD023.</summary>
    public bool ChecksUsage(string groupId, string ruleId) => UsageGroups.Contains(groupId) || Rules.Contains((groupId, ruleId));

    /// <summary>True when a finding of the previous lint is found again (or not) by the re-check, so it is not kept.</summary>
    public bool Rechecks(Finding finding)
    {
        if (finding.Id == LintCatalogue.DuplicateGroupName.Id || s_aclChecks.Contains(finding.Id))
            return true; // SGD015 and the ACL checks are always re-run whole
        if (finding.EniId is not null || finding.GroupId is null)
            return false; // ENI findings cannot change within a narrow edit
        if (finding.RuleId is not null && s_peerChecks.Contains(finding.Id) && Rules.Contains((finding.GroupId, finding.RuleId)))
            return true;
        return s_usageChecks.Contains(finding.Id) ? UsageGroups.Contains(finding.GroupId) : Groups.Contains(finding.GroupId);
    }
}
