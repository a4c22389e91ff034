using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Editing;

/// <summary>
/// A rule's peer as one text: a CIDR block, a group or prefix list by id, by name or as "name (id)", or one of the
/// console's source shortcuts Anywhere-IPv4 (0.0.0.0/0) and Anywhere-IPv6 (::/0).
/// </summary>
public static class PeerText
{
    /// <summary>The console's shortcut for 0.0.0.0/0.</summary>
    public const string AnywhereV4 = "Anywhere-IPv4";

    /// <summary>The console's shortcut for ::/0.</summary>
    public const string AnywhereV6 = "Anywhere-IPv6";

    /// <summary>
    /// The id named by <paramref name="text"/>: a group or prefix list given as "name (id)" or by its name (any case;
    /// only when one object has that name), otherwise the trimmed text itself (a CIDR or an id).
    /// </summary>
    public static string IdOf(Estate estate, string? text)
    {
        var t = text?.Trim() ?? "";
        if (t.EndsWith(')') && t.LastIndexOf('(') is var open and >= 0)
            t = t[(open + 1)..^1].Trim();
        var named = estate.Groups.Where(g => string.Equals(g.Name, t, StringComparison.OrdinalIgnoreCase)).Select(g => g.Id)
            .Concat(estate.PrefixLists.Where(p => string.Equals(p.Name, t, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id))
            .ToList();
        return named.Count == 1 ? named[0] : t;
    }

    /// <summary>
    /// The peer <paramref name="text"/> names in <paramref name="estate"/>. A group or prefix list id is taken as it is
    /// (whether it exists is the validator's concern); any other text must be a CIDR block (host bits are cleared with
    /// a warning) or a name of the policy.
    /// </summary>
    public static ParseResult<Peer> Parse(Estate estate, string? text)
    {
        var t = IdOf(estate, text);
        if (t.Length == 0)
            return ParseResult<Peer>.Fail("a peer is required: a CIDR block, a group or a prefix list");
        if (t.Equals(AnywhereV4, StringComparison.OrdinalIgnoreCase))
            return ParseResult<Peer>.Ok(new CidrPeer(Cidr.AnyV4));
        if (t.Equals(AnywhereV6, StringComparison.OrdinalIgnoreCase))
            return ParseResult<Peer>.Ok(new CidrPeer(Cidr.AnyV6));
        if (estate.FindGroup(t) is not null || t.StartsWith("sg-", StringComparison.Ordinal))
            return ParseResult<Peer>.Ok(new GroupPeer(t));
        if (t.StartsWith("pl-", StringComparison.Ordinal))
            return ParseResult<Peer>.Ok(new PrefixListPeer(t));
        var cidr = Cidr.Parse(t);
        if (cidr.IsOk)
            return ParseResult<Peer>.Ok(new CidrPeer(cidr.Value), cidr.Warning);
        // Text with neither a '/' nor an address in it was meant as a name.
        return t.Contains('/', StringComparison.Ordinal) || t.Contains(':', StringComparison.Ordinal) || char.IsAsciiDigit(t[0])
            ? ParseResult<Peer>.Fail(cidr.Error!)
            : ParseResult<Peer>.Fail($"no group or prefix list of the policy is named {QuotedValue.Of(t)}, and it is not a CIDR block");
    }
}
