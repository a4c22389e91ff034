using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Search;

/// <summary>A rule a search found, with why.</summary>
/// <param name="Group">The group the rule belongs to.</param>
/// <param name="Rule">The rule.</param>
/// <param name="Why">Each reason it matched, as a sentence fragment, e.g. "peer 10.0.0.0/8 contains 10.1.2.3".</param>
public sealed record RuleMatch(SecurityGroup Group, Rule Rule, ImmutableArray<string> Why);

/// <summary>
/// Finds the rules of an estate that a <see cref="RuleQuery"/> describes (see <c>semantics.md</c> for the matching of one
/// rule; this is a search, not a reachability question: a group peer is matched by its id, never by the addresses of
/// the ENIs carrying it).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A port or range finds tcp and udp rules whose range overlaps it, and all-traffic rules (<c>-1</c>); ICMP and
/// other protocols have no ports and are never found by one.</item>
/// <item>An address finds rules whose peer CIDR contains it, and rules whose peer prefix list has an entry containing it.</item>
/// <item>A CIDR finds rules whose peer overlaps it: the peer contains the query (<c>10.0.0.0/8</c> and <c>0.0.0.0/0</c>
/// for <c>10.1.0.0/16</c>) or lies inside it (<c>10.1.2.0/24</c>); the reason says which. Two CIDR blocks overlap exactly
/// when one contains the other. Families never mix: <c>::/0</c> is not found by an IPv4 query.</item>
/// <item>A term finds, ignoring case: the rules of a group whose id or name equals it, the rules referencing that group
/// (also as <c>account/sg-…</c>), the rules whose peer is a prefix list whose id or name equals it, and the rules whose
/// description contains it.</item>
/// </list>
/// Matches come in group-name order, then the group's rule order.
/// </remarks>
public static class RuleSearch
{
    /// <summary>Every rule of <paramref name="estate"/> that <paramref name="query"/> finds.</summary>
    public static IReadOnlyList<RuleMatch> Find(Estate estate, RuleQuery query)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(query);
        var prefixLists = estate.PrefixLists.DistinctBy(p => p.Id).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var groups = query.Kind == RuleQueryKind.Term && query.Only is null or "group" ? GroupsNamed(estate, query.Term!) : [];
        var lists = query.Kind == RuleQueryKind.Term && query.Only is null or "pl" ? ListsNamed(estate, query.Term!) : [];
        var matches = new List<RuleMatch>();
        foreach (var group in estate.Groups.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Id, StringComparer.Ordinal))
        {
            foreach (var rule in group.Rules)
            {
                var why = query.Kind switch
                {
                    RuleQueryKind.Port => PortReasons(rule, query.Ports!.Value),
                    RuleQueryKind.Address or RuleQueryKind.Block => BlockReasons(rule, query, prefixLists),
                    _ => TermReasons(group, rule, query, groups, lists),
                };
                if (why.Count > 0)
                    matches.Add(new RuleMatch(group, rule, [.. why]));
            }
        }
        return matches;
    }

    private static List<string> PortReasons(Rule rule, Reachability.PortRange ports)
    {
        if (rule.Protocol.IsAll)
            return ["all traffic, every port"];
        if (!rule.Protocol.HasPorts || rule.FromPort > ports.To || rule.ToPort < ports.From)
            return [];
        var range = rule.FromPort == rule.ToPort ? $"port {rule.FromPort}" : $"ports {rule.FromPort}-{rule.ToPort}";
        return ports.From != ports.To ? [$"{rule.Protocol} {range} overlap{(rule.FromPort == rule.ToPort ? "s" : "")} {ports}"]
            : rule.FromPort == rule.ToPort ? [$"{rule.Protocol} {range}"]
            : [$"{rule.Protocol} {range} cover {ports}"];
    }

    private static List<string> BlockReasons(Rule rule, RuleQuery query, Dictionary<string, PrefixList> prefixLists)
    {
        var block = query.Block!.Value;
        var what = query.Kind == RuleQueryKind.Address ? block.First.ToString() : block.ToString();
        switch (rule.Peer)
        {
            case CidrPeer { Block: var peer } when Relation(peer, block, what) is { } relation:
                return [$"peer {relation}"];
            case PrefixListPeer { PrefixListId: var id } when prefixLists.TryGetValue(id, out var list):
                return [.. list.Entries.Select(e => Relation(e, block, what)).OfType<string>().Select(r => $"prefix list {list.Name} entry {r}")];
            default:
                return [];
        }
    }

    // "10.0.0.0/8 contains 10.1.2.3", "10.1.2.0/24 lies within 10.1.0.0/16", "10.1.0.0/16 is 10.1.0.0/16", or null.
    private static string? Relation(Cidr peer, Cidr query, string what) =>
        peer == query && query.PrefixLength < Model.IpAddress.BitsOf(query.Family) ? $"{peer} is {what}"
        : peer.Contains(query) ? $"{peer} contains {what}"
        : query.Contains(peer) ? $"{peer} lies within {what}"
        : null;

    private static List<string> TermReasons(SecurityGroup group, Rule rule, RuleQuery query, HashSet<string> groups, HashSet<string> lists)
    {
        var why = new List<string>();
        if (groups.Contains(group.Id))
            why.Add($"in group {group.Name}");
        if (rule.Peer is GroupPeer peer && (groups.Contains(peer.GroupId) || groups.Contains(peer.LocalGroupId)))
            why.Add($"references group {peer.GroupId}");
        if (rule.Peer is PrefixListPeer list && lists.Contains(list.PrefixListId))
            why.Add($"references prefix list {list.PrefixListId}");
        if (query.Only is null or "text" && rule.Description is { } description
            && description.Contains(query.Term!, StringComparison.OrdinalIgnoreCase))
            why.Add($"description contains '{query.Term}'");
        return why;
    }

    // Ids of the groups the term names (by id or name), and the term itself as an id: a stale reference to a group
    // that is not in the estate is still found by its id.
    private static HashSet<string> GroupsNamed(Estate estate, string term)
    {
        var ids = estate.Groups.Where(g => string.Equals(g.Id, term, StringComparison.OrdinalIgnoreCase) || string.Equals(g.Name, term, StringComparison.OrdinalIgnoreCase))
            .Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        if (term.StartsWith("sg-", StringComparison.OrdinalIgnoreCase) || term.Contains("/sg-", StringComparison.OrdinalIgnoreCase))
            ids.Add(term.ToLowerInvariant());
        return ids;
    }

    private static HashSet<string> ListsNamed(Estate estate, string term)
    {
        var ids = estate.PrefixLists.Where(p => string.Equals(p.Id, term, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Name, term, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        if (term.StartsWith("pl-", StringComparison.OrdinalIgnoreCase))
            ids.Add(term.ToLowerInvariant());
        return ids;
    }
}
