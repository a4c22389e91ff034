using System.Text.Json;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Answers;

/// <summary>
/// Traffic as cli.md's matrix cells print it: <c>{"protocol": "tcp", "ports": [[22, 22], [80, 443]]}</c>,
/// <c>{"protocol": "icmp", "types": [[8, 0], [3, -1]]}</c>, <c>{"protocol": "50"}</c> or <c>{"protocol": "all"}</c>.
/// </summary>
public static class TrafficJson
{
    /// <summary>Every entry of <paramref name="traffic"/> as an array property named <paramref name="name"/>.</summary>
    public static void WriteArray(Utf8JsonWriter w, string name, TrafficSet traffic)
    {
        w.WriteStartArray(name);
        foreach (var entry in traffic.Entries)
        {
            w.WriteStartObject();
            WriteFields(w, entry);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The entry's fields, inside an object the caller opened (so it can add its own).</summary>
    public static void WriteFields(Utf8JsonWriter w, TrafficSetEntry entry)
    {
        w.WriteString("protocol", Name(entry.Protocol));
        if (entry.Protocol.HasPorts)
        {
            w.WriteStartArray("ports");
            foreach (var r in entry.Ports)
                WritePair(w, r.From, r.To);
            w.WriteEndArray();
        }
        else if (entry.Protocol.IsIcmp)
        {
            w.WriteStartArray("types");
            foreach (var t in entry.IcmpTypes)
                WritePair(w, t.Type, t.Code);
            w.WriteEndArray();
        }
    }

    /// <summary>"tcp", "udp", "icmp", "icmpv6", "all", otherwise the protocol number as a string.</summary>
    public static string Name(IpProtocol protocol) => protocol.IsAll ? "all" : protocol.AwsName;

    private static void WritePair(Utf8JsonWriter w, int a, int b)
    {
        w.WriteStartArray();
        w.WriteNumberValue(a);
        w.WriteNumberValue(b);
        w.WriteEndArray();
    }
}
