using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Editing;

/// <summary>Adding, changing and removing security groups and their rules.</summary>
public static class GroupEdits
{
    /// <summary>
    /// Adds a group with AWS's default egress: all traffic to 0.0.0.0/0, and to ::/0 too when its VPC has an IPv6 block
    /// (security-group-rules.html, "Default rules"). Without <paramref name="vpcId"/> the group goes into the first VPC;
    /// a policy without one gets one first (10.0.0.0/16 with a subnet 10.0.0.0/24), since every group lives in a VPC.
    /// </summary>
    public static EstateEdit Add(IdSource ids, string groupId, string name, string description, string? vpcId = null,
        ImmutableSortedDictionary<string, string>? tags = null) => EditCheck.Checked(e =>
    {
        if (e.FindGroup(groupId) is not null)
            return EditResult.Invalid($"groups[{groupId}].id", $"a group with id {QuotedValue.Of(groupId)} already exists");
        var estate = vpcId is null ? NetworkEdits.WithVpc(e, ids) : e;
        var vpc = vpcId ?? estate.Vpcs[0].Id;
        var egress = ImmutableArray.Create(AllTraffic(ids, Cidr.AnyV4));
        if (estate.Vpcs.Any(v => v.Id == vpc && v.Cidrs.Any(c => c.Family == IpFamily.V6)))
            egress = egress.Add(AllTraffic(ids, Cidr.AnyV6));
        return EditResult.Ok(estate.WithGroup(new SecurityGroup(groupId, name.Trim(), description.Trim(), vpc,
            tags ?? ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal), egress)));
    });

    /// <summary>Changes a group's name, description, VPC and tags; its rules are kept.</summary>
    public static EstateEdit Change(string groupId, string name, string description, string vpcId, ImmutableSortedDictionary<string, string> tags) =>
        EditCheck.Checked(e => e.FindGroup(groupId) is { } group
            ? EditResult.Ok(e.WithGroup(group with { Name = name.Trim(), Description = description.Trim(), VpcId = vpcId, Tags = tags }))
            : GroupNotFound(groupId));

    /// <summary>Adds a group as it is, or replaces the group with its id (rules and tags included).</summary>
    public static EstateEdit Put(SecurityGroup group) => EditCheck.Checked(e => EditResult.Ok(e.WithGroup(group)));

    /// <summary>Removes a group; refused while rules or ENIs still reference it.</summary>
    public static EstateEdit Remove(string groupId) =>
        EditCheck.Remove(e => e.Groups, g => g.Id, groupId, $"groups[{groupId}]", (e, l) => e with { Groups = l });

    /// <summary>Adds a rule to a group, or replaces the rule with its id (moving it to this group if it was in another).</summary>
    public static EstateEdit PutRule(string groupId, Rule rule) => EditCheck.Checked(e =>
    {
        if (e.FindGroup(groupId) is null)
            return GroupNotFound(groupId);
        var groups = e.Groups.Select(g =>
        {
            var index = g.Rules.Select(r => r.Id).ToList().IndexOf(rule.Id);
            if (g.Id == groupId)
                return g with { Rules = index >= 0 ? g.Rules.SetItem(index, rule) : g.Rules.Add(rule) };
            return index >= 0 ? g with { Rules = g.Rules.RemoveAt(index) } : g;
        });
        return EditResult.Ok(e with { Groups = [.. groups] });
    });

    /// <summary>Adds several rules to a group at once: one edit, so one version and one undo step.</summary>
    public static EstateEdit AddRules(string groupId, IReadOnlyList<Rule> rules) => EditCheck.Checked(e =>
        e.FindGroup(groupId) is { } group
            ? EditResult.Ok(e.WithGroup(group with { Rules = group.Rules.AddRange(rules) }))
            : GroupNotFound(groupId));

    /// <summary>Removes a rule from its group.</summary>
    public static EstateEdit RemoveRule(string groupId, string ruleId) => EditCheck.Checked(e =>
        e.FindGroup(groupId) is { } group && group.Rules.Any(r => r.Id == ruleId)
            ? EditResult.Ok(e.WithGroup(group with { Rules = group.Rules.RemoveAll(r => r.Id == ruleId) }))
            : EditResult.NotFound($"groups[{groupId}].rules[{ruleId}]", $"rule {ruleId} is not in group {groupId} of the draft"));

    private static Rule AllTraffic(IdSource ids, Cidr to) => new(ids.Next("sgr-"), Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(to));

    internal static EditResult GroupNotFound(string groupId) => EditResult.NotFound($"groups[{groupId}]", $"group {groupId} is not in the draft");
}
