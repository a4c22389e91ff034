using System.Collections.Immutable;
using System.Text.Json;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Terraform;

/// <summary>
/// Reads back the network ACLs <see cref="TerraformAclWriter"/> writes: <c>aws_network_acl</c> with its
/// <c>aws_network_acl_rule</c> resources (or inline <c>ingress</c>/<c>egress</c>, as hand-written files have them),
/// <c>aws_default_network_acl</c> with its blocks, and the subnets of <c>locals.sgd_ids.subnets</c>. Ids and VPCs
/// come from <c>locals.sgd_ids.network_acls</c>; without it an ACL's id is its resource name.
/// </summary>
internal sealed class TerraformAclReader(JsonInput? resources, JsonInput? ids, IReadOnlyDictionary<string, string?> variables, string fileName, List<ValidationError> warnings)
{
    public static readonly string[] Types = [TerraformAclNames.DefaultAclType, TerraformAclNames.AclType, TerraformAclNames.RuleType];

    private readonly Dictionary<string, (NetworkAcl Acl, List<NetworkAclEntry> Inbound, List<NetworkAclEntry> Outbound)> _acls = new(StringComparer.Ordinal);

    public (ImmutableArray<NetworkAcl> Acls, ImmutableArray<Subnet> Subnets) Read()
    {
        var known = new Dictionary<string, JsonInput>(StringComparer.Ordinal);
        foreach (var (name, value) in ids?.Optional("network_acls")?.Properties() ?? [])
            known[name] = value;
        foreach (var (name, node) in resources?.Optional(TerraformAclNames.DefaultAclType)?.Properties() ?? [])
        {
            var idNode = node.Required("default_network_acl_id");
            var id = known.TryGetValue(name, out var k) ? TerraformNames.Unescape(k.RequiredString("id")) : Resolve(idNode);
            var vpc = known.TryGetValue(name, out k) ? Resolve(k.Required("vpc_id"))
                : throw idNode.Fail($"the VPC of {TerraformAclNames.DefaultAclType}.{name} is not known: the file has no locals.sgd_ids.network_acls entry for it");
            ReadAcl(name, node, id, vpc, isDefault: true);
        }
        foreach (var (name, node) in resources?.Optional(TerraformAclNames.AclType)?.Properties() ?? [])
        {
            var id = known.TryGetValue(name, out var k) ? TerraformNames.Unescape(k.RequiredString("id")) : name;
            ReadAcl(name, node, id, Resolve(node.Required("vpc_id")), isDefault: false);
        }
        foreach (var (_, node) in resources?.Optional(TerraformAclNames.RuleType)?.Properties() ?? [])
            ReadRule(node);
        var acls = _acls.Values.Select(a => a.Acl with { Inbound = [.. a.Inbound], Outbound = [.. a.Outbound] }).ToImmutableArray();
        return (acls, ReadSubnets());
    }

    private void ReadAcl(string name, JsonInput node, string id, string vpc, bool isDefault)
    {
        var subnets = node.ItemsOf("subnet_ids").Select(Resolve).ToImmutableArray();
        var tags = node.Optional("tags");
        var aclName = tags?.Optional("Name") is { } n ? TerraformNames.Unescape(n.String()) : null;
        var inbound = node.ItemsOf("ingress").Select(Block).ToList();
        var outbound = node.ItemsOf("egress").Select(Block).ToList();
        _acls[name] = (new NetworkAcl(id, vpc, isDefault, subnets, [], [], aclName), inbound, outbound);
    }

    private void ReadRule(JsonInput node)
    {
        var aclNode = node.Required("network_acl_id");
        var match = TerraformImporter.AclReference().Match(aclNode.String());
        if (!match.Success || !_acls.TryGetValue(match.Groups[1].Value, out var owner) || owner.Acl.IsDefault)
            throw aclNode.Fail("network_acl_id must reference an aws_network_acl of this file, e.g. ${aws_network_acl.app.id}");
        var entry = Entry(node, node.Required("rule_number"), node.Required("rule_action"));
        (node.Optional("egress")?.Bool() == true ? owner.Outbound : owner.Inbound).Add(entry);
    }

    private NetworkAclEntry Block(JsonInput block) => Entry(block, block.Required("rule_no"), block.Required("action"));

    private NetworkAclEntry Entry(JsonInput node, JsonInput number, JsonInput actionNode)
    {
        var protocolNode = node.Required("protocol");
        var parsed = IpProtocol.Parse(protocolNode.Kind == JsonValueKind.Number ? protocolNode.Element.GetRawText() : protocolNode.String());
        var protocol = parsed.IsOk ? parsed.Value : throw protocolNode.Fail(parsed.Error!);
        var action = actionNode.String() switch
        {
            "allow" => AclAction.Allow,
            "deny" => AclAction.Deny,
            var other => throw actionNode.Fail($"unknown rule action {QuotedValue.Of(other)}: use allow or deny"),
        };
        var cidrs = new[] { node.Optional("cidr_block"), node.Optional("ipv6_cidr_block") }.OfType<JsonInput>()
            .Where(c => c.Kind == JsonValueKind.String && c.String().Length > 0).ToList();
        if (cidrs.Count != 1)
            throw node.Fail($"a network ACL rule needs exactly one of cidr_block or ipv6_cidr_block (found {cidrs.Count})");
        // AWS's ranges, checked here at the value's own place: a plan's or a state's ACLs are composed without the
        // estate validation an import ends with.
        var ruleNumber = number.IntOrNumericString();
        if (ruleNumber is < NetworkAclEntry.MinRuleNumber or > NetworkAclEntry.MaxRuleNumber)
            throw number.Fail($"rule number {ruleNumber} is out of range {NetworkAclEntry.MinRuleNumber}–{NetworkAclEntry.MaxRuleNumber}");
        int from, to;
        if (protocol.HasPorts)
        {
            var fromNode = node.Required("from_port");
            (from, to) = (fromNode.IntOrNumericString(), node.Required("to_port").IntOrNumericString());
            if (AwsLimits.PortRangeProblem(from, to) is { } ports)
                throw fromNode.Fail(ports);
        }
        else if (protocol.IsIcmp)
        {
            (from, to) = (node.Optional("icmp_type")?.IntOrNumericString() ?? -1, node.Optional("icmp_code")?.IntOrNumericString() ?? -1);
            if ((AwsLimits.IcmpTypeProblem(from) ?? AwsLimits.IcmpCodeProblem(to) ?? AwsLimits.IcmpPairProblem(from, to)) is { } icmp)
                throw node.Fail(icmp);
        }
        else
            (from, to) = (-1, -1);
        return new NetworkAclEntry(ruleNumber, protocol, from, to, Cidr(cidrs[0]), action);
    }

    private ImmutableArray<Subnet> ReadSubnets() =>
    [
        .. (ids?.Optional("subnets")?.Properties() ?? []).Select(p => new Subnet(
            TerraformNames.Unescape(p.Name),
            Resolve(p.Value.Required("vpc_id")),
            Cidr(p.Value.Required("cidr")),
            p.Value.Optional("ipv6_cidr") is { } v6 ? Cidr(v6) : null,
            Literal(p.Value.Optional("availability_zone")),
            Literal(p.Value.Optional("name")))),
    ];

    private Cidr Cidr(JsonInput node) => TerraformCidrs.Read(node, fileName, warnings);

    /// <summary>A literal id, or <c>${var.x}</c> read as the variable's default.</summary>
    private string Resolve(JsonInput node)
    {
        var text = node.String();
        var variable = TerraformImporter.VariableReference().Match(text);
        if (!variable.Success)
            return TerraformNames.Unescape(text);
        return variables.TryGetValue(variable.Groups[1].Value, out var value) && value is not null
            ? value
            : throw node.Fail($"variable '{variable.Groups[1].Value}' has no default in this file");
    }

    private static string? Literal(JsonInput? node) => node is { } n ? TerraformNames.Unescape(n.String()) : null;
}
