using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Lint;

/// <summary>Runs every check of <see cref="LintCatalogue"/> over an estate.</summary>
public static class Linter
{
    /// <summary>
    /// All findings, most severe first, then by check id, group, rule and ENI, so the order is stable across runs.
    /// <paramref name="engine"/>, when it was built for <paramref name="estate"/>, lends its matrix to the checks that read
    /// reachability (the designer keeps one up to date edit by edit; without it they build their own).
    /// </summary>
    /// <param name="estate">The estate.</param>
    /// <param name="engine">An engine built for the estate, or null.</param>
    /// <param name="options">Today's date and the policy's choices for the metadata checks (SGD040, SGD041); none by default.</param>
    public static ImmutableArray<Finding> Lint(Estate estate, ReachabilityEngine? engine = null, LintOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(estate);
        // OrderBy is a stable sort: findings that compare equal (a group over its quota both ways) keep their order.
        return [.. Run(estate, engine, null, options ?? LintOptions.None).OrderBy(f => f, FindingOrder.Instance)];
    }

    /// <summary>
    /// Every check's findings, unordered. With <paramref name="only"/>, the findings that scope re-checks and every SGD015
    /// finding (group names are compared across the whole estate), but none about ENIs.
    /// </summary>
    internal static List<Finding> Run(Estate estate, ReachabilityEngine? engine, LintScope? only, LintOptions options)
    {
        var findings = new List<Finding>();
        foreach (var group in estate.Groups)
        {
            if (only is not null && !only.Groups.Contains(group.Id))
                continue;
            findings.AddRange(WorldExposureChecks.Run(estate, group));
            findings.AddRange(RuleOverlapChecks.Run(estate, group));
            findings.AddRange(CidrWidthChecks.Run(estate, group));
            findings.AddRange(IcmpAndNameChecks.Icmp(group));
            findings.AddRange(CheckovChecks.Run(estate, group));
            findings.AddRange(RuleMetadataChecks.Run(group, options));
        }
        findings.AddRange(ReferenceChecks.Run(estate, only));
        findings.AddRange(QuotaChecks.Run(estate, only));
        findings.AddRange(IcmpAndNameChecks.DuplicateNames(estate));
        // SGD021–SGD023 judge the groups' rules on the group layer alone: a rule an ACL starves is SGD030–SGD034's to
        // report, not "unused" or "redundant".
        var ownEngine = engine is not null && ReferenceEquals(engine.Estate, estate) ? engine : null;
        var groupLayer = estate.NetworkAcls.IsDefaultOrEmpty ? estate : estate with { NetworkAcls = [] };
        findings.AddRange(RuleUsageChecks.Run(groupLayer, ReferenceEquals(groupLayer, estate) ? ownEngine : null, only));
        // The ACL checks read ACLs and groups together; they are run whole, incremental or not (nothing without ACLs).
        findings.AddRange(AclRuleChecks.Run(estate));
        findings.AddRange(AclGroupChecks.Run(estate));
        findings.AddRange(AclReplyChecks.Run(estate, ownEngine));
        return findings;
    }
}
