using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>
/// The resource and variable names of the network ACLs in one export, derived from names and ids only (like
/// <see cref="TerraformNamePlan"/>), so an export of the same policy names them the same.
/// </summary>
internal sealed class TerraformAclNames
{
    /// <summary>A VPC's default ACL, which AWS creates with the VPC and Terraform adopts.</summary>
    public const string DefaultAclType = "aws_default_network_acl";

    /// <summary>Every other ACL.</summary>
    public const string AclType = "aws_network_acl";

    /// <summary>One rule of a custom ACL.</summary>
    public const string RuleType = "aws_network_acl_rule";

    private TerraformAclNames(Dictionary<string, string> acls, SortedDictionary<string, string> subnets, SortedDictionary<string, string> defaultIds)
    {
        Acls = acls;
        SubnetVariables = subnets;
        DefaultAclIdVariables = defaultIds;
    }

    /// <summary>ACL id → resource name (from its Name tag, else its id), unique across both ACL resource types.</summary>
    public Dictionary<string, string> Acls { get; }

    /// <summary>Subnet id → variable name (<c>subnet_id_…</c>), for every subnet an ACL is associated with, in id order.</summary>
    public SortedDictionary<string, string> SubnetVariables { get; }

    /// <summary>Default ACL id → variable name (<c>default_network_acl_id_…</c>), in id order.</summary>
    public SortedDictionary<string, string> DefaultAclIdVariables { get; }

    public static TerraformAclNames For(Estate estate)
    {
        var acls = estate.NetworkAcls.IsDefault ? [] : estate.NetworkAcls;
        var names = TerraformNames.Unique(acls.Select(a => (a.Id, TerraformNames.Identifier(a.Name ?? a.Id, "acl"))));
        var subnets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var subnetIds = acls.SelectMany(a => a.SubnetIds.IsDefault ? [] : a.SubnetIds).Distinct(StringComparer.Ordinal);
        foreach (var (id, name) in TerraformNames.Unique(subnetIds.Select(id => (id, "subnet_id_" + TerraformNames.Identifier(id, "subnet")))))
            subnets[id] = name;
        var defaults = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, name) in TerraformNames.Unique(acls.Where(a => a.IsDefault).Select(a => (a.Id, "default_network_acl_id_" + TerraformNames.Identifier(a.Id, "acl")))))
            defaults[id] = name;
        return new TerraformAclNames(names, subnets, defaults);
    }

    /// <summary>The resource type the ACL is written as.</summary>
    public static string TypeOf(NetworkAcl acl) => acl.IsDefault ? DefaultAclType : AclType;

    /// <summary>The name of one rule resource of a custom ACL: <c>{acl}_ingress_100</c>; unique as rule numbers are per direction.</summary>
    public string RuleName(NetworkAcl acl, Direction direction, NetworkAclEntry entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{Acls[acl.Id]}_{(direction == Direction.Inbound ? "ingress" : "egress")}_{entry.RuleNumber}");
}
