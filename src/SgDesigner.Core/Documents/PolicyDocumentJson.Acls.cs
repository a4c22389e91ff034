using System.Text.Json;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Documents;

// Network ACLs and client port ranges (semantics.md, "Network ACLs"): written only when present, so a policy
// without them is written byte for byte as before, and read as empty when absent.
public static partial class PolicyDocumentJson
{
    private static void WriteAcls(Utf8JsonWriter w, Estate estate)
    {
        if (estate.NetworkAcls.IsDefaultOrEmpty)
            return;
        WriteArray(w, "networkAcls", estate.NetworkAcls, (w, a) =>
        {
            w.WriteString("id", a.Id);
            w.WriteString("vpcId", a.VpcId);
            w.WriteBoolean("isDefault", a.IsDefault);
            WriteOptional(w, "name", a.Name);
            WriteStrings(w, "subnetIds", a.SubnetIds.IsDefault ? [] : a.SubnetIds);
            WriteArray(w, "inbound", a.Inbound.IsDefault ? [] : a.Inbound, WriteAclEntry);
            WriteArray(w, "outbound", a.Outbound.IsDefault ? [] : a.Outbound, WriteAclEntry);
        });
    }

    private static void WriteAclEntry(Utf8JsonWriter w, NetworkAclEntry e)
    {
        w.WriteNumber("ruleNumber", e.RuleNumber);
        w.WriteString("protocol", e.Protocol.AwsName);
        w.WriteNumber("fromPort", e.FromPort);
        w.WriteNumber("toPort", e.ToPort);
        w.WriteString("cidr", e.Cidr.ToString());
        w.WriteString("action", e.Action == AclAction.Allow ? "allow" : "deny");
    }

    private static void WriteEphemeralPorts(Utf8JsonWriter w, Instance instance)
    {
        if (instance.EphemeralPorts != EphemeralPorts.Linux)
            w.WriteString("ephemeralPorts", instance.EphemeralPorts.ToString());
    }

    private static Instance ReadInstance(JsonInput i)
    {
        var instance = new Instance(i.RequiredString("id"), i.OptionalString("name"), ReadTags(i));
        return i.Optional("ephemeralPorts") is { } ports ? instance with { EphemeralPorts = ports.Parse(EphemeralPorts.Parse) } : instance;
    }

    private static NetworkAcl ReadAcl(JsonInput a, List<ValidationError> warnings) => new(
        a.RequiredString("id"),
        a.RequiredString("vpcId"),
        a.Optional("isDefault")?.Bool() ?? false,
        [.. a.ItemsOf("subnetIds").Select(s => s.String())],
        [.. a.ItemsOf("inbound").Select(e => ReadAclEntry(e, warnings))],
        [.. a.ItemsOf("outbound").Select(e => ReadAclEntry(e, warnings))],
        a.OptionalString("name"));

    private static NetworkAclEntry ReadAclEntry(JsonInput e, List<ValidationError> warnings)
    {
        var protocolNode = e.Required("protocol");
        var protocol = protocolNode.Kind == JsonValueKind.Number ? new IpProtocol(protocolNode.Int()) : protocolNode.Parse(IpProtocol.Parse);
        var actionNode = e.Required("action");
        var action = actionNode.String() switch
        {
            "allow" => AclAction.Allow,
            "deny" => AclAction.Deny,
            var other => throw actionNode.Fail($"unknown ACL action {QuotedValue.Of(other)}: use allow or deny"),
        };
        // As for group rules: tcp/udp need their ports; icmp may omit type and code (any); other protocols have none.
        var from = protocol.HasPorts ? e.Required("fromPort").Int() : e.Optional("fromPort")?.Int() ?? -1;
        var to = protocol.HasPorts ? e.Required("toPort").Int() : e.Optional("toPort")?.Int() ?? -1;
        return new NetworkAclEntry(e.Required("ruleNumber").Int(), protocol, from, to, e.Required("cidr").Parse(Cidr.Parse, warnings), action);
    }
}
