using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// Builds the factors of the all-pairs matrix: behaviours (VPC, family, groups) with their rules split by
/// peer kind, and classes (behaviour, atom). A cell is then a handful of set operations
/// (<see cref="ReachabilityMatrix.Allowed"/>), never a scan of rules; building is linear in ENIs and rules.
/// </summary>
/// <remarks>
/// Incremental: when only groups' rules changed (same ENIs, prefix lists, connections and group ids),
/// behaviours not carrying a changed group are reused as they are, and so is the class layout unless
/// the set of distinguishing blocks changed.
/// </remarks>
internal static class MatrixBuilder
{
    public static ReachabilityMatrix Build(EstateIndex index, ReachabilityMatrix? previous)
    {
        if (previous is not null && OnlyGroupRulesChanged(previous.Index.Estate, index.Estate))
            return Update(index, previous);
        var catalog = new CidrCatalog(index.Enis.Values.Select(e => e.Eni), previous?.Cache.Catalog);
        var cache = new GroupRulesCache(catalog);
        var (behaviours, eniBehaviour) = Behaviours(index, cache);
        var vpcs = behaviours.Select(b => b.VpcId).Distinct().ToArray();
        var vpcNumber = vpcs.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        var links = new VpcLink[vpcs.Length, vpcs.Length];
        for (var a = 0; a < vpcs.Length; a++)
        {
            for (var b = 0; b < vpcs.Length; b++)
                links[a, b] = index.Link(vpcs[a], vpcs[b]);
        }
        var distinguishing = cache.DistinguishingIds();
        // After the groups' blocks, so that their numbering is the same with or without ACLs.
        var acl = AclMatrixLayer.Build(index, catalog);
        var layout = ClassLayout.Build(index, catalog, distinguishing, behaviours, eniBehaviour, acl);
        var withGroup = behaviours
            .SelectMany((b, i) => b.Groups.Select(g => (g.Group.Id, i)))
            .GroupBy(x => x.Id, x => x.i)
            .ToDictionary(x => x.Key, x => x.ToArray());
        return new ReachabilityMatrix(index, cache, behaviours, [.. behaviours.Select(b => vpcNumber[b.VpcId])], links, eniBehaviour, withGroup, layout);
    }

    private static ReachabilityMatrix Update(EstateIndex index, ReachabilityMatrix previous)
    {
        var catalog = new CidrCatalog(previous.Cache.Catalog);
        var changed = index.ChangedGroupIds is { } known && ReferenceEquals(index.ChangedSince, previous.Index.Estate)
            ? known
            : [.. previous.Index.Groups.Values.Where(g => !ReferenceEquals(index.Groups[g.Group.Id], g)).Select(g => g.Group.Id)];
        var cache = new GroupRulesCache(catalog, previous.Cache);
        var behaviours = (Behaviour[])previous.Behaviours.Clone();
        foreach (var groupId in changed)
        {
            cache.Forget(previous.Index.Groups[groupId]);
            foreach (var i in previous.BehavioursWithGroup.GetValueOrDefault(groupId, []))
            {
                var old = behaviours[i];
                behaviours[i] = new Behaviour(old.VpcId, old.Family, [.. old.Groups.Select(g => index.Groups[g.Group.Id])], index, cache);
            }
        }
        var distinguishing = cache.DistinguishingIds();
        var layout = distinguishing.AsSpan().SequenceEqual(previous.Layout.DistinguishingIds)
            ? previous.Layout
            : previous.Layout.Refine(index, catalog, distinguishing, behaviours, previous.EniBehaviour);
        return new ReachabilityMatrix(index, cache, behaviours, previous.BehaviourVpc, previous.Links, previous.EniBehaviour,
            previous.BehavioursWithGroup, layout);
    }

    private static bool OnlyGroupRulesChanged(Estate before, Estate after)
    {
        if (!SameItems(before.NetworkInterfaces, after.NetworkInterfaces) || !SameItems(before.PrefixLists, after.PrefixLists)
            || !SameItems(before.VpcConnections, after.VpcConnections) || before.Groups.Length != after.Groups.Length)
            return false;
        // The ACL layer is kept as it is: its ACLs, subnets and client ports must be the same objects.
        if ((!before.NetworkAcls.IsDefaultOrEmpty || !after.NetworkAcls.IsDefaultOrEmpty)
            && (!SameItems(before.NetworkAcls, after.NetworkAcls) || !SameItems(before.Subnets, after.Subnets) || !SameItems(before.Instances, after.Instances)))
            return false;
        for (var i = 0; i < before.Groups.Length; i++)
        {
            if (before.Groups[i].Id != after.Groups[i].Id)
                return false;
        }
        return true;
    }

    private static bool SameItems<T>(ImmutableArray<T> a, ImmutableArray<T> b)
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

    private static (Behaviour[], Dictionary<string, int>) Behaviours(EstateIndex index, GroupRulesCache cache)
    {
        var list = new List<Behaviour>();
        var byKey = new Dictionary<(string Vpc, IpFamily? Family, SequenceKey Groups), int>();
        var eniBehaviour = new Dictionary<string, int>(index.Enis.Count);
        foreach (var e in index.Estate.NetworkInterfaces)
        {
            if (eniBehaviour.ContainsKey(e.Id))
                continue;
            var info = index.Enis[e.Id];
            var family = e.PrimaryIp?.Family;
            var numbers = new int[info.Groups.Length];
            for (var i = 0; i < numbers.Length; i++)
                numbers[i] = index.GroupNumbers[info.Groups[i].Group.Id];
            Array.Sort(numbers);
            var key = (e.VpcId, family, new SequenceKey(numbers));
            if (!byKey.TryGetValue(key, out var b))
            {
                b = list.Count;
                byKey[key] = b;
                list.Add(new Behaviour(e.VpcId, family, [.. info.Groups.OrderBy(g => g.Group.Id, StringComparer.Ordinal)], index, cache));
            }
            eniBehaviour[e.Id] = b;
        }
        return ([.. list], eniBehaviour);
    }
}

/// <summary>An int array compared by content, for dictionary keys (sorted group numbers, atoms).</summary>
internal readonly struct SequenceKey(int[] items) : IEquatable<SequenceKey>
{
    public int[] Items { get; } = items;

    public bool Equals(SequenceKey other) => Items.AsSpan().SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is SequenceKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var i in Items)
            hash.Add(i);
        return hash.ToHashCode();
    }
}
