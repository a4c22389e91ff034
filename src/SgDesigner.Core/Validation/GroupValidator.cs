using SgDesigner.Core.Model;

namespace SgDesigner.Core.Validation;

/// <summary>Group-level checks: VPC, name, description, rules and the rules-per-direction quota.</summary>
internal static class GroupValidator
{
    /// <summary>Checks every group; the rules, duplicates and quotas only of <paramref name="rulesOf"/> when given.</summary>
    public static void Check(Estate estate, ValidationSink sink, IReadOnlySet<string>? rulesOf = null)
    {
        var vpcIds = estate.Vpcs.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var groupIds = estate.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var listIds = estate.PrefixLists.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var namesPerVpc = new Dictionary<(string Vpc, string Name), string>();
        foreach (var group in estate.Groups)
        {
            var path = $"groups[{group.Id}]";
            if (!vpcIds.Contains(group.VpcId))
                sink.Soft($"{path}.vpcId", $"VPC {QuotedValue.Of(group.VpcId)} does not exist");
            CheckName(group, path, sink);
            // AWS compares group names within a VPC case-insensitively.
            var key = (group.VpcId, group.Name.ToUpperInvariant());
            if (!namesPerVpc.TryAdd(key, group.Id))
                sink.Soft($"{path}.name", $"the name {QuotedValue.Of(group.Name)} is already used by {namesPerVpc[key]} in {group.VpcId} (names are unique per VPC, ignoring case)");
            if (string.IsNullOrEmpty(group.Description))
                sink.Soft($"{path}.description", "a group description is required");
            else
                RuleValidator.CheckText(group.Description, $"{path}.description", "description", AwsLimits.GroupDescriptionMaxLength, sink);
            TextValidator.CheckTags(group.Tags, $"{path}.tags", sink);
            if (rulesOf is not null && !rulesOf.Contains(group.Id))
                continue;
            var seen = new Dictionary<(Direction, int, int, int, Peer), string>();
            foreach (var rule in group.Rules)
            {
                RuleValidator.Check(rule, $"{path}.rules[{rule.Id}]", groupIds, listIds, sink);
                // AWS refuses a second rule with the same traffic and peer (InvalidPermission.Duplicate).
                if (!seen.TryAdd(TrafficKey(rule), rule.Id))
                    sink.Soft($"{path}.rules[{rule.Id}]", $"the rule duplicates {seen[TrafficKey(rule)]} ({rule})");
            }
            CheckRuleQuota(group.Rules, Direction.Inbound, estate, path, sink);
            CheckRuleQuota(group.Rules, Direction.Outbound, estate, path, sink);
        }
    }

    private static void CheckName(SecurityGroup group, string path, ValidationSink sink)
    {
        if (string.IsNullOrWhiteSpace(group.Name))
        {
            sink.Error($"{path}.name", "a group name is required");
            return;
        }
        if (group.Name.StartsWith(AwsLimits.ReservedGroupNamePrefix, StringComparison.OrdinalIgnoreCase))
            sink.Soft($"{path}.name", AwsLimits.ReservedGroupNameMessage);
        RuleValidator.CheckText(group.Name, $"{path}.name", "name", AwsLimits.GroupNameMaxLength, sink);
    }

    /// <summary>True when both rules admit the same traffic from or to the same peer.</summary>
    public static bool SameTraffic(Rule a, Rule b) => TrafficKey(a) == TrafficKey(b);

    private static (Direction, int, int, int, Peer) TrafficKey(Rule rule) =>
        (rule.Direction, rule.Protocol.Number, rule.PortsIgnored ? -1 : rule.FromPort, rule.PortsIgnored ? -1 : rule.ToPort, rule.Peer);

    public static void CheckRuleQuota(IReadOnlyCollection<Rule> rules, Direction direction, Estate estate, string path, ValidationSink sink)
    {
        // The quota counts rules per peer, which is what the model stores (one peer per rule), and a prefix list as its
        // maximum entries. An estate over it is an error in the designer, a warning on import (raised quotas are real).
        var quota = estate.Quotas.RulesPerDirection;
        var count = RuleQuota.Count(rules, direction, estate.PrefixLists);
        var what = DirectionText.Of(direction);
        if (count > quota)
            sink.Soft($"{path}.rules", $"{count} {what} rules exceed the quota of {quota} per group");
        else if (count == quota)
            sink.Warn($"{path}.rules", $"{count} {what} rules: the group is at its quota of {quota}");
    }
}
