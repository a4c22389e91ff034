using SgDesigner.Core.Documents;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Plans;

/// <summary>A resource's <c>address</c> in a plan or state: echoed in every answer, so it is held to what Terraform writes.</summary>
internal static class ResourceAddress
{
    /// <summary>Longer than any address Terraform prints for a real configuration (module paths and for_each keys included).</summary>
    public const int MaxLength = 1024;

    /// <summary>The node's <c>address</c>; fails at its JSON path when it is empty, too long or holds a control character.</summary>
    public static string Read(JsonInput resource)
    {
        var node = resource.Required("address");
        var address = node.String();
        if (address.Length == 0)
            throw node.Fail("the resource address is empty");
        if (address.Length > MaxLength)
            throw node.Fail($"the resource address is {address.Length} characters long; Terraform's are at most {MaxLength}");
        if (address.Any(c => char.IsControl(c)))
            throw node.Fail(AwsLimits.ControlCharacterProblem(address) ?? "the resource address contains a line break or a tab");
        return address;
    }

    /// <summary>Fails at the second of two resources with the same address: Terraform lists each resource once.</summary>
    public static void RefuseRepeats(IEnumerable<JsonInput> resources)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var node = resource.Required("address");
            if (!seen.TryAdd(Read(resource), node.Path))
                throw node.Fail($"this address is given twice (also at {seen[node.String()]}); Terraform lists each resource once");
        }
    }
}
