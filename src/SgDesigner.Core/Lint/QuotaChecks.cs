using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Lint;

/// <summary>
/// SGD009–SGD011: AWS quotas (semantics.md, "Defaults and limits"): groups per ENI, and rules per group and
/// direction counted per peer, which is how this model stores rules.
/// </summary>
internal static class QuotaChecks
{
    /// <param name="estate">The estate.</param>
    /// <param name="only">When given, only the scope's groups are checked, and ENIs not at all (<see cref="IncrementalLint"/>).</param>
    public static IEnumerable<Finding> Run(Estate estate, LintScope? only = null)
    {
        var quotas = estate.Quotas;
        foreach (var eni in (only is null ? estate.NetworkInterfaces : []).Where(e => e.GroupIds.Length > quotas.GroupsPerEni))
        {
            yield return LintCatalogue.EniOverGroupQuota.Report(null, null,
                $"network interface {eni.Id} carries {eni.GroupIds.Length} groups; the quota is {quotas.GroupsPerEni}", eni.Id);
        }

        foreach (var group in only is null ? estate.Groups : estate.Groups.Where(g => only.Groups.Contains(g.Id)))
        {
            foreach (var direction in new[] { Direction.Inbound, Direction.Outbound })
            {
                // Counted as AWS counts them (a prefix list as its maximum entries), like the validator.
                var count = RuleQuota.Count(group.Rules, direction, estate.PrefixLists);
                var text = $"{Describe.Group(group)} has {count} {Describe.Direction(direction)} rules; the quota is {quotas.RulesPerDirection}";
                if (count > quotas.RulesPerDirection)
                    yield return LintCatalogue.GroupOverRuleQuota.Report(group.Id, null, text);
                else if (count == quotas.RulesPerDirection)
                    yield return LintCatalogue.GroupAtRuleQuota.Report(group.Id, null, text);
            }
        }
    }
}
