using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>
/// SGD018–SGD020: the Checkov security-group checks that had no counterpart here, so an export brings no Checkov
/// surprise: all traffic out to the internet (CKV_AWS_382), missing descriptions (CKV_AWS_23) and a default group
/// that allows anything (CKV2_AWS_12).
/// </summary>
internal static class CheckovChecks
{
    private const int MaxListed = 5;

    public static IEnumerable<Finding> Run(Estate estate, SecurityGroup group)
    {
        foreach (var rule in group.Outbound.Where(r => r.Protocol.IsAll && RuleCoverage.IsWorld(estate, r.Peer)))
        {
            yield return LintCatalogue.EgressAllToWorld.ReportWithCheckov(group.Id, rule.Id,
                $"{Describe.Group(group)} outbound rule {rule.Id} allows all traffic to {rule.Peer}", "CKV_AWS_382");
        }

        // One finding per group: Checkov reports each resource, but a list of many identical findings hides the rest.
        var undescribed = group.Rules.Where(r => string.IsNullOrWhiteSpace(r.Description)).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        var groupUndescribed = string.IsNullOrWhiteSpace(group.Description);
        if (undescribed.Count > 0 || groupUndescribed)
        {
            var parts = new List<string>();
            if (groupUndescribed)
                parts.Add("the group has no description");
            if (undescribed.Count > 0)
            {
                var listed = string.Join(", ", undescribed.Take(MaxListed)) + (undescribed.Count > MaxListed ? $" and {undescribed.Count - MaxListed} more" : "");
                parts.Add($"{undescribed.Count} of {group.Rules.Length} rule(s) have none ({listed})");
            }
            yield return LintCatalogue.MissingDescription.ReportWithCheckov(group.Id, null, $"{Describe.Group(group)}: {string.Join("; ", parts)}", "CKV_AWS_23");
        }

        if (group.Name == "default" && !group.Rules.IsEmpty)
        {
            yield return LintCatalogue.DefaultGroupAllowsTraffic.ReportWithCheckov(group.Id, null,
                $"{Describe.Group(group)} is a VPC's default group with {group.Rules.Length} rule(s); it should have none", "CKV2_AWS_12");
        }
    }
}
