using System.Collections.Immutable;
using System.Text.Json;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Terraform;

/// <summary>One read of a Terraform JSON document.</summary>
internal sealed class TerraformReader(JsonInput root, string fileName, List<ValidationError> warnings)
{
    private readonly Dictionary<string, string?> _variables = [];
    private readonly Dictionary<string, string> _groupIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SecurityGroup Group, List<Rule> Rules)> _groups = new(StringComparer.Ordinal);
    // Looked up once per resource: JsonElement property lookup is a linear scan, too slow for 20k rules.
    private readonly Dictionary<string, JsonInput> _ruleIds = new(StringComparer.Ordinal);

    public Estate Read()
    {
        foreach (var (name, variable) in root.Optional("variable")?.Properties() ?? [])
            _variables[name] = variable.Optional("default") is { Kind: JsonValueKind.String } d ? d.String() : null;
        var ids = root.Optional("locals")?.Optional(TerraformExporter.IdsLocal);
        foreach (var (name, value) in ids?.Optional("rules")?.Properties() ?? [])
            _ruleIds[name] = value;
        var knownGroupIds = new Dictionary<string, JsonInput>(StringComparer.Ordinal);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, value) in ids?.Optional("groups")?.Properties() ?? [])
        {
            knownGroupIds[name] = value;
            order.TryAdd(name, order.Count);
        }
        var resources = root.Optional("resource");
        var groupNodes = (resources?.Optional("aws_default_security_group")?.Properties() ?? []).Select(p => (p.Name, p.Value, IsDefault: true))
            .Concat((resources?.Optional("aws_security_group")?.Properties() ?? []).Select(p => (p.Name, p.Value, IsDefault: false)))
            .ToList();
        foreach (var (name, _, _) in groupNodes)
            _groupIds[name] = knownGroupIds.TryGetValue(name, out var id) ? TerraformNames.Unescape(id.String()) : name;
        foreach (var (name, node, isDefault) in groupNodes)
            ReadGroup(name, node, isDefault);
        foreach (var (_, node) in resources?.Optional("aws_security_group_rule")?.Properties() ?? [])
            ReadLegacyRule(node);
        foreach (var (type, direction) in new[] { ("aws_vpc_security_group_ingress_rule", Direction.Inbound), ("aws_vpc_security_group_egress_rule", Direction.Outbound) })
        {
            foreach (var (name, node) in resources?.Optional(type)?.Properties() ?? [])
                ReadRuleResource(name, node, direction);
        }
        foreach (var (type, node) in resources?.Properties() ?? [])
        {
            if (type is not ("aws_security_group" or "aws_default_security_group" or "aws_vpc_security_group_ingress_rule" or "aws_vpc_security_group_egress_rule" or "aws_security_group_rule")
                && !TerraformAclReader.Types.Contains(type))
                warnings.Add(new ValidationError($"{fileName}:{node.Path}", $"resources of type {type} are not read"));
        }
        // The export lists the groups in the policy's order in locals.sgd_ids; resources are grouped by type.
        var groups = _groups.Select((entry, index) => (entry, index))
            .OrderBy(x => order.TryGetValue(x.entry.Key, out var known) ? known : order.Count + x.index)
            .Select(x => x.entry.Value.Group with { Rules = [.. x.entry.Value.Rules] }).ToImmutableArray();
        var (acls, subnets) = new TerraformAclReader(resources, ids, _variables, fileName, warnings).Read();
        var vpcs = groups.Select(g => g.VpcId).Concat(acls.Select(a => a.VpcId)).Concat(subnets.Select(s => s.VpcId))
            .Distinct().Select(id => new Vpc(id, null, [])).ToImmutableArray();
        return Estate.Empty with { Vpcs = vpcs, Groups = groups, Subnets = subnets, NetworkAcls = acls };
    }

    /// <summary>A group; a VPC's default group (<c>aws_default_security_group</c>) has AWS's fixed name and description.</summary>
    private void ReadGroup(string name, JsonInput node, bool isDefault)
    {
        var vpcNode = node.Required("vpc_id");
        var group = new SecurityGroup(
            _groupIds[name],
            isDefault ? "default" : Literal(node.Optional("name")) ?? name,
            isDefault ? TerraformExporter.DefaultGroupDescription : Literal(node.Optional("description")) ?? "Managed by Terraform",
            ResolveVpc(vpcNode),
            ReadTags(node),
            []);
        var rules = new List<Rule>();
        _groups[name] = (group, rules);
        foreach (var (block, direction) in new[] { ("ingress", Direction.Inbound), ("egress", Direction.Outbound) })
        {
            var blockIds = _ruleIds.TryGetValue(name, out var perGroup) && perGroup.Kind == JsonValueKind.Object
                ? perGroup.ItemsOf(block).Select(i => TerraformNames.Unescape(i.String())).ToList()
                : [];
            var index = 0;
            foreach (var item in node.ItemsOf(block))
            {
                var known = index < blockIds.Count ? blockIds[index] : null;
                rules.AddRange(InlineBlock(item, group.Id, direction, known));
                index++;
            }
        }
    }

    private IEnumerable<Rule> InlineBlock(JsonInput item, string groupId, Direction direction, string? knownId)
    {
        var protocol = Protocol(item.Required("protocol"));
        var (from, to) = Ports(item, protocol, "from_port", "to_port");
        var peers = new List<Peer>();
        peers.AddRange(item.ItemsOf("cidr_blocks").Select(c => (Peer)new CidrPeer(Cidr(c))));
        peers.AddRange(item.ItemsOf("ipv6_cidr_blocks").Select(c => (Peer)new CidrPeer(Cidr(c))));
        peers.AddRange(item.ItemsOf("prefix_list_ids").Select(p => (Peer)new PrefixListPeer(TerraformNames.Unescape(p.String()))));
        peers.AddRange(item.ItemsOf("security_groups").Select(g => (Peer)new GroupPeer(ResolveGroup(g))));
        if (item.Optional("source_security_group_id") is { } source)
            peers.Add(new GroupPeer(ResolveGroup(source)));
        if (item.Optional("self")?.Bool() == true)
            peers.Add(new GroupPeer(groupId));
        if (peers.Count == 0)
            warnings.Add(new ValidationError($"{fileName}:{item.Path}", "the block names no peer and allows nothing; skipped"));
        var description = Literal(item.Optional("description"));
        foreach (var peer in peers)
        {
            var id = peers.Count == 1 && knownId is not null ? knownId : RuleIds.Derive(groupId, direction, protocol, from, to, peer);
            yield return new Rule(id, direction, protocol, from, to, peer, string.IsNullOrEmpty(description) ? null : description);
        }
    }

    /// <summary>The older <c>aws_security_group_rule</c>: inline-block arguments plus <c>type</c> and <c>source_security_group_id</c>.</summary>
    private void ReadLegacyRule(JsonInput node)
    {
        var typeNode = node.Required("type");
        var direction = typeNode.String() switch
        {
            "ingress" => Direction.Inbound,
            "egress" => Direction.Outbound,
            var other => throw typeNode.Fail($"unknown rule type {QuotedValue.Of(other)}: use ingress or egress"),
        };
        var owner = OwnerOf(node);
        owner.Rules.AddRange(InlineBlock(node, owner.Group.Id, direction, null));
    }

    private (SecurityGroup Group, List<Rule> Rules) OwnerOf(JsonInput node)
    {
        var groupNode = node.Required("security_group_id");
        var match = TerraformImporter.GroupReference().Match(groupNode.String());
        if (!match.Success || !_groups.TryGetValue(match.Groups[1].Value, out var owner))
            throw groupNode.Fail("security_group_id must reference an aws_security_group or aws_default_security_group of this file, e.g. ${aws_security_group.web.id}");
        return owner;
    }

    private void ReadRuleResource(string name, JsonInput node, Direction direction)
    {
        var owner = OwnerOf(node);
        var protocol = Protocol(node.Required("ip_protocol"));
        var (from, to) = Ports(node, protocol, "from_port", "to_port");
        var peers = new List<Peer>();
        if (node.Optional("cidr_ipv4") is { } v4)
            peers.Add(new CidrPeer(Cidr(v4)));
        if (node.Optional("cidr_ipv6") is { } v6)
            peers.Add(new CidrPeer(Cidr(v6)));
        if (node.Optional("prefix_list_id") is { } list)
            peers.Add(new PrefixListPeer(TerraformNames.Unescape(list.String())));
        if (node.Optional("referenced_security_group_id") is { } referenced)
            peers.Add(new GroupPeer(ResolveGroup(referenced)));
        if (peers.Count != 1)
            throw node.Fail($"a rule needs exactly one of cidr_ipv4, cidr_ipv6, prefix_list_id or referenced_security_group_id (found {peers.Count})");
        var id = _ruleIds.TryGetValue(name, out var known) && known.Kind == JsonValueKind.String
            ? TerraformNames.Unescape(known.String())
            : RuleIds.Derive(owner.Group.Id, direction, protocol, from, to, peers[0]);
        var description = Literal(node.Optional("description"));
        owner.Rules.Add(new Rule(id, direction, protocol, from, to, peers[0], string.IsNullOrEmpty(description) ? null : description, ReadMetadata(node)));
    }

    /// <summary>The rule's metadata from its <c>sgd:</c> tags; a bad one is an error at the tag. Other tags have no place in the model.</summary>
    private RuleMetadata ReadMetadata(JsonInput node)
    {
        if (node.Optional("tags") is not { } tagsNode)
            return default;
        var tags = ReadTags(node);
        var parsed = RuleMetadataTags.Read(tags);
        if (!parsed.IsOk)
            throw tagsNode.Required(parsed.Errors[0].Path).Fail(parsed.Errors[0].Message);
        var others = tags.Keys.Where(k => !RuleMetadataTags.Keys.Contains(k)).ToList();
        if (others.Count > 0)
            warnings.Add(new ValidationError($"{fileName}:{tagsNode.Path}", $"rule tags other than {string.Join(", ", RuleMetadataTags.Keys)} are not kept: {string.Join(", ", others)}"));
        return parsed.Value;
    }

    private static IpProtocol Protocol(JsonInput node)
    {
        if (node.Kind == JsonValueKind.Number)
            return new IpProtocol(node.Int());
        var parsed = IpProtocol.Parse(node.String());
        return parsed.IsOk ? parsed.Value : throw node.Fail(parsed.Error!);
    }

    /// <summary>tcp/udp ports as given; icmp type/code with -1 for absent; -1/-1 for protocols without ports
    /// (inline blocks write 0/0 there).</summary>
    private static (int From, int To) Ports(JsonInput node, IpProtocol protocol, string fromName, string toName)
    {
        if (protocol.HasPorts)
            return (node.Required(fromName).IntOrNumericString(), node.Required(toName).IntOrNumericString());
        if (protocol.IsIcmp)
            return (node.Optional(fromName)?.IntOrNumericString() ?? -1, node.Optional(toName)?.IntOrNumericString() ?? -1);
        return (-1, -1);
    }

    private Cidr Cidr(JsonInput node) => TerraformCidrs.Read(node, fileName, warnings);

    private string ResolveGroup(JsonInput node)
    {
        var text = node.String();
        var match = TerraformImporter.GroupReference().Match(text);
        if (!match.Success)
            return TerraformNames.Unescape(text);
        return _groupIds.TryGetValue(match.Groups[1].Value, out var id)
            ? id
            : throw node.Fail($"aws_security_group.{match.Groups[1].Value} is not defined in this file");
    }

    private string ResolveVpc(JsonInput node)
    {
        var text = node.String();
        var variable = TerraformImporter.VariableReference().Match(text);
        if (variable.Success)
        {
            return _variables.TryGetValue(variable.Groups[1].Value, out var value) && value is not null
                ? value
                : throw node.Fail($"variable '{variable.Groups[1].Value}' has no default VPC id in this file");
        }
        var expression = TerraformImporter.Expression().Match(text);
        if (!expression.Success)
            return TerraformNames.Unescape(text);
        warnings.Add(new ValidationError($"{fileName}:{node.Path}", $"the VPC is the expression {text}; its text is used as the VPC id"));
        return expression.Groups[1].Value;
    }

    private static string? Literal(JsonInput? node) => node is { } n ? TerraformNames.Unescape(n.String()) : null;

    private static ImmutableSortedDictionary<string, string> ReadTags(JsonInput node)
    {
        var tags = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Optional("tags")?.Properties() ?? [])
            tags[TerraformNames.Unescape(key)] = TerraformNames.Unescape(value.String());
        return tags.ToImmutable();
    }
}
