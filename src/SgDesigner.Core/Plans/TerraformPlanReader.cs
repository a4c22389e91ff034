using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Plans;

/// <summary>
/// Reads what <c>terraform show -json tfplan</c> prints (plan format 1.x): the managed resources it creates, updates and
/// destroys, and its <c>prior_state</c> when the plan was made against one.
/// </summary>
/// <remarks>
/// A value Terraform learns only on apply (the id of a group created by the same plan) is absent from
/// <c>change.after</c>; the reader takes it from the configuration's expression instead (its <c>references</c>, or a
/// JSON configuration's <c>${…}</c> template), so a rule of a group that does not exist yet still knows its group.
/// </remarks>
public static partial class TerraformPlanReader
{
    private static readonly string[] ReferenceAttributes =
        ["security_group_id", "referenced_security_group_id", "source_security_group_id", "vpc_id", "network_acl_id", "subnet_id"];
    private static readonly string[] BlockAttributes = ["ingress", "egress"];

    /// <summary>Reads a plan; errors name the file and the JSON path.</summary>
    public static ParseResult<TerraformPlan> Read(string? json, string fileName)
    {
        var (plan, error) = ReadAt(json, fileName);
        return plan is not null ? ParseResult<TerraformPlan>.Ok(plan) : ParseResult<TerraformPlan>.Fail(error!.ToString());
    }

    /// <summary>
    /// As <see cref="Read"/>, with the problem apart from its place (<c>file:$.json.path</c>), for an answer that keys
    /// its errors by place (the API's plan impact, as the snapshot upload does with <see cref="TerraformStateReader.ReadAt"/>).
    /// </summary>
    public static (TerraformPlan? Plan, ValidationError? Error) ReadAt(string? json, string fileName)
    {
        var parsed = JsonInput.ParseDocument(json);
        if (!parsed.IsOk)
            return (null, new ValidationError($"{fileName}:$", parsed.Error!));
        using var document = parsed.Value;
        try
        {
            return (Plan(document.RootElement), null);
        }
        catch (JsonInputException e)
        {
            return (null, e.ToError(fileName));
        }
    }

    private static TerraformPlan Plan(JsonElement element)
    {
        var root = new JsonInput(element, "$").Object();
        if (root.Optional("resource_changes") is null && root.Optional("planned_values") is null)
        {
            throw root.Optional("values") is not null
                ? root.Fail("this is a Terraform state (terraform show -json), not a plan: give it with --state, and the plan (terraform show -json tfplan) with --plan")
                : root.Fail("not a Terraform plan: expected resource_changes, as `terraform show -json tfplan` prints");
        }
        var expressions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.Optional("configuration")?.Optional("root_module") is { } rootModule)
            CollectExpressions(rootModule, "", expressions);
        var changes = root.ItemsOf("resource_changes").Where(r => r.Optional("mode")?.String() != "data").ToList();
        // A deposed object (create_before_destroy) shares its address with the current one; any other repeat would
        // have the second silently replace the first.
        ResourceAddress.RefuseRepeats(changes.Where(r => r.Optional("deposed") is null));
        var resources = changes.Select(r => Change(r, expressions)).ToImmutableArray();
        var prior = root.Optional("prior_state") is { } state ? TerraformStateReader.Resources(state) : [];
        return new TerraformPlan(resources, prior);
    }

    private static PlannedResource Change(JsonInput node, Dictionary<string, JsonElement> expressions)
    {
        var address = ResourceAddress.Read(node);
        // The old object of a create_before_destroy replacement, still in the state beside the current one: an object
        // of its own (named as `terraform plan` prints it), or it would take the current object's place in the impact.
        var deposed = node.Optional("deposed") is { } key ? DeposedKey(key) : null;
        if (deposed is not null)
            address += $" (deposed object {deposed})";
        var type = node.RequiredString("type");
        var change = node.Required("change").Object();
        var actionsNode = change.Required("actions");
        var actions = actionsNode.Items().Select(a => a.String()).ToList();
        var action = actions switch
        {
            ["no-op"] => PlanAction.NoOp,
            ["create"] => PlanAction.Create,
            ["update"] => PlanAction.Update,
            ["delete"] => PlanAction.Delete,
            ["read"] => PlanAction.Read,
            ["forget"] => PlanAction.Forget,
            ["delete", "create"] or ["create", "delete"] => PlanAction.Replace,
            _ => throw actionsNode.Fail($"unknown actions [{string.Join(", ", actions)}]"),
        };
        // Terraform only ever destroys (or forgets) a deposed object; anything else would bring back an object no configuration holds.
        if (deposed is not null && action is not (PlanAction.Delete or PlanAction.Forget or PlanAction.NoOp))
            throw actionsNode.Fail($"[{string.Join(", ", actions)}] for a deposed object; Terraform only deletes (or forgets) a deposed object");
        // An object or null: "after": [] read as absent would turn an update into a delete.
        var before = change.Optional("before") is { } b ? (JsonObject)JsonNode.Parse(b.Object().Element.GetRawText())! : null;
        var after = change.Optional("after") is { } a ? (JsonObject)JsonNode.Parse(a.Object().Element.GetRawText())! : null;
        if (action is PlanAction.Forget)
            after = null;
        if (after is not null && change.Optional("after_unknown") is { Kind: JsonValueKind.Object } unknown)
        {
            var module = ModulePrefix(node.Optional("module_address")?.String());
            expressions.TryGetValue(module + type + "." + node.RequiredString("name"), out var config);
            FillUnknown(after, unknown.Element, config, module);
        }
        return new PlannedResource(address, type, action, before, after) { JsonPath = node.Path };
    }

    /// <summary>A deposed object's key: Terraform writes 8 hex digits; a longer or other text is refused, since the address echoes it.</summary>
    private static string DeposedKey(JsonInput key)
    {
        var text = key.String();
        return text.Length is > 0 and <= 32 && text.All(char.IsAsciiLetterOrDigit)
            ? text
            : throw key.Fail("a deposed key is letters and digits (Terraform writes 8 hex digits, e.g. \"1a2b3c4d\")");
    }

    /// <summary>Values known only after apply, taken from the configuration: group and VPC references and inline blocks.</summary>
    private static void FillUnknown(JsonObject after, JsonElement unknown, JsonElement config, string module)
    {
        var expressions = config.ValueKind == JsonValueKind.Object && config.TryGetProperty("expressions", out var e) ? e : default;
        foreach (var attribute in ReferenceAttributes)
        {
            if (after[attribute] is not null || !IsUnknown(unknown, attribute))
                continue;
            if (Reference(Expression(expressions, attribute), module) is { } reference)
                after[attribute] = reference;
        }
        if (after["subnet_ids"] is null && IsUnknown(unknown, "subnet_ids"))
            after["subnet_ids"] = References(Expression(expressions, "subnet_ids"), module);
        foreach (var attribute in BlockAttributes)
        {
            if (after[attribute] is JsonArray known && !IsUnknown(unknown, attribute))
            {
                if (known.Count > 0 || Expression(expressions, attribute).ValueKind == JsonValueKind.Undefined)
                    continue;
            }
            else if (!IsUnknown(unknown, attribute))
            {
                continue;
            }
            if (Blocks(Expression(expressions, attribute), module) is { } blocks)
                after[attribute] = blocks;
        }
    }

    private static bool IsUnknown(JsonElement unknown, string attribute) =>
        unknown.TryGetProperty(attribute, out var value) && (value.ValueKind == JsonValueKind.True || ContainsTrue(value));

    private static bool ContainsTrue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Array => value.EnumerateArray().Any(ContainsTrue),
        JsonValueKind.Object => value.EnumerateObject().Any(p => ContainsTrue(p.Value)),
        _ => false,
    };

    private static JsonElement Expression(JsonElement expressions, string attribute) =>
        expressions.ValueKind == JsonValueKind.Object && expressions.TryGetProperty(attribute, out var value) ? value : default;

    /// <summary>A reference expression as <c>${ADDRESS.id}</c> with the module's prefix, or null when it names no resource.</summary>
    private static string? Reference(JsonElement expression, string module)
    {
        if (expression.ValueKind != JsonValueKind.Object)
            return null;
        if (expression.TryGetProperty("references", out var references) && references.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in references.EnumerateArray())
            {
                var match = ResourceReference().Match(r.GetString() ?? "");
                if (match.Success)
                    return "${" + module + match.Groups[1].Value + ".id}";
            }
        }
        if (expression.TryGetProperty("constant_value", out var constant) && constant.ValueKind == JsonValueKind.String)
            return ModuleTemplate(constant.GetString()!, module);
        return null;
    }

    /// <summary>A list of references (an ACL's <c>subnet_ids</c>) as <c>${ADDRESS.id}</c> each; one <see cref="UnknownValue"/>
    /// when the expression names no resource, so the reader can say what it could not know.</summary>
    private static JsonArray References(JsonElement expression, string module)
    {
        var addresses = expression.ValueKind == JsonValueKind.Object && expression.TryGetProperty("references", out var references) && references.ValueKind == JsonValueKind.Array
            ? references.EnumerateArray().Select(r => ResourceReference().Match(r.GetString() ?? "")).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToList()
            : [];
        // "aws_subnet.a.id" and "aws_subnet.a" both match: keep the shorter forms once.
        addresses = [.. addresses.Where(a => !addresses.Any(o => o != a && a.StartsWith(o + "[", StringComparison.Ordinal)))];
        return addresses.Count == 0
            ? [(JsonNode?)JsonValue.Create(UnknownValue)]
            : new JsonArray([.. addresses.Select(a => (JsonNode?)JsonValue.Create("${" + module + a + ".id}"))]);
    }

    /// <summary>Stands for a value Terraform knows only after apply and the configuration does not name.</summary>
    public const string UnknownValue = "${unknown}";

    /// <summary>Inline ingress/egress blocks from the configuration: a JSON configuration's constant list, or HCL blocks
    /// whose fields are expressions.</summary>
    private static JsonArray? Blocks(JsonElement expression, string module)
    {
        if (expression.ValueKind == JsonValueKind.Object && expression.TryGetProperty("constant_value", out var constant) && constant.ValueKind == JsonValueKind.Array)
        {
            var blocks = (JsonArray)JsonNode.Parse(constant.GetRawText())!;
            foreach (var block in blocks.OfType<JsonObject>())
            {
                if (block["security_groups"] is JsonArray groups)
                    block["security_groups"] = new JsonArray([.. groups.Select(g => (JsonNode?)JsonValue.Create(ModuleTemplate(g!.GetValue<string>(), module)))]);
            }
            return blocks;
        }
        if (expression.ValueKind != JsonValueKind.Array)
            return null;
        var result = new JsonArray();
        foreach (var block in expression.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object))
        {
            var item = new JsonObject();
            foreach (var field in block.EnumerateObject())
            {
                if (field.Value.ValueKind == JsonValueKind.Object && field.Value.TryGetProperty("constant_value", out var value))
                    item[field.Name] = JsonNode.Parse(value.GetRawText());
                else if (field.Name == "security_groups" && field.Value.TryGetProperty("references", out var refs))
                    item[field.Name] = new JsonArray([.. refs.EnumerateArray().Select(r => ResourceReference().Match(r.GetString() ?? "")).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Select(a => (JsonNode?)JsonValue.Create("${" + module + a + ".id}"))]);
            }
            result.Add(item);
        }
        return result;
    }

    /// <summary>A JSON configuration's <c>${aws_security_group.x.id}</c>, with the module prefix added to the address.</summary>
    private static string ModuleTemplate(string text, string module)
    {
        var match = TemplateReference().Match(text);
        return match.Success ? "${" + module + match.Groups[1].Value + ".id}" : text;
    }

    private static string ModulePrefix(string? moduleAddress) =>
        string.IsNullOrEmpty(moduleAddress) ? "" : IndexSuffix().Replace(moduleAddress, "") + ".";

    /// <summary>Every resource's expressions, keyed by module path + type + name (instances of count/for_each share one).</summary>
    private static void CollectExpressions(JsonInput module, string prefix, Dictionary<string, JsonElement> into)
    {
        foreach (var resource in module.ItemsOf("resources"))
        {
            if (resource.Optional("mode")?.String() == "data")
                continue;
            into[prefix + resource.RequiredString("type") + "." + resource.RequiredString("name")] = resource.Element;
        }
        foreach (var (name, call) in module.Optional("module_calls")?.Properties() ?? [])
        {
            if (call.Optional("module") is { } child)
                CollectExpressions(child, prefix + "module." + name + ".", into);
        }
    }

    [GeneratedRegex(@"^((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?)(?:\.id)?$")]
    private static partial Regex ResourceReference();

    [GeneratedRegex(@"^\$\{((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?)\.id\}$")]
    private static partial Regex TemplateReference();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex IndexSuffix();
}
