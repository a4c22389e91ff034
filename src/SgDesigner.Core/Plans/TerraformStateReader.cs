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
            return ParseResult<ImmutableArray<PlannedResource>>.Ok(StateResources(document.RootElement));
        }
        catch (JsonInputException e)
        {
            return ParseResult<ImmutableArray<PlannedResource>>.Fail(e.ToError(fileName).ToString());
        }
    }

    /// <summary>
    /// As <see cref="Read"/>, with the problem apart from its place (<c>file:$.json.path</c>), for an answer that keys
    /// its errors by place (the API's snapshot upload).
    /// </summary>
    public static (ImmutableArray<PlannedResource> Resources, ValidationError? Error) ReadAt(string? json, string fileName)
    {
        var parsed = JsonInput.ParseDocument(json);
        if (!parsed.IsOk)
            return ([], new ValidationError($"{fileName}:$", parsed.Error!));
        using var document = parsed.Value;
        try
        {
            return (StateResources(document.RootElement), null);
        }
        catch (JsonInputException e)
        {
            return ([], e.ToError(fileName));
        }
    }

    // Throws JsonInputException at the place of the first problem. The messages name no command or option: the CLI's
    // impact and drift and the app's upload all read states here.
    private static ImmutableArray<PlannedResource> StateResources(JsonElement element)
    {
        var root = new JsonInput(element, "$").Object();
        if (root.Optional("resource_changes") is not null)
            throw root.Fail("this is a Terraform plan, not a state: give the state as `terraform show -json` prints it (a plan's impact is read from the plan itself, by sgd impact --plan or the plan-impact page)");
        if (root.Optional("resources") is not null && root.Optional("version") is not null)
            throw root.Fail("this is a raw terraform.tfstate file: give what `terraform show -json` prints for it");
        return Resources(root);
    }

    /// <summary>The managed resources under <c>values.root_module</c> and its child modules (an empty state has no values).</summary>
    internal static ImmutableArray<PlannedResource> Resources(JsonInput state)
    {
        var result = ImmutableArray.CreateBuilder<PlannedResource>();
        if (state.Optional("values")?.Optional("root_module") is { } root)
        {
            ResourceAddress.RefuseRepeats(Managed(root));
            Collect(root, result);
        }
        return result.ToImmutable();
    }

    private static IEnumerable<JsonInput> Managed(JsonInput module) =>
        module.ItemsOf("resources").Where(r => r.Optional("mode")?.String() != "data").Concat(module.ItemsOf("child_modules").SelectMany(Managed));

    private static void Collect(JsonInput module, ImmutableArray<PlannedResource>.Builder into)
    {
        foreach (var resource in module.ItemsOf("resources"))
        {
            if (resource.Optional("mode")?.String() == "data")
                continue;
            var values = resource.Optional("values") is { } v ? (JsonObject)JsonNode.Parse(v.Object().Element.GetRawText())! : [];
            into.Add(new PlannedResource(ResourceAddress.Read(resource), resource.RequiredString("type"), PlanAction.NoOp, values, (JsonObject)values.DeepClone())
            {
                JsonPath = resource.Path,
            });
        }
        foreach (var child in module.ItemsOf("child_modules"))
            Collect(child, into);
    }
}
