using System.Collections.Immutable;
using System.Text.Json.Nodes;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using SgDesigner.Core.Terraform;

namespace SgDesigner.Core.Plans;

/// <summary>A network ACL rule as AWS knows it: its ACL, its direction and its number.</summary>
public readonly record struct AclRuleKey(string AclId, Direction Direction, int RuleNumber);

/// <summary>The network ACLs of one side of a plan (or of a state), read by <see cref="NetworkAclResources"/>.</summary>
/// <param name="Acls">The ACLs of the plan's ACL resources, with their inline rules, rule resources and subnets.</param>
/// <param name="OtherAcls">Per id of an ACL the plan does not hold (a literal id): the rules and subnets the plan's rule
/// and association resources give it.</param>
/// <param name="RuleAddresses">Each rule → the resource it comes from: an <c>aws_network_acl_rule</c>'s address, or
/// the ACL's address and the rule's key (<c>aws_network_acl.app inbound#100</c>) for an inline rule.</param>
/// <param name="SubnetAddresses">Each subnet the side places → the association or ACL resource placing it.</param>
public sealed record SideAcls(
    ImmutableArray<NetworkAcl> Acls,
    ImmutableDictionary<string, NetworkAcl> OtherAcls,
    ImmutableDictionary<AclRuleKey, string> RuleAddresses,
    ImmutableDictionary<string, string> SubnetAddresses);

/// <summary>
/// Turns Terraform's network-ACL resource values (<c>aws_network_acl</c>, <c>aws_default_network_acl</c>,
/// <c>aws_network_acl_rule</c>, <c>aws_network_acl_association</c>) of a plan side or a state into ACLs, by writing them
/// as Terraform JSON and reading that with <see cref="TerraformImporter"/>, as <see cref="SecurityGroupResources"/>
/// does for groups.
/// </summary>
/// <remarks>
/// An ACL's id is its own when known, else the base estate's designed ACL (the VPC's default ACL, or the ACL of the
/// same VPC and Name tag), else its address. A subnet or ACL Terraform knows only after apply is left out, with a
/// warning naming the resource.
/// </remarks>
public sealed class NetworkAclResources
{
    private const string RuleType = "aws_network_acl_rule";
    private const string AssociationType = "aws_network_acl_association";

    private readonly ImmutableArray<PlannedResource> _resources;
    private readonly Estate _base;
    private readonly Dictionary<string, string> _aclIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _addressOfId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names;

    /// <summary>Assigns every ACL resource its id.</summary>
    public NetworkAclResources(IEnumerable<PlannedResource> resources, Estate baseEstate)
    {
        _resources = [.. resources.Where(r => r.IsNetworkAclResource)];
        _base = baseEstate;
        _names = SyntheticTerraform.Names(_resources);
        foreach (var r in _resources.Where(r => r.IsNetworkAcl))
        {
            var id = Text(r.Before, "id") ?? Text(r.After, "id") ?? DefaultAclId(r) ?? DesignedAcl(r)?.Id ?? r.Address;
            _aclIds[r.Address] = id;
            _addressOfId.TryAdd(id, r.Address);
        }
    }

    /// <summary>True when the resources hold any network-ACL resource.</summary>
    public bool IsEmpty => _resources.IsEmpty;

    /// <summary>ACL id → the address of the ACL resource behind it.</summary>
    public IReadOnlyDictionary<string, string> AclAddresses => _addressOfId;

    /// <summary>The ids of every ACL the resources hold, on either side.</summary>
    public IEnumerable<string> AclIds => _aclIds.Values;

    /// <summary>The rules the rule resources hold on either side: on an ACL the plan does not hold, they replace the
    /// base's rule of the same number and direction.</summary>
    public IEnumerable<AclRuleKey> RuleKeys
    {
        get
        {
            foreach (var values in _resources.Where(r => r.Type == RuleType).SelectMany(r => new[] { r.Before, r.After }).OfType<JsonObject>())
            {
                if (OwnerId(Text(values, "network_acl_id")) is { } owner && RuleOf(values) is { } rule)
                    yield return new AclRuleKey(owner, rule.Direction, rule.Number);
            }
        }
    }

    /// <summary>The subnets the association resources place on either side: the base's placement of them gives way.</summary>
    public IEnumerable<string> AssociatedSubnets => _resources.Where(r => r.Type == AssociationType)
        .SelectMany(r => new[] { Text(r.Before, "subnet_id"), Text(r.After, "subnet_id") })
        .OfType<string>();

    /// <summary>The ACLs on <paramref name="side"/>; warnings name the resource address.</summary>
    public ParseResult<SideAcls> Read(PlanSide side, List<string> warnings)
    {
        foreach (var r in _resources.Where(r => r.On(side) is not null))
        {
            if (SyntheticTerraform.TypeProblem(r, r.On(side)!, IdFields(r.Type), r.IsNetworkAcl ? ["subnet_ids"] : []) is { } problem)
                return ParseResult<SideAcls>.Fail(problem, r.JsonPath);
        }
        var resource = new JsonObject();
        var ids = new JsonObject();
        var stubs = new Dictionary<string, string>(StringComparer.Ordinal);
        var subnets = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var ruleAddresses = ImmutableDictionary.CreateBuilder<AclRuleKey, string>();
        var subnetAddresses = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var r in _resources.Where(r => r.IsNetworkAcl && r.On(side) is not null))
        {
            var raw = r.On(side)!;
            var id = _aclIds[r.Address];
            var vpc = Text(raw, "vpc_id") ?? _base.NetworkAcls.FirstOrDefault(a => a.Id == id)?.VpcId;
            if (vpc is null || SyntheticTerraform.ReferencedAddress(vpc) is not null)
            {
                warnings.Add($"{r.Address}: its VPC is not known; skipped");
                continue;
            }
            var values = SyntheticTerraform.Escaped(raw);
            var known = KnownSubnets(raw["subnet_ids"] as JsonArray, r.Address, warnings);
            values["subnet_ids"] = new JsonArray([.. known.Select(s => (JsonNode?)JsonValue.Create(TerraformNames.Escape(s)))]);
            foreach (var subnet in known)
                subnetAddresses[subnet] = r.Address;
            DropRulesOfRuleResources(values, id);
            if (r.Type == TerraformAclNames.DefaultAclType)
                values["default_network_acl_id"] = TerraformNames.Escape(id);
            SyntheticTerraform.Add(resource, r.Type, _names[r.Address], values);
            ids[_names[r.Address]] = new JsonObject { ["id"] = TerraformNames.Escape(id), ["vpc_id"] = TerraformNames.Escape(vpc) };
        }
        foreach (var r in _resources.Where(r => r.Type is RuleType or AssociationType && r.On(side) is not null))
        {
            var raw = r.On(side)!;
            var owner = Owner(Text(raw, "network_acl_id"), r.Address, side, stubs, resource, ids, warnings);
            if (owner is null)
                continue;
            if (r.Type == AssociationType)
            {
                if (KnownSubnet(Text(raw, "subnet_id"), r.Address, warnings) is { } subnet)
                {
                    (subnets.TryGetValue(owner.Value.Id, out var list) ? list : subnets[owner.Value.Id] = []).Add(subnet);
                    subnetAddresses[subnet] = r.Address;
                }
                continue;
            }
            if (owner.Value.IsDefault)
            {
                warnings.Add($"{r.Address}: a rule resource on a default network ACL is not read; give the rules in its {TerraformAclNames.DefaultAclType}");
                continue;
            }
            var values = SyntheticTerraform.Escaped(raw);
            values["network_acl_id"] = $"${{{TerraformAclNames.AclType}.{owner.Value.Name}.id}}";
            SyntheticTerraform.Add(resource, RuleType, _names[r.Address], values);
            if (RuleOf(raw) is { } rule)
            {
                var key = new AclRuleKey(owner.Value.Id, rule.Direction, rule.Number);
                // AWS holds one rule per number and direction: the second resource's create fails, so neither is what applies.
                if (ruleAddresses.TryGetValue(key, out var other))
                    return ParseResult<SideAcls>.Fail($"{r.Address}: {DirectionText.Of(rule.Direction)} rule #{rule.Number} of {owner.Value.Id} is also {other}; AWS holds one rule per number and direction", r.JsonPath);
                ruleAddresses[key] = r.Address;
            }
        }
        var config = new JsonObject
        {
            ["locals"] = new JsonObject { [TerraformExporter.IdsLocal] = new JsonObject { ["network_acls"] = ids } },
            ["resource"] = resource,
        };
        var imported = TerraformImporter.Import(config.ToJsonString());
        if (!imported.IsOk)
            return ParseResult<SideAcls>.Fail(SyntheticTerraform.InAddresses(imported.Error!.ToString(), _names), SyntheticTerraform.SourceOf(imported.Error!, _names, _resources));
        warnings.AddRange(imported.Warnings.Select(w => SyntheticTerraform.InAddresses(w.ToString(), _names)));
        var stubIds = stubs.Keys.ToHashSet(StringComparer.Ordinal);
        var acls = imported.Estate!.NetworkAcls
            .Select(a => subnets.TryGetValue(a.Id, out var extra) ? a with { SubnetIds = [.. a.SubnetIds.Concat(extra).Distinct(StringComparer.Ordinal)] } : a)
            .ToList();
        foreach (var acl in acls.Where(a => !stubIds.Contains(a.Id)))
        {
            foreach (var direction in (Direction[])[Direction.Inbound, Direction.Outbound])
            {
                if (acl.Entries(direction).GroupBy(e => e.RuleNumber).FirstOrDefault(g => g.Count() > 1) is { } twice)
                    return ParseResult<SideAcls>.Fail($"{_addressOfId[acl.Id]}: {DirectionText.Of(direction)} rule #{twice.Key} is given twice; AWS holds one rule per number and direction",
                        _resources.First(r => r.Address == _addressOfId[acl.Id]).JsonPath);
                foreach (var entry in acl.Entries(direction))
                    ruleAddresses.TryAdd(new AclRuleKey(acl.Id, direction, entry.RuleNumber), $"{_addressOfId[acl.Id]} {ObjectChanges.RuleKey(direction, entry.RuleNumber)}");
            }
        }
        return ParseResult<SideAcls>.Ok(new SideAcls(
            [.. acls.Where(a => !stubIds.Contains(a.Id))],
            acls.Where(a => stubIds.Contains(a.Id)).ToImmutableDictionary(a => a.Id, StringComparer.Ordinal),
            ruleAddresses.ToImmutable(),
            subnetAddresses.ToImmutable()));
    }

    /// <summary>The ACL a rule or association belongs to, as the synthetic resource name it is written under; an ACL
    /// only the base estate holds gets a stub.</summary>
    private (string Id, string Name, bool IsDefault)? Owner(string? text, string address, PlanSide side, Dictionary<string, string> stubs, JsonObject resource, JsonObject ids, List<string> warnings)
    {
        if (text is null || text == TerraformPlanReader.UnknownValue)
        {
            warnings.Add($"{address}: its network_acl_id is not known; skipped");
            return null;
        }
        var target = SyntheticTerraform.ReferencedAddress(text) ?? _addressOfId.GetValueOrDefault(text);
        if (target is not null && _aclIds.TryGetValue(target, out var id))
        {
            var acl = _resources.First(r => r.Address == target);
            if (acl.On(side) is not null && ids[_names[target]] is not null)
                return (id, _names[target], acl.Type == TerraformAclNames.DefaultAclType);
            warnings.Add($"{address}: its network ACL {target} does not exist on this side of the plan; skipped");
            return null;
        }
        if (target is null && _base.NetworkAcls.FirstOrDefault(a => a.Id == text) is { } baseAcl)
        {
            if (!stubs.TryGetValue(text, out var stub))
            {
                stub = $"other_acl_{stubs.Count + 1}";
                stubs[text] = stub;
                SyntheticTerraform.Add(resource, TerraformAclNames.AclType, stub, new JsonObject { ["vpc_id"] = TerraformNames.Escape(baseAcl.VpcId) });
                ids[stub] = new JsonObject { ["id"] = TerraformNames.Escape(text), ["vpc_id"] = TerraformNames.Escape(baseAcl.VpcId) };
            }
            return (text, stub, false);
        }
        warnings.Add($"{address}: its network ACL {text} is neither in the plan nor in the policy; skipped");
        return null;
    }

    /// <summary>
    /// Leaves out an ACL's blocks that a rule resource holds (on either side): a state lists every rule of the ACL in
    /// its computed <c>ingress</c>/<c>egress</c>, and a plan repeats them unchanged while the rule resource changes.
    /// </summary>
    private void DropRulesOfRuleResources(JsonObject values, string aclId)
    {
        var keys = RuleKeys.Where(k => k.AclId == aclId).ToHashSet();
        if (keys.Count == 0)
            return;
        foreach (var (block, direction) in new[] { ("ingress", Direction.Inbound), ("egress", Direction.Outbound) })
        {
            if (values[block] is JsonArray items)
            {
                values[block] = new JsonArray([.. items.Where(i => !(i?["rule_no"] is JsonValue n && n.TryGetValue<int>(out var number)
                    && keys.Contains(new AclRuleKey(aclId, direction, number)))).Select(i => i?.DeepClone())]);
            }
        }
    }

    /// <summary>The subnets whose ids are known; one Terraform learns only on apply is left out with a warning.</summary>
    private static List<string> KnownSubnets(JsonArray? items, string address, List<string> warnings) =>
        [.. (items ?? []).Select(i => KnownSubnet(i is JsonValue v && v.TryGetValue<string>(out var s) ? s : null, address, warnings)).OfType<string>()];

    private static string? KnownSubnet(string? text, string address, List<string> warnings)
    {
        if (text is not null && text != TerraformPlanReader.UnknownValue && SyntheticTerraform.ReferencedAddress(text) is null)
            return text;
        var which = text is null || text == TerraformPlanReader.UnknownValue ? "a subnet" : $"subnet {SyntheticTerraform.ReferencedAddress(text)}";
        warnings.Add($"{address}: {which} is known only after apply; read without it");
        return null;
    }

    /// <summary>The id <c>default_network_acl_id</c> gives an <c>aws_default_network_acl</c>, when known.</summary>
    private static string? DefaultAclId(PlannedResource r)
    {
        if (r.Type != TerraformAclNames.DefaultAclType)
            return null;
        var id = Text(r.After, "default_network_acl_id") ?? Text(r.Before, "default_network_acl_id");
        return id is null || SyntheticTerraform.ReferencedAddress(id) is not null ? null : id;
    }

    private NetworkAcl? DesignedAcl(PlannedResource r)
    {
        var values = r.After ?? r.Before;
        var vpc = Text(values, "vpc_id");
        if (vpc is null)
            return null;
        if (r.Type == TerraformAclNames.DefaultAclType)
            return _base.NetworkAcls.FirstOrDefault(a => a.VpcId == vpc && a.IsDefault);
        var name = values?["tags"] is JsonObject tags ? Text(tags, "Name") : null;
        return name is null ? null : _base.NetworkAcls.FirstOrDefault(a => a.VpcId == vpc && !a.IsDefault && a.Name == name);
    }

    /// <summary>The id of the ACL a rule resource names (a plan ACL by reference or id, or a base ACL by id), or null.</summary>
    private string? OwnerId(string? text)
    {
        if (text is null)
            return null;
        var target = SyntheticTerraform.ReferencedAddress(text);
        return target is null ? text : _aclIds.GetValueOrDefault(target);
    }

    /// <summary>The attributes this class reads as ids, by resource type.</summary>
    private static string[] IdFields(string type) => type switch
    {
        RuleType => ["id", "network_acl_id"],
        AssociationType => ["id", "network_acl_id", "subnet_id"],
        TerraformAclNames.DefaultAclType => ["id", "vpc_id", "default_network_acl_id"],
        _ => ["id", "vpc_id"],
    };

    private static (Direction Direction, int Number)? RuleOf(JsonObject values) =>
        values["rule_number"] is JsonValue n && n.TryGetValue<int>(out var number)
            ? (values["egress"] is JsonValue e && e.TryGetValue<bool>(out var egress) && egress ? Direction.Outbound : Direction.Inbound, number)
            : null;

    private static string? Text(JsonObject? values, string name) => SyntheticTerraform.Text(values, name);
}
