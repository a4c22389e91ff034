using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SgDesigner.Core.Assertions;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>
/// One assertion line in sgd check's format for a matrix cell: from and to as the instance ids (which the parser
/// resolves however the instances are renamed), tcp or udp and a port, and a name a person reads
/// ("web-1 → db-1 tcp 5432 must stay denied").
/// </summary>
public static class CellAssertionLine
{
    // The arrow and quotes in the name stay readable in the settings' text.
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The line (without a line break) for the flow from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static string For(MatrixEndpoint from, MatrixEndpoint to, string protocol, int port, bool allowed)
    {
        var name = $"{from.Label} → {to.Label} {protocol} {port.ToString(CultureInfo.InvariantCulture)} must stay {(allowed ? "allowed" : "denied")}";
        return JsonSerializer.Serialize(new { from = from.Id, to = to.Id, protocol, port, expect = allowed ? "allow" : "deny", name }, s_json);
    }

    /// <summary>
    /// Why <paramref name="line"/> must not be added to <paramref name="assertions"/>: the same flow is asserted already,
    /// with the same expectation (a duplicate) or the opposite one (a contradiction); null when it may be added.
    /// </summary>
    public static string? Conflict(string assertions, string line)
    {
        var added = AssertionParser.Parse(line).Assertions.Single();
        var same = AssertionParser.Parse(assertions).Assertions.FirstOrDefault(a =>
            string.Equals(a.From, added.From, StringComparison.OrdinalIgnoreCase) && string.Equals(a.To, added.To, StringComparison.OrdinalIgnoreCase)
            && a.Traffic == added.Traffic);
        return same switch
        {
            null => null,
            _ when same.ExpectAllowed == added.ExpectAllowed => $"line {same.Line} of the policy's assertions says this already; nothing was added",
            _ => $"line {same.Line} of the policy's assertions expects the opposite; change it on the Settings page; nothing was added",
        };
    }
}
