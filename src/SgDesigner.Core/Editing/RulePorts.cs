using System.Globalization;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Editing;

/// <summary>
/// A rule's "ports" as one text field, the way the designer's row and a pasted line write them: a port or range for
/// tcp/udp (<c>443</c>, <c>8000-8100</c>), type/code for icmp (<c>8/0</c>, <c>3</c>, <c>any</c> or empty), and
/// nothing for other protocols.
/// </summary>
public static class RulePorts
{
    /// <summary>The text of a rule's ports: "443", "80-443", "8/0", "8", "any", or empty.</summary>
    public static string Text(IpProtocol protocol, int fromPort, int toPort) => protocol switch
    {
        { HasPorts: true } => new PortRange(fromPort, toPort).ToString(),
        { IsIcmp: true } => fromPort == -1 ? "any" : toPort == -1 ? Number(fromPort) : $"{Number(fromPort)}/{Number(toPort)}",
        _ => "",
    };

    /// <summary>
    /// The from/to values of <paramref name="text"/> for <paramref name="protocol"/>: a range checked against
    /// 0..65535 for tcp/udp, type and code (-1 any) for icmp, -1/-1 for other protocols (which take no ports).
    /// ICMP type and code ranges are left to <see cref="Validation.RuleValidator"/>.
    /// </summary>
    public static ParseResult<(int From, int To)> Parse(IpProtocol protocol, string? text)
    {
        var t = text?.Trim() ?? "";
        if (protocol.HasPorts)
        {
            if (t.Length == 0)
                return ParseResult<(int, int)>.Fail($"{protocol} needs a port or a range such as 8000-8100");
            return PortRange.TryParse(t, out var range, out var error)
                ? ParseResult<(int, int)>.Ok((range.From, range.To))
                : ParseResult<(int, int)>.Fail(error);
        }
        if (protocol.IsIcmp)
        {
            if (t.Length == 0 || t.Equals("any", StringComparison.OrdinalIgnoreCase))
                return ParseResult<(int, int)>.Ok((-1, -1));
            var parts = t.Split('/', 2);
            var code = -1;
            return TryNumber(parts[0], out var type) && (parts.Length == 1 || TryNumber(parts[1], out code))
                ? ParseResult<(int, int)>.Ok((type, code))
                : ParseResult<(int, int)>.Fail($"{QuotedValue.Of(t)} is not an ICMP type/code such as 8/0, 3 or any");
        }
        return t.Length == 0
            ? ParseResult<(int, int)>.Ok((-1, -1))
            : ParseResult<(int, int)>.Fail($"ports do not apply to protocol {protocol}: leave the field empty");
    }

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
