using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>An endpoint outside the estate as people pick it: a named range, a CIDR a rule names, or a prefix list.</summary>
/// <param name="Label">A named range by its name (<c>Office (203.0.113.0/24)</c>), a CIDR as written, a prefix list as <c>pl-1 (name)</c>.</param>
/// <param name="Blocks">Its blocks: one CIDR, or a prefix list's entries.</param>
/// <param name="PrefixListId">The prefix list's id, or null.</param>
public sealed record OutsideEndpoint(string Label, ImmutableArray<Cidr> Blocks, string? PrefixListId = null)
{
    /// <summary>The first block (the one a question about the endpoint samples).</summary>
    public Cidr Block => Blocks[0];
}

/// <summary>
/// Every outside endpoint a policy speaks of: the internet (0.0.0.0/0 and ::/0), the declared external endpoints,
/// every CIDR a rule names and every prefix list a rule references. Each appears once: names are matched without
/// regard to case ("Internet" and "internet" are one), and a CIDR that has a name is shown by it.
/// </summary>
public static class OutsideEndpoints
{
    /// <summary>The outside endpoints of the estates, named ones first, then CIDRs (sorted), then prefix lists.</summary>
    public static ImmutableArray<OutsideEndpoint> Of(params Estate[] estates)
    {
        var names = NamedBlocks(estates);
        var named = names.Select(n => new OutsideEndpoint($"{n.Value} ({n.Key})", [n.Key]));
        var cidrs = RulePeers(estates).OfType<CidrPeer>().Select(p => p.Block).Where(b => !names.ContainsKey(b)).Distinct().Order()
            .Select(b => new OutsideEndpoint(b.ToString(), [b]));
        var lists = RulePeers(estates).OfType<PrefixListPeer>().Select(p => p.PrefixListId).Distinct(StringComparer.Ordinal)
            .Select(id => Enumerable.Reverse(estates).Select(e => e.PrefixLists.FirstOrDefault(l => l.Id == id)).FirstOrDefault(l => l is not null))
            .Where(l => l is not null && !l.Entries.IsDefaultOrEmpty)
            .Select(l => new OutsideEndpoint($"{l!.Id} ({l.Name})", l.Entries, l.Id));
        return [.. named, .. cidrs, .. lists];
    }

    /// <summary>
    /// The name of each named block: the declared external endpoints (the last estate's first), then "internet" for
    /// 0.0.0.0/0 and ::/0. The first name of a block wins, so a block has one label whatever the case of its names.
    /// </summary>
    public static Dictionary<Cidr, string> NamedBlocks(IEnumerable<Estate> estates)
    {
        var names = new Dictionary<Cidr, string>();
        foreach (var endpoint in Enumerable.Reverse(estates.ToList()).SelectMany(e => e.ExternalEndpoints))
            names.TryAdd(endpoint.Cidr, endpoint.Name);
        names.TryAdd(Cidr.AnyV4, "internet");
        names.TryAdd(Cidr.AnyV6, "internet");
        return names;
    }

    /// <summary>Every peer of every rule of the estates.</summary>
    public static IEnumerable<Peer> RulePeers(IEnumerable<Estate> estates) =>
        estates.SelectMany(e => e.Groups).SelectMany(g => g.Rules).Select(r => r.Peer);
}
