using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Plans;

/// <summary>Reads a Terraform state as <c>terraform show -json</c> prints it (also a plan's <c>prior_state</c>).</summary>
public static class TerraformStateReader
{
    /// <summary>The managed resources of a state file; errors name the file and the JSON path.</summary>
    public static ParseResult<ImmutableArray<PlannedResource>> Read(string? json, string fileName)
    {
        var parsed = JsonInput.ParseDocument(json);
        if (!parsed.IsOk)
            return ParseResult<ImmutableArray<PlannedResource>>.Fail($"{fileName}: {parsed.Error}");
        using var document = parsed.Value;
        try
        {
            var root = new JsonInput(document.RootElement, "$").Object();
            if (root.Optional("resource_changes") is not null)
                throw root.Fail("this is a Terraform plan, not a state: give it with --plan, and the state (terraform show -json) with --state");
            if (root.Optional("resources") is not null && root.Optional("version") is not null)
                throw root.Fail("this is a raw terraform.tfstate file: give what `terraform show -json` prints for it");
            return ParseResult<ImmutableArray<PlannedResource>>.Ok(Resources(root));
        }
        catch (JsonInputException e)
        {
            return ParseResult<ImmutableArray<PlannedResource>>.Fail(e.ToError(fileName).ToString());
        }
    }

    /// <summary>The managed resources under <c>values.root_module</c> and its child modules (an empty state has no values).</summary>
    internal static ImmutableArray<PlannedResource> Resources(JsonInput state)
    {
        var result = ImmutableArray.CreateBuilder<PlannedResource>();
        if (state.Optional("values")?.Optional("root_module") is { } root)
            Collect(root, result);
        return result.ToImmutable();
    }

    private static void Collect(JsonInput module, ImmutableArray<PlannedResource>.Builder into)
    {
        foreach (var resource in module.ItemsOf("resources"))
        {
            if (resource.Optional("mode")?.String() == "data")
                continue;
            var values = resource.Optional("values") is { Kind: JsonValueKind.Object } v ? (JsonObject)JsonNode.Parse(v.Element.GetRawText())! : [];
            into.Add(new PlannedResource(ResourceAddress.Read(resource), resource.RequiredString("type"), PlanAction.NoOp, values, (JsonObject)values.DeepClone()));
        }
        foreach (var child in module.ItemsOf("child_modules"))
            Collect(child, into);
    }
}
