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
    public static ImmutableArray<Finding> Lint(Estate estate, ReachabilityEngine? engine = null)
    {
        ArgumentNullException.ThrowIfNull(estate);
        var findings = new List<Finding>();
        foreach (var group in estate.Groups)
        {
            findings.AddRange(WorldExposureChecks.Run(estate, group));
            findings.AddRange(RuleOverlapChecks.Run(estate, group));
            findings.AddRange(CidrWidthChecks.Run(estate, group));
            findings.AddRange(IcmpAndNameChecks.Icmp(group));
            findings.AddRange(CheckovChecks.Run(estate, group));
        }
        findings.AddRange(ReferenceChecks.Run(estate));
        findings.AddRange(QuotaChecks.Run(estate));
        findings.AddRange(IcmpAndNameChecks.DuplicateNames(estate));
        var ownEngine = engine is not null && ReferenceEquals(engine.Estate, estate) ? engine : null;
        // SGD021–SGD023 judge the groups' rules on the group layer alone: a rule an ACL starves is SGD030–SGD034's to
        // report, not "unused" or "redundant".
        var groupLayer = estate.NetworkAcls.IsDefaultOrEmpty ? estate : estate with { NetworkAcls = [] };
        findings.AddRange(RuleUsageChecks.Run(groupLayer, ReferenceEquals(groupLayer, estate) ? ownEngine : null));
        findings.AddRange(AclRuleChecks.Run(estate));
        findings.AddRange(AclGroupChecks.Run(estate));
        findings.AddRange(AclReplyChecks.Run(estate, ownEngine));

        return
        [
            .. findings
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.Id, StringComparer.Ordinal)
                .ThenBy(f => f.GroupId, StringComparer.Ordinal)
                .ThenBy(f => f.RuleId, StringComparer.Ordinal)
                .ThenBy(f => f.EniId, StringComparer.Ordinal),
        ];
    }
}
