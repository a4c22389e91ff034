using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>
/// SGD030, SGD034 and SGD033: what the order of an ACL's rules makes of them. The first matching rule decides, so a
/// rule wholly inside an earlier rule of the other action never decides anything; and rule numbers in a run leave no
/// number free to insert a rule between them.
/// </summary>
internal static class AclRuleChecks
{
    /// <summary>The shortest run of consecutive numbers reported: 100/101 (IPv4 and IPv6 twins, as AWS writes its defaults) is not.</summary>
    private const int ShortestRun = 3;

    public static IEnumerable<Finding> Run(Estate estate)
    {
        foreach (var acl in estate.NetworkAcls.IsDefault ? [] : estate.NetworkAcls)
        {
            foreach (var direction in new[] { Direction.Inbound, Direction.Outbound })
            {
                var entries = AclLint.Ordered(acl, direction);
                for (var i = 0; i < entries.Count; i++)
                {
                    var rule = entries[i];
                    var covering = entries.Take(i).FirstOrDefault(earlier => earlier.Action != rule.Action && AclLint.Covers(earlier, rule));
                    if (covering is null)
                        continue;
                    var check = rule.Action == AclAction.Deny ? LintCatalogue.AclDenyShadowedByAllow : LintCatalogue.AclRuleShadowedByDeny;
                    var effect = rule.Action == AclAction.Deny ? "the traffic it should deny is allowed" : "the traffic it should allow is denied";
                    yield return check.Report(acl.Id, AclLint.RuleKey(direction, rule.RuleNumber),
                        $"Network ACL {AclLint.Describe(acl)} {DirectionText.Of(direction)} rule {AclLint.Text(rule)} never matches: " +
                        $"the earlier rule {AclLint.Text(covering)} covers it entirely, so {effect}");
                }
                if (Runs(entries) is { Count: > 0 } runs)
                {
                    yield return LintCatalogue.AclRuleNumbersWithoutGaps.Report(acl.Id, DirectionText.Of(direction),
                        $"Network ACL {AclLint.Describe(acl)} {DirectionText.Of(direction)} rules {string.Join(", ", runs)} are numbered without gaps: " +
                        "no rule can be inserted between them without renumbering");
                }
            }
        }
    }

    /// <summary>The runs of <see cref="ShortestRun"/> or more consecutive numbers, as <c>#1–#3</c>.</summary>
    private static List<string> Runs(List<NetworkAclEntry> entries)
    {
        var runs = new List<string>();
        var start = 0;
        for (var i = 1; i <= entries.Count; i++)
        {
            if (i < entries.Count && entries[i].RuleNumber == entries[i - 1].RuleNumber + 1)
                continue;
            if (i - start >= ShortestRun)
                runs.Add(string.Create(CultureInfo.InvariantCulture, $"#{entries[start].RuleNumber}–#{entries[i - 1].RuleNumber}"));
            start = i;
        }
        return runs;
    }
}
