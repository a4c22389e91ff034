using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>A CIDR attribute of an imported Terraform file, for the groups' and the ACLs' readers alike.</summary>
internal static class TerraformCidrs
{
    /// <summary>The CIDR at <paramref name="node"/>; fails at its path, and notes host bits and the like as warnings.</summary>
    public static Cidr Read(JsonInput node, string fileName, List<ValidationError> warnings)
    {
        var parsed = Cidr.Parse(node.String());
        if (!parsed.IsOk)
            throw node.Fail(parsed.Error!);
        if (parsed.Warning is { } warning)
            warnings.Add(new ValidationError($"{fileName}:{node.Path}", warning));
        return parsed.Value;
    }
}
