using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>The resource and variable names of one export, derived from names and ids so they are stable.</summary>
internal sealed class TerraformNamePlan
{
    /// <summary>The resource type of a VPC's default group, which AWS creates with the VPC and Terraform adopts.</summary>
    public const string DefaultGroupType = "aws_default_security_group";

    /// <summary>The resource type of every other group.</summary>
    public const string GroupType = "aws_security_group";

    private readonly HashSet<string> _defaultGroupIds;

    private TerraformNamePlan(Dictionary<string, string> groups, HashSet<string> defaultGroupIds, Dictionary<string, string> rules, SortedDictionary<string, string> vpcVariables)
    {
        Groups = groups;
        _defaultGroupIds = defaultGroupIds;
        Rules = rules;
        VpcVariables = vpcVariables;
    }

    /// <summary>Group id → resource name (from the group's name), unique across both group resource types.</summary>
    public Dictionary<string, string> Groups { get; }

    /// <summary>Rule id → rule resource name (<c>{group}_{rule id}</c>).</summary>
    public Dictionary<string, string> Rules { get; }

    /// <summary>VPC id → variable name, in VPC id order.</summary>
    public SortedDictionary<string, string> VpcVariables { get; }

    /// <summary>True for a VPC's default group: AWS reserves the name <c>default</c> for it.</summary>
    public static bool IsDefaultGroup(SecurityGroup group) => group.Name == "default";

    public static TerraformNamePlan For(Estate estate)
    {
        var groups = TerraformNames.Unique(estate.Groups.Select(g => (g.Id, TerraformNames.Identifier(g.Name, "sg"))));
        var defaults = estate.Groups.Where(IsDefaultGroup).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var rules = TerraformNames.Unique(estate.Groups.SelectMany(g => g.Rules.Select(r =>
            (r.Id, $"{groups[g.Id]}_{TerraformNames.Identifier(r.Id, "rule")}"))));
        // The ACLs' VPCs (and their subnets') are variables too; without ACLs the names are as they always were.
        var aclVpcs = estate.NetworkAcls.IsDefault ? [] : estate.NetworkAcls.Select(a => a.VpcId)
            .Concat(estate.Subnets.Where(s => estate.NetworkAcls.Any(a => !a.SubnetIds.IsDefault && a.SubnetIds.Contains(s.Id))).Select(s => s.VpcId));
        var vpcIds = estate.Groups.Select(g => g.VpcId).Concat(aclVpcs).Distinct().ToList();
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var unique = TerraformNames.Unique(vpcIds.Select(id => (id, vpcIds.Count == 1 ? "vpc_id" : "vpc_id_" + TerraformNames.Identifier(id, "vpc"))));
        foreach (var (id, name) in unique)
            variables[id] = name;
        return new TerraformNamePlan(groups, defaults, rules, variables);
    }

    /// <summary>The resource type the group is written as.</summary>
    public string GroupTypeOf(string groupId) => _defaultGroupIds.Contains(groupId) ? DefaultGroupType : GroupType;

    /// <summary>An interpolation of a group in the export, or the literal id of a group that is not (stale, or another account's).</summary>
    public string GroupReference(string groupId) => Groups.TryGetValue(groupId, out var name)
        ? $"${{{GroupTypeOf(groupId)}.{name}.id}}"
        : TerraformNames.Escape(groupId);
}
