using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Documents;

/// <summary>
/// The project's own versioned JSON for a policy (cli.md, "Policy files"): <c>"schemaVersion"</c> first,
/// properties in a fixed order, collections in the estate's order, so equal policies give equal text and
/// writing then reading loses nothing.
/// </summary>
public static partial class PolicyDocumentJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        // Descriptions hold '&', '+' and non-ASCII text: keep them readable rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="document"/> as indented JSON.</summary>
    public static string Write(PolicyDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", PolicyDocument.SchemaVersion);
            writer.WriteString("name", document.Name);
            WriteOptional(writer, "description", document.Description);
            WriteEstate(writer, document.Estate);
            if (!document.AcceptedFindings.IsDefaultOrEmpty)
                WriteArray(writer, "acceptedFindings", document.AcceptedFindings, WriteAccepted);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteEstate(Utf8JsonWriter w, Estate estate)
    {
        w.WriteStartObject("quotas");
        w.WriteNumber("rulesPerDirection", estate.Quotas.RulesPerDirection);
        w.WriteNumber("groupsPerEni", estate.Quotas.GroupsPerEni);
        w.WriteEndObject();
        WriteArray(w, "vpcs", estate.Vpcs, (w, v) =>
        {
            w.WriteString("id", v.Id);
            WriteOptional(w, "name", v.Name);
            WriteStrings(w, "cidrs", v.Cidrs.Select(c => c.ToString()));
        });
        WriteArray(w, "subnets", estate.Subnets, (w, s) =>
        {
            w.WriteString("id", s.Id);
            w.WriteString("vpcId", s.VpcId);
            w.WriteString("cidr", s.Cidr.ToString());
            WriteOptional(w, "ipv6Cidr", s.Ipv6Cidr?.ToString());
            WriteOptional(w, "availabilityZone", s.AvailabilityZone);
            WriteOptional(w, "name", s.Name);
        });
        WriteArray(w, "vpcConnections", estate.VpcConnections, (w, c) =>
        {
            w.WriteString("vpcA", c.VpcA);
            w.WriteString("vpcB", c.VpcB);
            w.WriteString("kind", c.Kind == VpcConnectionKind.Peering ? "peering" : "transitGateway");
            w.WriteBoolean("groupReferencing", c.GroupReferencing);
        });
        WriteArray(w, "groups", estate.Groups, WriteGroup);
        WriteArray(w, "prefixLists", estate.PrefixLists, (w, p) =>
        {
            w.WriteString("id", p.Id);
            w.WriteString("name", p.Name);
            w.WriteString("family", p.Family == IpFamily.V4 ? "ipv4" : "ipv6");
            if (p.MaxEntries is { } maxEntries)
                w.WriteNumber("maxEntries", maxEntries);
            WriteStrings(w, "entries", p.Entries.Select(c => c.ToString()));
        });
        WriteArray(w, "instances", estate.Instances, (w, i) =>
        {
            w.WriteString("id", i.Id);
            WriteOptional(w, "name", i.Name);
            WriteTags(w, i.Tags);
            WriteEphemeralPorts(w, i);
        });
        WriteArray(w, "networkInterfaces", estate.NetworkInterfaces, WriteInterface);
        WriteArray(w, "externalEndpoints", estate.ExternalEndpoints, (w, e) =>
        {
            w.WriteString("name", e.Name);
            w.WriteString("cidr", e.Cidr.ToString());
        });
        WriteAcls(w, estate);
    }

    // The key's parts by the names a rule, group and ENI use; absent parts are left out, as the API's request takes them.
    private static void WriteAccepted(Utf8JsonWriter w, AcceptedFinding a)
    {
        w.WriteString("check", a.Key.Check);
        WriteOptional(w, "groupId", a.Key.GroupId.Length == 0 ? null : a.Key.GroupId);
        WriteOptional(w, "ruleId", a.Key.RuleId.Length == 0 ? null : a.Key.RuleId);
        WriteOptional(w, "eniId", a.Key.EniId.Length == 0 ? null : a.Key.EniId);
        w.WriteString("reason", a.Reason);
        WriteOptional(w, "acceptedBy", a.AcceptedBy);
        if (a.AcceptedAt is { } at)
            w.WriteString("acceptedAt", DateTime.SpecifyKind(at, DateTimeKind.Utc));
        if (a.ExpiresAt is { } end)
            w.WriteString("expiresAt", DateTime.SpecifyKind(end, DateTimeKind.Utc));
    }

    private static void WriteGroup(Utf8JsonWriter w, SecurityGroup g)
    {
        w.WriteString("id", g.Id);
        w.WriteString("name", g.Name);
        w.WriteString("description", g.Description);
        w.WriteString("vpcId", g.VpcId);
        WriteTags(w, g.Tags);
        WriteArray(w, "rules", g.Rules, (w, r) =>
        {
            w.WriteString("id", r.Id);
            w.WriteString("direction", DirectionText.Of(r.Direction));
            w.WriteString("protocol", r.Protocol.AwsName);
            w.WriteNumber("fromPort", r.FromPort);
            w.WriteNumber("toPort", r.ToPort);
            switch (r.Peer)
            {
                case CidrPeer c:
                    w.WriteString("cidr", c.Block.ToString());
                    break;
                case GroupPeer p:
                    w.WriteString("groupId", p.GroupId);
                    break;
                case PrefixListPeer p:
                    w.WriteString("prefixListId", p.PrefixListId);
                    break;
            }
            WriteOptional(w, "description", r.Description);
            WriteOptional(w, RuleMetadata.Fields.Owner, r.Metadata.Owner);
            WriteOptional(w, RuleMetadata.Fields.Justification, r.Metadata.Justification);
            WriteOptional(w, RuleMetadata.Fields.Ticket, r.Metadata.Ticket);
            WriteOptional(w, RuleMetadata.Fields.ReviewBy, r.Metadata.ReviewBy is { } due ? RuleMetadata.FormatDate(due) : null);
        });
    }

    private static void WriteInterface(Utf8JsonWriter w, NetworkInterface n)
    {
        w.WriteString("id", n.Id);
        w.WriteString("vpcId", n.VpcId);
        WriteOptional(w, "subnetId", n.SubnetId);
        WriteOptional(w, "instanceId", n.InstanceId);
        if (n.DeviceIndex is { } index)
            w.WriteNumber("deviceIndex", index);
        WriteStrings(w, "privateIps", (n.PrivateIps.IsDefault ? [] : n.PrivateIps).Select(ip => ip.ToString()));
        WriteOptional(w, "publicIp", n.PublicIp?.ToString());
        WriteStrings(w, "groupIds", n.GroupIds.IsDefault ? [] : n.GroupIds);
        WriteOptional(w, "description", n.Description);
    }

    private static void WriteArray<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            writeItem(w, item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static void WriteTags(Utf8JsonWriter w, IReadOnlyDictionary<string, string> tags)
    {
        w.WriteStartObject("tags");
        foreach (var (key, value) in tags)
            w.WriteString(key, value);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }
}
