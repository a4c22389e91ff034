using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// Builds the factors of the all-pairs matrix: behaviours (VPC, family, groups) with their rules split by
/// peer kind, group-reference rows between behaviours, and classes (behaviour, atom). A cell is then a
/// handful of set operations (<see cref="ReachabilityMatrix.Allowed"/>), never a scan of rules.
/// </summary>
/// <remarks>
/// Incremental: when only groups' rules changed (same ENIs, prefix lists, connections and group ids),
/// behaviours not carrying a changed group are reused with their rows (a row depends only on the
/// behaviour's own rules and on which behaviours carry which group), and the classes are reused
/// unless the set of distinguishing blocks changed.
/// </remarks>
internal static class MatrixBuilder
{
    public static ReachabilityMatrix Build(EstateIndex index, ReachabilityMatrix? previous)
    {
        var estate = index.Estate;
        var incremental = previous is not null && OnlyGroupRulesChanged(previous.Index.Estate, estate);
        CidrCatalog catalog;
        Behaviour[] behaviours;
        Dictionary<string, int> eniBehaviour;
        Dictionary<string, int[]> withGroup;
        var fresh = new List<int>();
        if (incremental)
        {
            catalog = new CidrCatalog(previous!.Catalog);
            eniBehaviour = previous.EniBehaviour;
            withGroup = previous.BehavioursWithGroup;
            behaviours = [.. previous.Behaviours];
            for (var i = 0; i < behaviours.Length; i++)
            {
                var old = behaviours[i];
                if (old.Groups.Any(g => !ReferenceEquals(index.Groups[g.Group.Id], g)))
                {
                    behaviours[i] = new Behaviour(old.Key, old.VpcId, old.Family, [.. old.Groups.Select(g => index.Groups[g.Group.Id])], index, catalog);
                    fresh.Add(i);
                }
            }
        }
        else
        {
            catalog = new CidrCatalog(index.Enis.Values.Select(e => e.Eni.PrimaryIp).OfType<IpAddress>(), previous?.Catalog);
            (behaviours, eniBehaviour, withGroup) = Behaviours(index, catalog);
            fresh.AddRange(Enumerable.Range(0, behaviours.Length));
        }
        foreach (var i in fresh)
            FillRows(index, behaviours, withGroup, i);

        var distinguishing = behaviours.SelectMany(b => b.DistinguishingIds).Distinct().Order().ToArray();
        var classes = incremental && distinguishing.AsSpan().SequenceEqual(previous!.DistinguishingIds)
            ? previous.ClassInfos
            : Classes(index, catalog, distinguishing, behaviours.Length, eniBehaviour);
        return new ReachabilityMatrix(index, catalog, behaviours, eniBehaviour, withGroup, distinguishing, classes);
    }

    private static bool OnlyGroupRulesChanged(Estate before, Estate after)
    {
        if (!SameItems(before.NetworkInterfaces, after.NetworkInterfaces) || !SameItems(before.PrefixLists, after.PrefixLists)
            || !SameItems(before.VpcConnections, after.VpcConnections) || before.Groups.Length != after.Groups.Length)
            return false;
        for (var i = 0; i < before.Groups.Length; i++)
        {
            if (before.Groups[i].Id != after.Groups[i].Id)
                return false;
        }
        return true;
    }

    private static bool SameItems<T>(System.Collections.Immutable.ImmutableArray<T> a, System.Collections.Immutable.ImmutableArray<T> b)
        where T : class
    {
        if (a == b)
            return true;
        if (a.Length != b.Length)
            return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
                return false;
        }
        return true;
    }

    private static (Behaviour[], Dictionary<string, int>, Dictionary<string, int[]>) Behaviours(EstateIndex index, CidrCatalog catalog)
    {
        var list = new List<Behaviour>();
        var byKey = new Dictionary<string, int>();
        var eniBehaviour = new Dictionary<string, int>(index.Enis.Count);
        foreach (var e in index.Estate.NetworkInterfaces)
        {
            if (eniBehaviour.ContainsKey(e.Id))
                continue;
            var info = index.Enis[e.Id];
            var family = e.PrimaryIp?.Family;
            var groups = info.Groups.OrderBy(g => g.Group.Id, StringComparer.Ordinal).ToArray();
            var key = $"{e.VpcId}|{family}|{string.Join(',', groups.Select(g => g.Group.Id))}";
            if (!byKey.TryGetValue(key, out var b))
            {
                b = list.Count;
                byKey[key] = b;
                list.Add(new Behaviour(key, e.VpcId, family, groups, index, catalog));
            }
            eniBehaviour[e.Id] = b;
        }
        var withGroup = new Dictionary<string, List<int>>();
        for (var b = 0; b < list.Count; b++)
        {
            foreach (var g in list[b].Groups)
            {
                if (!withGroup.TryGetValue(g.Group.Id, out var members))
                    withGroup[g.Group.Id] = members = [];
                members.Add(b);
            }
        }
        return ([.. list], eniBehaviour, withGroup.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }

    // A group reference matches the private IPs of members in the same VPC or across a connection with
    // group referencing (semantics.md); the matrix uses primary private IPs, so only VPCs and families matter.
    private static void FillRows(EstateIndex index, Behaviour[] behaviours, Dictionary<string, int[]> withGroup, int i)
    {
        var self = behaviours[i];
        if (self.Out is null)
            return;
        Fill(self.Out.Refs, self.OutRow);
        Fill(self.In!.Refs, self.InRow);

        void Fill(Dictionary<string, TrafficSet> refs, Dictionary<int, TrafficSet> row)
        {
            foreach (var (groupId, set) in refs)
            {
                if (!withGroup.TryGetValue(groupId, out var members))
                    continue;
                foreach (var m in members)
                {
                    var other = behaviours[m];
                    if (other.Family != self.Family || index.Link(self.VpcId, other.VpcId) != VpcLink.Full)
                        continue;
                    row[m] = row.TryGetValue(m, out var existing) ? existing.Union(set) : set;
                }
            }
        }
    }

    private static MatrixClassInfo[] Classes(EstateIndex index, CidrCatalog catalog, int[] distinguishing, int behaviourCount, Dictionary<string, int> eniBehaviour)
    {
        var lookup = new CidrLookup(catalog, distinguishing);
        var perBehaviour = new Dictionary<string, MatrixClassInfo>[behaviourCount];
        var order = new List<MatrixClassInfo>[behaviourCount];
        foreach (var (eniId, b) in eniBehaviour)
        {
            var ip = index.Enis[eniId].Eni.PrimaryIp;
            var atom = ip is { } a ? lookup.Containing(a) : [];
            var key = string.Join(',', atom);
            var map = perBehaviour[b] ??= [];
            if (!map.TryGetValue(key, out var cls))
            {
                map[key] = cls = new MatrixClassInfo(b, atom);
                (order[b] ??= []).Add(cls);
            }
            cls.EniIds.Add(eniId);
        }
        // Classes are numbered behaviour by behaviour, so that a row's cells that share a behaviour pair
        // are neighbours (see ReachabilityMatrix.Cells).
        return [.. order.Where(o => o is not null).SelectMany(o => o)];
    }
}

/// <summary>A class while building: its behaviour, its atom (sorted distinguishing block ids) and its ENIs.</summary>
internal sealed class MatrixClassInfo(int behaviour, int[] atom)
{
    public int Behaviour { get; } = behaviour;
    public int[] Atom { get; } = atom;
    public List<string> EniIds { get; } = [];
}
