using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Search;

/// <summary>What a rule search looks for, as <see cref="RuleQuery.Parse"/> read it from the text typed.</summary>
public enum RuleQueryKind
{
    /// <summary>A port or a range: rules whose tcp/udp range overlaps it, and all-traffic rules.</summary>
    Port,
    /// <summary>One IP address: rules whose peer CIDR (or a prefix-list entry) contains it.</summary>
    Address,
    /// <summary>A CIDR block: rules whose peer CIDR (or a prefix-list entry) contains it or lies inside it.</summary>
    Block,
    /// <summary>
    /// A word: a group (by id or name: rules in it and rules referencing it), a prefix list (by id or name), and rule
    /// descriptions containing it.
    /// </summary>
    Term,
}

/// <summary>
/// A search over a policy's rules. Without a prefix the kind follows from the text: digits (<c>443</c>, <c>8000-8100</c>)
/// are a port, dotted or colon-separated numbers an address or CIDR (IPv4 or IPv6), anything else a term. A prefix
/// forces the kind: <c>port:</c>, <c>ip:</c> (address or CIDR), <c>group:</c>, <c>pl:</c>, <c>text:</c>.
/// </summary>
/// <param name="Text">The query as typed, trimmed.</param>
/// <param name="Kind">What it looks for.</param>
/// <param name="Ports">For <see cref="RuleQueryKind.Port"/>: the range.</param>
/// <param name="Block">For an address (a single-address block) or a CIDR.</param>
/// <param name="Term">For a term: the word, matched ignoring case.</param>
/// <param name="Only">For a prefixed term: "group", "pl" or "text" (only that meaning), else null (all three).</param>
public sealed record RuleQuery(string Text, RuleQueryKind Kind, PortRange? Ports, Cidr? Block, string? Term, string? Only = null)
{
    /// <summary>Longest query accepted (a rule description has at most 255 characters).</summary>
    public const int MaxLength = 255;

    /// <summary>Reads a query; the error names what is wrong with it.</summary>
    public static ParseResult<RuleQuery> Parse(string? text)
    {
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
            return ParseResult<RuleQuery>.Fail("a search text is required: a port, an IP address or CIDR, a group, a prefix list or words of a description");
        if (t.Length > MaxLength)
            return ParseResult<RuleQuery>.Fail($"the search text can have at most {MaxLength} characters");
        if (t.Any(char.IsControl))
            return ParseResult<RuleQuery>.Fail("the search text contains a control character");
        var colon = t.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 ? t[..colon].ToLowerInvariant() : "";
        var rest = colon > 0 ? t[(colon + 1)..].Trim() : t;
        return prefix switch
        {
            "port" => PortQuery(t, rest),
            "ip" or "cidr" => BlockQuery(t, rest),
            "group" or "sg" or "pl" or "prefix-list" or "text" => rest.Length == 0
                ? ParseResult<RuleQuery>.Fail($"{QuotedValue.Of(t)} names nothing after '{prefix}:'")
                : ParseResult<RuleQuery>.Ok(new RuleQuery(t, RuleQueryKind.Term, null, null, rest, prefix switch { "sg" => "group", "prefix-list" => "pl", _ => prefix })),
            _ when LooksLikePort(t) => PortQuery(t, t),
            _ when LooksLikeAddress(t) => BlockQuery(t, t),
            _ => ParseResult<RuleQuery>.Ok(new RuleQuery(t, RuleQueryKind.Term, null, null, t)),
        };
    }

    private static ParseResult<RuleQuery> PortQuery(string text, string ports) =>
        PortRange.TryParse(ports, out var range, out var error)
            ? ParseResult<RuleQuery>.Ok(new RuleQuery(text, RuleQueryKind.Port, range, null, null))
            : ParseResult<RuleQuery>.Fail(error);

    private static ParseResult<RuleQuery> BlockQuery(string text, string address)
    {
        if (address.Contains('/', StringComparison.Ordinal))
        {
            var cidr = Cidr.Parse(address);
            return cidr.IsOk
                ? ParseResult<RuleQuery>.Ok(new RuleQuery(text, RuleQueryKind.Block, null, cidr.Value, null), cidr.Warning)
                : ParseResult<RuleQuery>.Fail(cidr.Error!);
        }
        var ip = IpAddress.Parse(address);
        return ip.IsOk
            ? ParseResult<RuleQuery>.Ok(new RuleQuery(text, RuleQueryKind.Address, null, Cidr.Host(ip.Value), null))
            : ParseResult<RuleQuery>.Fail(ip.Error!);
    }

    // "443", "8000-8100", "70000" (refused by the port parser with its range message).
    private static bool LooksLikePort(string t) => char.IsAsciiDigit(t[0]) && t.All(c => char.IsAsciiDigit(c) || c is '-' or ' ');

    // "10.1.2.3", "10.0.0.0/8", "10.1.2.300", "2001:db8::1", "::/0": digits with dots, or hex with colons.
    private static bool LooksLikeAddress(string t)
    {
        var address = t.Split('/')[0];
        return (address.Contains('.', StringComparison.Ordinal) && address.All(c => char.IsAsciiDigit(c) || c == '.') && char.IsAsciiDigit(address[0]))
            || (address.Contains(':', StringComparison.Ordinal) && address.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'));
    }
}
