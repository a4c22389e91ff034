using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// The rules of one side (outbound or inbound) of a set of groups, sorted by what the peer depends on:
/// blocks containing every ENI, referenced groups, and blocks that distinguish ENIs (semantics.md
/// "A peer matches"). Blocks containing no ENI, stale references and missing prefix lists cannot
/// match an ENI and are left out: the matrix is between ENIs only.
/// </summary>
internal sealed class SideRules
{
    /// <summary>Compiles one group's rules of one direction for traffic of <paramref name="family"/>.</summary>
    public SideRules(CompiledGroup group, bool outbound, IpFamily family, EstateIndex index, CidrCatalog catalog)
    {
        var refs = new SortedDictionary<int, TrafficSet>();
        var distinguishing = new SortedDictionary<int, TrafficSet>();
        foreach (var r in outbound ? group.Outbound : group.Inbound)
        {
            var set = TrafficSet.Of(r.Rule, family);
            if (set.IsEmpty)
                continue;
            switch (r.Rule.Peer)
            {
                case CidrPeer c:
                    AddBlock(c.Block, set);
                    break;
                case PrefixListPeer p when index.PrefixLists.TryGetValue(p.PrefixListId, out var list) && list.Family == family:
                    foreach (var entry in list.Entries)
                        AddBlock(entry, set);
                    break;
                case GroupPeer gp when index.GroupNumbers.TryGetValue(gp.GroupId, out var number):
                    Add(refs, number, set);
                    break;
            }
        }
        RefGroups = [.. refs.Keys];
        RefSets = [.. refs.Values];
        DistinguishingIds = [.. distinguishing.Keys];
        DistinguishingSets = [.. distinguishing.Values];

        void AddBlock(Cidr block, TrafficSet set)
        {
            if (block.Family != family)
                return;
            var id = catalog.IdOf(block);
            switch (catalog.KindOf(id))
            {
                case CidrKind.Universal:
                    Universal = Universal.Union(set);
                    break;
                case CidrKind.Distinguishing:
                    Add(distinguishing, id, set);
                    break;
            }
        }
    }

    private SideRules(TrafficSet universal, int[] refGroups, TrafficSet[] refSets, int[] distinguishingIds, TrafficSet[] distinguishingSets)
    {
        Universal = universal;
        RefGroups = refGroups;
        RefSets = refSets;
        DistinguishingIds = distinguishingIds;
        DistinguishingSets = distinguishingSets;
    }

    /// <summary>The rules of several groups together: all groups on an ENI are merged into one set of rules.</summary>
    public static SideRules Merge(IReadOnlyList<SideRules> parts)
    {
        if (parts.Count == 1)
            return parts[0];
        var universal = TrafficSet.Empty;
        foreach (var p in parts)
            universal = universal.Union(p.Universal);
        var (refGroups, refSets) = MergeKeyed(parts, p => (p.RefGroups, p.RefSets));
        var (distinguishingIds, distinguishingSets) = MergeKeyed(parts, p => (p.DistinguishingIds, p.DistinguishingSets));
        return new SideRules(universal, refGroups, refSets, distinguishingIds, distinguishingSets);
    }

    // Concatenates ascending (key, set) arrays, sorts by key and unites the sets of equal keys.
    private static (int[], TrafficSet[]) MergeKeyed(IReadOnlyList<SideRules> parts, Func<SideRules, (int[] Keys, TrafficSet[] Sets)> select)
    {
        var count = 0;
        foreach (var p in parts)
            count += select(p).Keys.Length;
        if (count == 0)
            return ([], []);
        var keys = new int[count];
        var sets = new TrafficSet[count];
        var n = 0;
        foreach (var p in parts)
        {
            var (k, v) = select(p);
            k.CopyTo(keys, n);
            v.CopyTo(sets, n);
            n += k.Length;
        }
        Array.Sort(keys, sets);
        var write = 0;
        for (var read = 0; read < count; read++)
        {
            if (write > 0 && keys[write - 1] == keys[read])
                sets[write - 1] = sets[write - 1].Union(sets[read]);
            else
            {
                keys[write] = keys[read];
                sets[write] = sets[read];
                write++;
            }
        }
        return write == count ? (keys, sets) : (keys[..write], sets[..write]);
    }

    private static void Add(SortedDictionary<int, TrafficSet> map, int key, TrafficSet set) =>
        map[key] = map.TryGetValue(key, out var existing) ? existing.Union(set) : set;

    /// <summary>Traffic allowed to (or from) every ENI reachable at all.</summary>
    public TrafficSet Universal { get; private set; } = TrafficSet.Empty;

    /// <summary>Numbers of the referenced groups, ascending; <see cref="RefSets"/> holds their traffic.</summary>
    public int[] RefGroups { get; }

    /// <summary>Traffic allowed to (or from) members of the group at the same position of <see cref="RefGroups"/>.</summary>
    public TrafficSet[] RefSets { get; }

    /// <summary>Catalog ids of blocks that contain some ENIs but not others, ascending.</summary>
    public int[] DistinguishingIds { get; }

    /// <summary>Traffic of the block at the same position of <see cref="DistinguishingIds"/>.</summary>
    public TrafficSet[] DistinguishingSets { get; }

    /// <summary>What references to any of <paramref name="groupNumbers"/> (ascending) allow.</summary>
    public TrafficSet ForGroups(int[] groupNumbers) => Select(RefGroups, RefSets, groupNumbers);

    /// <summary>What the distinguishing blocks of <paramref name="atom"/> (ascending ids) allow.</summary>
    public TrafficSet ForAtom(int[] atom) => Select(DistinguishingIds, DistinguishingSets, atom);

    /// <summary>Whether <see cref="ForGroups"/> of <paramref name="groupNumbers"/> shares traffic with <paramref name="traffic"/>, without making the union.</summary>
    public bool GroupsOverlap(int[] groupNumbers, TrafficSet traffic) => SelectionOverlaps(RefGroups, RefSets, groupNumbers, traffic);

    /// <summary>Whether <see cref="ForAtom"/> of <paramref name="atom"/> shares traffic with <paramref name="traffic"/>, without making the union.</summary>
    public bool AtomOverlaps(int[] atom, TrafficSet traffic) => SelectionOverlaps(DistinguishingIds, DistinguishingSets, atom, traffic);

    // A union overlaps a set when one of its parts does.
    private static bool SelectionOverlaps(int[] keys, TrafficSet[] sets, int[] wanted, TrafficSet traffic)
    {
        int i = 0, j = 0;
        while (i < keys.Length && j < wanted.Length)
        {
            if (keys[i] < wanted[j])
                i++;
            else if (keys[i] > wanted[j])
                j++;
            else if (sets[i++].Overlaps(traffic))
                return true;
            else
                j++;
        }
        return false;
    }

    // Union of sets[i] for every keys[i] in wanted: a merge of two ascending arrays.
    private static TrafficSet Select(int[] keys, TrafficSet[] sets, int[] wanted)
    {
        var result = TrafficSet.Empty;
        int i = 0, j = 0;
        while (i < keys.Length && j < wanted.Length)
        {
            if (keys[i] < wanted[j])
                i++;
            else if (keys[i] > wanted[j])
                j++;
            else
            {
                result = result.Union(sets[i]);
                i++;
                j++;
            }
        }
        return result;
    }
}
