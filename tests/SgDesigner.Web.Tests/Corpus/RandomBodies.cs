using System.Text.Json.Nodes;
using CsCheck;

namespace SgDesigner.Web.Tests.Corpus;

/// <summary>
/// Generators of the bodies a careless script or a hostile user sends: a valid body with fields replaced by values of any type
/// (text with control characters, lone surrogates and other Unicode, huge and negative numbers, lists and nested objects),
/// removed, or joined by fields nobody asked for; now and then no object at all, or JSON cut short.
/// </summary>
public static class RandomBodies
{
    private const string Awkward = "\u0000\u0001\u0007\u0008\u001b\u001f\u007f\u0085\u00a0\u200b\u202e\ud800\udfff\ufeff\uffff\t\n\r é漢🔥\"\\/<>&%{}$";

    private static readonly string[] Plausible =
    [
        "", " ", "inbound", "outbound", "tcp", "udp", "icmp", "icmpv6", "all", "-1", "6", "10.0.0.0/8", "0.0.0.0/0", "::/0",
        "2600:1f18::/56", "10.0.0.300/24", "sg-0a1b000000000eb00", "sg-0a1b000000000a1b0", "sg-1", "sgr-0a1b0000000000011",
        "vpc-0d3e0a1b2c3d4e5f6", "vpc-0ffffffffffffffff", "pl-0c0ffee0000000001", "subnet-0bb00000000000001", "ipv4", "ipv6",
        "sg-web", "null", "true", "22", "65536", "approve",
    ];

    /// <summary>Text of every kind, short and long.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (4, Gen.OneOf(Plausible)),
        (3, Gen.Char["abcxyz-_ ./:0123456789"].Array[0, 24].Select(c => new string(c))),
        (3, Gen.Char[Awkward].Array[1, 12].Select(c => new string(c))),
        (2, Gen.Char['\0', '\uffff'].Array[0, 40].Select(c => new string(c))),
        (1, Gen.Int[250, 20_000].Select(n => new string('x', n))));

    /// <summary>Numbers at and beyond every edge a field might have.</summary>
    public static Gen<JsonNode> Number { get; } = Gen.Frequency(
        (4, Gen.Int[-3, 70_000].Select(n => (JsonNode)JsonValue.Create(n))),
        (2, Gen.OneOf(-1L, 0L, 255L, 256L, 65535L, 65536L, int.MaxValue, int.MaxValue + 1L, int.MinValue, long.MaxValue, long.MinValue).Select(n => (JsonNode)JsonValue.Create(n))),
        (1, Gen.Long.Select(n => (JsonNode)JsonValue.Create(n))),
        (1, Gen.Double[-1e300, 1e300].Select(d => (JsonNode)JsonValue.Create(d))),
        (1, Gen.OneOf(0.5, -0.0, 1e-300, 22.000001).Select(d => (JsonNode)JsonValue.Create(d))));

    /// <summary>A JSON value of any type, nested at most <paramref name="depth"/> deep (null is JSON's null).</summary>
    public static Gen<JsonNode?> Value(int depth)
    {
        var scalar = Gen.Frequency(
            (5, Text.Select(t => (JsonNode?)JsonValue.Create(t))),
            (4, Number.Select(n => (JsonNode?)n)),
            (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
            (1, Gen.Const((JsonNode?)null)));
        if (depth == 0)
            return scalar;
        var inner = Value(depth - 1);
        return Gen.Frequency(
            (6, scalar),
            (1, inner.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Gen.Select(Text, inner).Array[0, 4].Select(Object)));
    }

    /// <summary>
    /// Bodies around <paramref name="valid"/> (a JSON object): each field kept (6 in 10), replaced by a random value or removed, with
    /// random extra fields; or a body of another type, or JSON cut short.
    /// </summary>
    public static Gen<string> Around(string valid)
    {
        var fields = JsonNode.Parse(valid)!.AsObject().Select(p => p.Key).ToArray();
        var spoilt = Gen.Select(
            Gen.Select(Gen.Int[0, 9], Value(2)).Array[fields.Length],
            Gen.Select(Text, Value(1)).Array[0, 2],
            (choices, extra) =>
            {
                var body = JsonNode.Parse(valid)!.AsObject();
                for (var i = 0; i < fields.Length; i++)
                {
                    var (choice, value) = choices[i];
                    if (choice < 6)
                        continue;
                    if (choice < 9)
                        body[fields[i]] = value?.DeepClone();
                    else
                        body.Remove(fields[i]);
                }
                foreach (var (name, value) in extra)
                    body[name] = value?.DeepClone();
                return body.ToJsonString();
            });
        return Gen.Frequency(
            (16, spoilt),
            (1, Value(2).Select(v => v?.ToJsonString() ?? "null")),
            (1, spoilt.SelectMany(json => Gen.Int[0, json.Length - 1].Select(n => json[..n]))));
    }

    /// <summary>
    /// Documents around <paramref name="valid"/> (a whole file, e.g. a policy document): one to four of its values anywhere in
    /// the tree replaced by a random value or removed.
    /// </summary>
    public static Gen<string> Inside(string valid)
    {
        var count = Nodes(JsonNode.Parse(valid)!).Count();
        return Gen.Select(Gen.Int[1, count - 1], Gen.Bool, Value(2)).Array[1, 4].Select(changes =>
        {
            var root = JsonNode.Parse(valid)!;
            foreach (var (index, remove, value) in changes)
            {
                var node = Nodes(root).ElementAtOrDefault(index);
                switch (node?.Parent)
                {
                    case JsonObject parent:
                        var key = parent.First(p => ReferenceEquals(p.Value, node)).Key;
                        if (remove)
                            parent.Remove(key);
                        else
                            parent[key] = value?.DeepClone();
                        break;
                    case JsonArray list:
                        var at = list.IndexOf(node);
                        if (remove)
                            list.RemoveAt(at);
                        else
                            list[at] = value?.DeepClone();
                        break;
                }
            }
            return root.ToJsonString();
        });
    }

    // Every node of the tree, depth first (JSON nulls have no node and are skipped).
    private static IEnumerable<JsonNode> Nodes(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var descendant in Nodes(child))
                yield return descendant;
    }

    private static JsonNode? Object((string Name, JsonNode? Value)[] properties)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in properties)
            obj[name] = value?.DeepClone();
        return obj;
    }
}
