using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>
/// SGD005 and SGD006: rules of one group and direction that another rule already covers. Rules only allow and
/// order has no meaning, so a covered rule changes nothing (semantics.md, "Evaluating a connection").
/// </summary>
internal static class RuleOverlapChecks
{
    public static IEnumerable<Finding> Run(Estate estate, SecurityGroup group)
    {
        foreach (var direction in new[] { Direction.Inbound, Direction.Outbound })
        {
            var rules = group.Rules.Where(r => r.Direction == direction && !RuleCoverage.MatchesNothing(r)).ToList();
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                var duplicateOf = rules.Take(i).FirstOrDefault(earlier => RuleCoverage.SameTraffic(earlier, rule));
                if (duplicateOf is not null)
                {
                    yield return LintCatalogue.DuplicateRule.Report(group.Id, rule.Id,
                        $"{Describe.Group(group)} {Describe.Direction(direction)} rule {rule.Id} ({rule.TrafficText} {rule.Peer}) duplicates rule {duplicateOf.Id}");
                    continue;
                }
                var broader = rules.FirstOrDefault(other => !ReferenceEquals(other, rule) && !RuleCoverage.SameTraffic(other, rule) &&
                    RuleCoverage.TrafficContains(other, rule) && RuleCoverage.PeerContains(estate, other.Peer, rule.Peer));
                if (broader is not null)
                {
                    yield return LintCatalogue.ShadowedRule.Report(group.Id, rule.Id,
                        $"{Describe.Group(group)} {Describe.Direction(direction)} rule {rule.Id} ({rule.TrafficText} {rule.Peer}) is shadowed by rule {broader.Id} ({broader.TrafficText} {broader.Peer})");
                }
            }
        }
    }
}
