using System.Collections.Immutable;
using System.Text.Json;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Assertions;

/// <summary>
/// Reads expected flows in JSON lines, one object per line (cli.md "sgd check"):
/// <code>
/// {"from": "web-1", "to": "db-1", "protocol": "tcp", "port": 5432, "expect": "allow"}
/// {"from": "i-0abc", "to": "203.0.113.9", "protocol": "icmp", "icmpType": 8, "icmpCode": 0, "expect": "deny"}
/// {"from": "10.0.1.5", "to": "eni-0def", "protocol": "50", "allow": true, "name": "ipsec to the gateway"}
/// </code>
/// <list type="bullet">
/// <item><c>from</c>, <c>to</c> (required): instance id, ENI id, instance Name tag, private IP, or any other IP.</item>
/// <item><c>protocol</c> (required): <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c> or a number 0..255, as a string or a number.</item>
/// <item><c>port</c>: required for tcp and udp, 0..65535. <c>icmpType</c> and <c>icmpCode</c>: required for icmp/icmpv6, 0..255.</item>
/// <item><c>expect</c>: <c>"allow"</c> or <c>"deny"</c>; or instead <c>allow</c>: <c>true</c>/<c>false</c>. Exactly one of the two.</item>
/// <item><c>name</c>, <c>description</c>, <c>comment</c> (optional): free text; <c>name</c> labels the result.</item>
/// </list>
/// Blank lines and lines starting with <c>#</c> or <c>//</c> are skipped. Any other field is an error, so that a
/// misspelt field is not silently ignored.
/// </summary>
public static class AssertionParser
{
    private static readonly HashSet<string> s_known =
        ["from", "to", "protocol", "port", "icmpType", "icmpCode", "expect", "allow", "name", "description", "comment"];

    /// <summary>Parses the whole text of an assertions file.</summary>
    public static AssertionFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var assertions = ImmutableArray.CreateBuilder<FlowAssertion>();
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
                continue;
            var lineErrors = new List<ValidationError>();
            var assertion = ParseLine(i + 1, line, lineErrors);
            errors.AddRange(lineErrors);
            if (assertion is not null && lineErrors.Count == 0)
                assertions.Add(assertion);
        }
        return new AssertionFile(assertions.ToImmutable(), errors.ToImmutable());
    }

    private static FlowAssertion? ParseLine(int number, string line, List<ValidationError> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, StrictJson.Lines);
        }
        catch (JsonException e)
        {
            errors.Add(new ValidationError($"line {number}", StrictJson.DuplicateProperty(e) is null ? $"not valid JSON: {e.Message}" : StrictJson.Reason(e)));
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError($"line {number}", "expected one JSON object per line"));
                return null;
            }
            var fields = new LineFields(number, root, errors);
            foreach (var property in root.EnumerateObject().Where(p => !s_known.Contains(p.Name)))
                fields.Fail(property.Name, $"unknown field; expected {string.Join(", ", s_known)}");

            var from = fields.RequiredString("from");
            var to = fields.RequiredString("to");
            var traffic = ParseTraffic(fields);
            var expect = ParseExpectation(fields);
            var name = fields.OptionalString("name");
            return from is null || to is null || traffic is null || expect is null
                ? null
                : new FlowAssertion(number, from, to, traffic.Value, expect.Value, name);
        }
    }

    private static Traffic? ParseTraffic(LineFields fields)
    {
        var text = fields.Scalar("protocol");
        if (text is null)
        {
            fields.Fail("protocol", fields.Root.TryGetProperty("protocol", out _)
                ? "must be a string or a number"
                : "is required (tcp, udp, icmp, icmpv6 or a protocol number)");
            return null;
        }
        var protocol = IpProtocol.Parse(text);
        if (!protocol.IsOk)
        {
            fields.Fail("protocol", protocol.Error!);
            return null;
        }
        var p = protocol.Value;
        if (p.IsAll)
        {
            fields.Fail("protocol", "an assertion needs one protocol, not all (-1)");
            return null;
        }
        if (p.HasPorts)
        {
            var port = fields.RequiredInt("port", AwsLimits.MinPort, AwsLimits.MaxPort, $"is required for {p}");
            return port is null ? null : new Traffic(p, port.Value);
        }
        if (p.IsIcmp)
        {
            var type = fields.RequiredInt("icmpType", 0, AwsLimits.MaxIcmpTypeOrCode, $"is required for {p}");
            var code = fields.RequiredInt("icmpCode", 0, AwsLimits.MaxIcmpTypeOrCode, $"is required for {p}");
            return type is null || code is null ? null : new Traffic(p, -1, type.Value, code.Value);
        }
        return new Traffic(p);
    }

    private static bool? ParseExpectation(LineFields fields)
    {
        var hasExpect = fields.Root.TryGetProperty("expect", out var expect);
        var hasAllow = fields.Root.TryGetProperty("allow", out var allow);
        if (hasExpect == hasAllow)
        {
            fields.Fail(hasExpect ? "allow" : "expect", hasExpect
                ? "give either \"expect\" or \"allow\", not both"
                : "is required: \"allow\" or \"deny\" (or \"allow\": true/false)");
            return null;
        }
        if (hasAllow)
        {
            if (allow.ValueKind is JsonValueKind.True or JsonValueKind.False)
                return allow.GetBoolean();
            fields.Fail("allow", "must be true or false");
            return null;
        }
        var value = expect.ValueKind == JsonValueKind.String ? expect.GetString()?.Trim().ToLowerInvariant() : null;
        switch (value)
        {
            case "allow" or "allowed":
                return true;
            case "deny" or "denied":
                return false;
            default:
                fields.Fail("expect", "must be \"allow\" or \"deny\"");
                return null;
        }
    }
}
