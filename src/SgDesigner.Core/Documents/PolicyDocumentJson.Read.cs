using System.Collections.Immutable;
using System.Text.Json;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Documents;

public static partial class PolicyDocumentJson
{
    /// <summary>
    /// Reads a policy document. Returns the document, or the first problem with its JSON path
    /// (<c>$.groups[2].rules[0].fromPort</c>). Unknown properties are ignored so older readers accept
    /// additions; a newer <c>schemaVersion</c> is refused. The estate is not validated here
    /// (see <see cref="Validation.EstateValidator"/>), except its network ACLs, which no reader before them
    /// checked: what AWS never holds (rule number 40000, an id of 100 KB, an association with a subnet not in the
    /// policy) is the first problem, at its path (<c>$.networkAcls[2].inbound[0].ruleNumber</c>).
    /// </summary>
    public static PolicyDocumentReadResult Read(string? json)
    {
        var parsed = JsonInput.ParseDocument(json);
        if (!parsed.IsOk)
            return new PolicyDocumentReadResult(null, new ValidationError("$", parsed.Error!), []);
        using var document = parsed.Value;
        var warnings = new List<ValidationError>();
        try
        {
            var root = new JsonInput(document.RootElement, "$").Object();
            var versionNode = root.Optional("schemaVersion") ?? throw root.Fail("this is not a policy document: 'schemaVersion' is missing");
            var version = versionNode.Int();
            if (version < 1 || version > PolicyDocument.SchemaVersion)
                throw versionNode.Fail($"schema version {version} is not supported (this build reads version {PolicyDocument.SchemaVersion})");
            var estate = ReadEstate(root, warnings);
            if (AclProblem(estate) is { } acl)
                return new PolicyDocumentReadResult(null, acl, warnings);
            var doc = new PolicyDocument(root.RequiredString("name"), root.OptionalString("description"), estate)
            {
                AcceptedFindings = [.. root.ItemsOf("acceptedFindings").Select(ReadAccepted)],
            };
            return new PolicyDocumentReadResult(doc, null, warnings);
        }
        catch (JsonInputException e)
        {
            return new PolicyDocumentReadResult(null, e.ToError(), warnings);
        }
    }

    private static Estate ReadEstate(JsonInput root, List<ValidationError> warnings)
    {
        var quotas = Quotas.Default;
        if (root.Optional("quotas") is { } q)
        {
            quotas = new Quotas(
                q.Optional("rulesPerDirection")?.Int() ?? Quotas.Default.RulesPerDirection,
                q.Optional("groupsPerEni")?.Int() ?? Quotas.Default.GroupsPerEni);
        }
        return new Estate(
            [.. root.ItemsOf("vpcs").Select(v => new Vpc(v.RequiredString("id"), v.OptionalString("name"), Cidrs(v, "cidrs", warnings)))],
            [.. root.ItemsOf("subnets").Select(s => new Subnet(
                s.RequiredString("id"),
                s.RequiredString("vpcId"),
                s.Required("cidr").Parse(Cidr.Parse, warnings),
                s.Optional("ipv6Cidr")?.Parse(Cidr.Parse, warnings),
                s.OptionalString("availabilityZone"),
                s.OptionalString("name")))],
            [.. root.ItemsOf("vpcConnections").Select(ReadConnection)],
            [.. root.ItemsOf("groups").Select(g => ReadGroup(g, warnings))],
            [.. root.ItemsOf("prefixLists").Select(p => new PrefixList(
                p.RequiredString("id"),
                p.RequiredString("name"),
                ReadFamily(p.Required("family")),
                Cidrs(p, "entries", warnings),
                p.Optional("maxEntries")?.Int()))],
            [.. root.ItemsOf("instances").Select(ReadInstance)],
            [.. root.ItemsOf("networkInterfaces").Select(n => ReadInterface(n, warnings))],
            [.. root.ItemsOf("externalEndpoints").Select(e => new ExternalEndpoint(e.RequiredString("name"), e.Required("cidr").Parse(Cidr.Parse, warnings)))],
            quotas)
        {
            NetworkAcls = [.. root.ItemsOf("networkAcls").Select(a => ReadAcl(a, warnings))],
        };
    }

    // Checked as imported data (what AWS lets happen only warns, and the readers of the document warn about it);
    // the errors are what no way in may let through.
    private static ValidationError? AclProblem(Estate estate)
    {
        var errors = Validation.NetworkAclValidator.Check(estate, Validation.EstateValidationMode.Import).Errors;
        if (errors.IsEmpty)
            return null;
        var more = errors.Length > 1 ? $" (and {errors.Length - 1} more problem(s) in the network ACLs)" : "";
        return new ValidationError($"$.{errors[0].Path}", errors[0].Message + more);
    }

    private static AcceptedFinding ReadAccepted(JsonInput a)
    {
        var key = FindingKey.From(a.RequiredString("check"), a.OptionalString("groupId"), a.OptionalString("ruleId"), a.OptionalString("eniId"));
        if (key.Check.Length == 0)
            throw a.Required("check").Fail("name the finding's check (SGD001…)");
        var reasonNode = a.Required("reason");
        var reason = reasonNode.String().Trim();
        if (reason.Length == 0)
            throw reasonNode.Fail("an accepted finding needs a reason");
        if (reason.Length > AcceptedFinding.MaxReasonLength)
            throw reasonNode.Fail($"the reason is {reason.Length:N0} characters long; the limit is {AcceptedFinding.MaxReasonLength:N0}");
        return new AcceptedFinding(key, reason, a.OptionalString("acceptedBy"), ReadTime(a.Optional("acceptedAt")), ReadTime(a.Optional("expiresAt")));
    }

    private static DateTime? ReadTime(JsonInput? node)
    {
        if (node is not { } value)
            return null;
        var text = value.String();
        return DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw value.Fail($"{QuotedValue.Of(text)} is not a date and time (ISO 8601, e.g. 2027-01-31T00:00:00Z)");
    }

    private static VpcConnection ReadConnection(JsonInput c)
    {
        var kindNode = c.Required("kind");
        var kind = kindNode.String() switch
        {
            "peering" => VpcConnectionKind.Peering,
            "transitGateway" => VpcConnectionKind.TransitGateway,
            var other => throw kindNode.Fail($"unknown connection kind {QuotedValue.Of(other)}: use peering or transitGateway"),
        };
        return new VpcConnection(c.RequiredString("vpcA"), c.RequiredString("vpcB"), kind, c.Optional("groupReferencing")?.Bool() ?? kind == VpcConnectionKind.Peering);
    }

    private static SecurityGroup ReadGroup(JsonInput g, List<ValidationError> warnings) => new(
        g.RequiredString("id"),
        g.RequiredString("name"),
        g.OptionalString("description") ?? "",
        g.RequiredString("vpcId"),
        ReadTags(g),
        [.. g.ItemsOf("rules").Select(r => ReadRule(r, warnings))]);

    private static Rule ReadRule(JsonInput r, List<ValidationError> warnings)
    {
        var directionNode = r.Required("direction");
        var parsed = DirectionText.Parse(directionNode.String());
        var direction = parsed.IsOk ? parsed.Value : throw directionNode.Fail(parsed.Error!);
        var protocolNode = r.Required("protocol");
        var protocol = protocolNode.Kind == JsonValueKind.Number
            ? new IpProtocol(protocolNode.Int())
            : protocolNode.Parse(IpProtocol.Parse);
        var peers = new List<Peer>();
        if (r.Optional("cidr") is { } cidr)
            peers.Add(new CidrPeer(cidr.Parse(Cidr.Parse, warnings)));
        if (r.OptionalString("groupId") is { } groupId)
            peers.Add(new GroupPeer(groupId));
        if (r.OptionalString("prefixListId") is { } listId)
            peers.Add(new PrefixListPeer(listId));
        if (peers.Count != 1)
            throw r.Fail($"a rule needs exactly one of cidr, groupId or prefixListId (found {peers.Count})");
        // tcp/udp need their ports; icmp may omit type and code (any); other protocols have none.
        var from = protocol.HasPorts ? r.Required("fromPort").Int() : r.Optional("fromPort")?.Int() ?? -1;
        var to = protocol.HasPorts ? r.Required("toPort").Int() : r.Optional("toPort")?.Int() ?? -1;
        return new Rule(r.RequiredString("id"), direction, protocol, from, to, peers[0], r.OptionalString("description"), ReadMetadata(r));
    }

    private static RuleMetadata ReadMetadata(JsonInput r)
    {
        var parsed = RuleMetadata.Parse(
            r.OptionalString(RuleMetadata.Fields.Owner),
            r.OptionalString(RuleMetadata.Fields.Justification),
            r.OptionalString(RuleMetadata.Fields.Ticket),
            r.OptionalString(RuleMetadata.Fields.ReviewBy));
        if (parsed.IsOk)
            return parsed.Value;
        var first = parsed.Errors[0];
        throw r.Required(first.Path).Fail(first.Message);
    }

    private static NetworkInterface ReadInterface(JsonInput n, List<ValidationError> warnings) => new(
        n.RequiredString("id"),
        n.RequiredString("vpcId"),
        n.OptionalString("subnetId"),
        n.OptionalString("instanceId"),
        n.Optional("deviceIndex")?.Int(),
        [.. n.ItemsOf("privateIps").Select(ip => ip.Parse(IpAddress.Parse, warnings))],
        n.Optional("publicIp")?.Parse(IpAddress.Parse, warnings),
        [.. n.ItemsOf("groupIds").Select(id => id.String())],
        n.OptionalString("description"));

    private static IpFamily ReadFamily(JsonInput node) => node.String() switch
    {
        "ipv4" => IpFamily.V4,
        "ipv6" => IpFamily.V6,
        var other => throw node.Fail($"unknown address family {QuotedValue.Of(other)}: use ipv4 or ipv6"),
    };

    private static ImmutableArray<Cidr> Cidrs(JsonInput parent, string name, List<ValidationError> warnings) =>
        [.. parent.ItemsOf(name).Select(c => c.Parse(Cidr.Parse, warnings))];

    private static ImmutableSortedDictionary<string, string> ReadTags(JsonInput parent)
    {
        var tags = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (parent.Optional("tags") is { } node)
        {
            foreach (var (key, value) in node.Properties())
                tags[key] = value.String();
        }
        return tags.ToImmutable();
    }
}
