using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>SGD014 (ICMP rules that match nothing) and SGD015 (duplicate group names in a VPC).</summary>
internal static class IcmpAndNameChecks
{
    public static IEnumerable<Finding> Icmp(SecurityGroup group)
    {
        foreach (var rule in group.Rules.Where(RuleCoverage.MatchesNothing))
        {
            var reason = rule.FromPort == -1 && rule.ToPort != -1
                ? $"ICMP type -1 (any) with code {rule.ToPort} is invalid"
                : $"{rule.Protocol} exists only in {(RuleCoverage.IcmpFamily(rule.Protocol) == IpFamily.V4 ? "IPv4" : "IPv6")} traffic but the peer is {rule.Peer}";
            yield return LintCatalogue.IcmpMatchesNothing.Report(group.Id, rule.Id,
                $"{Describe.Group(group)} {Describe.Direction(rule.Direction)} rule {rule.Id} matches nothing: {reason}");
        }
    }

    /// <summary>AWS compares group names within a VPC ignoring case (semantics.md, "Defaults and limits").</summary>
    public static IEnumerable<Finding> DuplicateNames(Estate estate)
    {
        var clashes = estate.Groups.GroupBy(g => (g.VpcId, Name: g.Name.ToUpperInvariant())).Where(c => c.Count() > 1);
        foreach (var clash in clashes)
        {
            var first = clash.First();
            foreach (var group in clash.Skip(1))
            {
                yield return LintCatalogue.DuplicateGroupName.Report(group.Id, null,
                    $"{Describe.Group(group)} has the same name as {Describe.Group(first)} in {group.VpcId}");
            }
        }
    }
}
