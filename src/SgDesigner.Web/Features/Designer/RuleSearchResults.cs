using SgDesigner.Core.Model;
using SgDesigner.Core.Search;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The rules of a draft or revision a search found (<see cref="RuleSearch"/>), for the designer's search box and
/// <c>GET …/rules/search?q=</c>: at most <see cref="MaxRules"/> listed, the number left out said.
/// </summary>
/// <param name="Query">The query as read.</param>
/// <param name="Kind">port, address, block or term: how the query was read.</param>
/// <param name="Warning">Something about the query the caller should know (host bits cleared from a CIDR), or null.</param>
/// <param name="Count">How many rules matched.</param>
/// <param name="Rules">The rules found, in group-name order.</param>
/// <param name="NotListed">How many more matched beyond <see cref="MaxRules"/>.</param>
public sealed record RuleSearchResults(string Query, string Kind, string? Warning, int Count, IReadOnlyList<RuleHit> Rules, int NotListed)
{
    /// <summary>Rules listed; an estate of thousands of rules searched for "0.0.0.0/0" can match them all.</summary>
    public const int MaxRules = 500;

    /// <summary>Searches <paramref name="estate"/>.</summary>
    public static RuleSearchResults Of(Estate estate, RuleQuery query, string? warning)
    {
        var matches = RuleSearch.Find(estate, query);
        var names = IdNames.Of(estate);
        return new RuleSearchResults(
            query.Text, query.Kind.ToString().ToLowerInvariant(), warning, matches.Count,
            [.. matches.Take(MaxRules).Select(m => RuleHit.From(m, names))], Math.Max(0, matches.Count - MaxRules));
    }
}

/// <summary>One rule found.</summary>
/// <param name="GroupId">Its group's id.</param>
/// <param name="GroupName">Its group's name.</param>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Direction">inbound or outbound.</param>
/// <param name="Traffic">e.g. "tcp 443", "all".</param>
/// <param name="Peer">The peer as stored: a CIDR, a group id or a prefix-list id.</param>
/// <param name="PeerName">The peer group's or prefix list's name, or null.</param>
/// <param name="Description">The rule's description, or null.</param>
/// <param name="Text">The rule in one line: "web · inbound · tcp 443 · from 10.0.0.0/8 · HTTPS".</param>
/// <param name="Why">Why it matched, e.g. "peer 10.0.0.0/8 contains 10.1.2.3".</param>
public sealed record RuleHit(
    string GroupId, string GroupName, string RuleId, string Direction, string Traffic, string Peer, string? PeerName,
    string? Description, string Text, IReadOnlyList<string> Why)
{
    /// <summary>From the search's match, with the names of <paramref name="names"/>.</summary>
    public static RuleHit From(RuleMatch match, IdNames names)
    {
        var rule = match.Rule;
        var peer = rule.Peer.ToString();
        var peerName = rule.Peer is CidrPeer ? null : names.NameOf(peer);
        var direction = DirectionText.Of(rule.Direction);
        var side = rule.Direction == Core.Model.Direction.Inbound ? "from" : "to";
        var parts = new List<string> { match.Group.Name, direction, rule.TrafficText, $"{side} {peerName ?? peer}" };
        if (!string.IsNullOrEmpty(rule.Description))
            parts.Add(rule.Description);
        return new RuleHit(
            match.Group.Id, match.Group.Name, rule.Id, direction, rule.TrafficText, peer, peerName, rule.Description,
            string.Join(" · ", parts), [.. match.Why.Select(names.Plain)]);
    }
}
