using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>The resource and variable names of one export, derived from names and ids so they are stable.</summary>
internal sealed class TerraformNamePlan
{
    private TerraformNamePlan(Dictionary<string, string> groups, Dictionary<string, string> rules, SortedDictionary<string, string> vpcVariables)
    {
        Groups = groups;
        Rules = rules;
        VpcVariables = vpcVariables;
    }

    /// <summary>Group id → <c>aws_security_group</c> resource name (from the group's name).</summary>
    public Dictionary<string, string> Groups { get; }

    /// <summary>Rule id → rule resource name (<c>{group}_{rule id}</c>).</summary>
    public Dictionary<string, string> Rules { get; }

    /// <summary>VPC id → variable name, in VPC id order.</summary>
    public SortedDictionary<string, string> VpcVariables { get; }

    public static TerraformNamePlan For(Estate estate)
    {
        var groups = TerraformNames.Unique(estate.Groups.Select(g => (g.Id, TerraformNames.Identifier(g.Name, "sg"))));
        var rules = TerraformNames.Unique(estate.Groups.SelectMany(g => g.Rules.Select(r =>
            (r.Id, $"{groups[g.Id]}_{TerraformNames.Identifier(r.Id, "rule")}"))));
        var vpcIds = estate.Groups.Select(g => g.VpcId).Distinct().ToList();
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var unique = TerraformNames.Unique(vpcIds.Select(id => (id, vpcIds.Count == 1 ? "vpc_id" : "vpc_id_" + TerraformNames.Identifier(id, "vpc"))));
        foreach (var (id, name) in unique)
            variables[id] = name;
        return new TerraformNamePlan(groups, rules, variables);
    }

    /// <summary>An interpolation of a group in the export, or the literal id of a group that is not (stale).</summary>
    public string GroupReference(string groupId) => Groups.TryGetValue(groupId, out var name)
        ? $"${{aws_security_group.{name}.id}}"
        : TerraformNames.Escape(groupId);
}
