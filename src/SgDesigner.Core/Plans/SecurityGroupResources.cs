using System.Collections.Immutable;
using System.Text.Json.Nodes;
using SgDesigner.Core.Model;
using SgDesigner.Core.Terraform;

namespace SgDesigner.Core.Plans;

/// <summary>The groups and rules of one side of a plan (or of a state), read by <see cref="SecurityGroupResources"/>.</summary>
/// <param name="Groups">The groups of the plan's group resources, with their inline rules and rule resources.</param>
/// <param name="RulesOfOtherGroups">Rule resources of groups the plan does not hold (given by a literal id), per group id.</param>
public sealed record SideGroups(ImmutableArray<SecurityGroup> Groups, ImmutableDictionary<string, ImmutableArray<Rule>> RulesOfOtherGroups);

/// <summary>
/// Turns Terraform resource values (a plan's before or after, or a state's) into groups and rules, by writing them as
/// Terraform JSON and reading that with <see cref="TerraformImporter"/>: one reading of the AWS provider's
/// arguments for exports, plans and states alike.
/// </summary>
/// <remarks>
/// A rule resource's id is its address, so the impact names the resource behind each flow; an inline rule has the
/// id <see cref="TerraformImporter"/> derives from its content, so the same rule before and after matches even when
/// Terraform lists a group's blocks in another order.
/// </remarks>
public sealed class SecurityGroupResources
{
    private readonly ImmutableArray<PlannedResource> _resources;
    private readonly Estate _base;
    private readonly Dictionary<string, string> _groupIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _addressOfId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names;

    /// <summary>Assigns every group resource its id: its own when known, else the <paramref name="baseEstate"/> group
    /// with its VPC and name (the designed group it deploys), else its address.</summary>
    public SecurityGroupResources(IEnumerable<PlannedResource> resources, Estate baseEstate)
    {
        _resources = [.. resources.Where(r => r.IsSecurityGroupResource)];
        _base = baseEstate;
        _names = SyntheticTerraform.Names(_resources);
        foreach (var r in _resources.Where(r => r.IsGroup))
        {
            var id = Text(r.Before, "id") ?? Text(r.After, "id") ?? DesignedGroup(r)?.Id ?? r.Address;
            _groupIds[r.Address] = id;
            _addressOfId.TryAdd(id, r.Address);
        }
    }

    /// <summary>Group id → the address of the group resource behind it.</summary>
    public IReadOnlyDictionary<string, string> GroupAddresses => _addressOfId;

    /// <summary>The ids of every group the resources hold, on either side.</summary>
    public IEnumerable<string> GroupIds => _groupIds.Values;

    /// <summary>The addresses of the rule resources, and the AWS ids (<c>sgr-…</c>) of those that exist: a policy
    /// imported from AWS has the same ids, so its copy of a rule the plan changes is the plan's.</summary>
    public IEnumerable<string> RuleAddresses => _resources.Where(r => !r.IsGroup)
        .SelectMany(r => new[] { r.Address, Text(r.Before, "security_group_rule_id") ?? Text(r.Before, "id") })
        .OfType<string>();

    /// <summary>The groups and rules on <paramref name="side"/>; warnings name the resource address.</summary>
    public ParseResult<SideGroups> Read(PlanSide side, List<string> warnings)
    {
        foreach (var r in _resources.Where(r => r.On(side) is not null))
        {
            string[] ids = r.IsGroup ? ["id", "vpc_id"] : ["id", "security_group_rule_id", "security_group_id", "referenced_security_group_id", "source_security_group_id"];
            if (SyntheticTerraform.TypeProblem(r, r.On(side)!, ids, []) is { } problem)
                return ParseResult<SideGroups>.Fail(problem, r.JsonPath);
        }
        var resource = new JsonObject();
        var groupIds = new JsonObject();
        var ruleIds = new JsonObject();
        var stubs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in _resources.Where(r => r.IsGroup && r.On(side) is not null))
        {
            var values = SyntheticTerraform.Escaped(r.On(side)!);
            foreach (var block in new[] { "ingress", "egress" })
            {
                if (values[block] is not JsonArray items)
                    continue;
                foreach (var item in items.OfType<JsonObject>())
                {
                    if (item["security_groups"] is JsonArray peers)
                        item["security_groups"] = new JsonArray([.. peers.Select(p => (JsonNode?)JsonValue.Create(Peer(RawOf(p), r.Address, warnings)))]);
                }
            }
            if (values["vpc_id"] is null)
            {
                warnings.Add($"{r.Address}: its VPC is not known; skipped");
                continue;
            }
            SyntheticTerraform.Add(resource, r.Type, _names[r.Address], values);
            groupIds[_names[r.Address]] = TerraformNames.Escape(_groupIds[r.Address]);
        }
        foreach (var r in _resources.Where(r => !r.IsGroup && r.On(side) is not null))
        {
            var raw = r.On(side)!;
            var owner = Owner(Text(raw, "security_group_id"), r.Address, side, stubs, resource, groupIds, warnings);
            if (owner is null)
                continue;
            var values = SyntheticTerraform.Escaped(raw);
            values["security_group_id"] = owner;
            foreach (var peer in new[] { "referenced_security_group_id", "source_security_group_id" })
            {
                if (Text(raw, peer) is { } text)
                    values[peer] = Peer(text, r.Address, warnings);
            }
            SyntheticTerraform.Add(resource, r.Type, _names[r.Address], values);
            if (r.Type != "aws_security_group_rule")
                ruleIds[_names[r.Address]] = TerraformNames.Escape(r.Address);
        }
        var config = new JsonObject
        {
            ["locals"] = new JsonObject { [TerraformExporter.IdsLocal] = new JsonObject { ["groups"] = groupIds, ["rules"] = ruleIds } },
            ["resource"] = resource,
        };
        var imported = TerraformImporter.Import(config.ToJsonString());
        if (!imported.IsOk)
            return ParseResult<SideGroups>.Fail(InAddresses(imported.Error!.ToString()), SyntheticTerraform.SourceOf(imported.Error!, _names, _resources));
        warnings.AddRange(imported.Warnings.Select(w => InAddresses(w.ToString())));
        var stubIds = stubs.Keys.ToHashSet(StringComparer.Ordinal);
        var groups = imported.Estate!.Groups.Where(g => !stubIds.Contains(g.Id)).ToImmutableArray();
        var others = imported.Estate.Groups.Where(g => stubIds.Contains(g.Id)).ToImmutableDictionary(g => g.Id, g => g.Rules, StringComparer.Ordinal);
        return ParseResult<SideGroups>.Ok(new SideGroups(groups, others));
    }

    /// <summary>The rule's group as a reference to a group of the config; a group only the base estate holds gets a stub.</summary>
    private string? Owner(string? text, string address, PlanSide side, Dictionary<string, string> stubs, JsonObject resource, JsonObject groupIds, List<string> warnings)
    {
        if (text is null)
        {
            warnings.Add($"{address}: its security_group_id is not known; skipped");
            return null;
        }
        var target = GroupAddress(text);
        if (target is not null && _groupIds.ContainsKey(target))
        {
            if (_resources.Any(g => g.Address == target && g.On(side) is not null))
                return $"${{aws_security_group.{_names[target]}.id}}";
            warnings.Add($"{address}: its group {target} does not exist on this side of the plan; skipped");
            return null;
        }
        if (target is null && _base.FindGroup(text) is { } baseGroup)
        {
            if (!stubs.TryGetValue(text, out var stub))
            {
                stub = $"other_{stubs.Count + 1}";
                stubs[text] = stub;
                SyntheticTerraform.Add(resource, "aws_security_group", stub, new JsonObject
                {
                    ["vpc_id"] = TerraformNames.Escape(baseGroup.VpcId),
                    ["name"] = TerraformNames.Escape(baseGroup.Name),
                    ["description"] = TerraformNames.Escape(baseGroup.Description),
                });
                groupIds[stub] = TerraformNames.Escape(text);
            }
            return $"${{aws_security_group.{stub}.id}}";
        }
        warnings.Add($"{address}: its group {text} is neither in the plan nor in the policy; skipped");
        return null;
    }

    /// <summary>A peer group: a reference to a group of the plan, or the literal id (escaped) of any other group.</summary>
    private string Peer(string text, string address, List<string> warnings)
    {
        var target = GroupAddress(text);
        if (target is not null && _groupIds.TryGetValue(target, out var known))
            return TerraformNames.Escape(known);
        if (target is not null)
        {
            warnings.Add($"{address}: it references {target}, which the plan does not hold as a group; read as a group of that id");
            return TerraformNames.Escape(target);
        }
        return TerraformNames.Escape(text);
    }

    /// <summary>The address inside <c>${ADDRESS.id}</c>, or null for a literal id; a literal id of a plan group gives
    /// that group's address.</summary>
    private string? GroupAddress(string text)
    {
        if (SyntheticTerraform.ReferencedAddress(text) is { } referenced)
            return referenced;
        return _addressOfId.TryGetValue(text, out var address) ? address : null;
    }

    private SecurityGroup? DesignedGroup(PlannedResource r)
    {
        var values = r.After ?? r.Before;
        var vpc = Text(values, "vpc_id");
        var name = r.Type == "aws_default_security_group" ? "default" : Text(values, "name");
        if (vpc is null || name is null)
            return null;
        return _base.Groups.FirstOrDefault(g => g.VpcId == vpc && string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private string InAddresses(string message) => SyntheticTerraform.InAddresses(message, _names);

    private static string RawOf(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";

    private static string? Text(JsonObject? values, string name) => SyntheticTerraform.Text(values, name);
}
