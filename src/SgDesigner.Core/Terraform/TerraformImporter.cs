using System.Text.RegularExpressions;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>
/// Reads Terraform JSON with <c>aws_security_group</c> (and <c>aws_default_security_group</c>) resources and either
/// <c>aws_vpc_security_group_ingress_rule</c>/<c>_egress_rule</c> resources, older <c>aws_security_group_rule</c>
/// resources or inline blocks: what
/// <see cref="TerraformExporter"/> writes, giving back the same groups and rules (ids from <c>locals.sgd_ids</c>).
/// Files without those locals get the resource name as group id and derived rule ids. Network ACLs and the subnets
/// they are associated with are read back too (<see cref="TerraformAclReader"/>). An empty rule description
/// reads as none (AWS does not tell them apart either).
/// </summary>
public static partial class TerraformImporter
{
    /// <summary>Reads <paramref name="json"/>; errors are reported as <c>file:$.json.path</c>.</summary>
    public static TerraformImportResult Import(string? json, string fileName = "main.tf.json")
    {
        var parsed = JsonInput.ParseDocument(json);
        if (!parsed.IsOk)
            return new TerraformImportResult(null, [], new ValidationError($"{fileName}:$", parsed.Error!));
        using var document = parsed.Value;
        var warnings = new List<ValidationError>();
        try
        {
            var root = new JsonInput(document.RootElement, "$").Object();
            var reader = new TerraformReader(root, fileName, warnings);
            return new TerraformImportResult(reader.Read(), [.. warnings], null);
        }
        catch (JsonInputException e)
        {
            return new TerraformImportResult(null, [.. warnings], e.ToError(fileName));
        }
    }

    [GeneratedRegex(@"^\$\{aws_(?:default_)?security_group\.([A-Za-z_][A-Za-z0-9_-]*)\.id\}$")]
    internal static partial Regex GroupReference();

    [GeneratedRegex(@"^\$\{aws_network_acl\.([A-Za-z_][A-Za-z0-9_-]*)\.id\}$")]
    internal static partial Regex AclReference();

    [GeneratedRegex(@"^\$\{var\.([A-Za-z_][A-Za-z0-9_-]*)\}$")]
    internal static partial Regex VariableReference();

    [GeneratedRegex(@"^\$\{(.*)\}$")]
    internal static partial Regex Expression();
}
