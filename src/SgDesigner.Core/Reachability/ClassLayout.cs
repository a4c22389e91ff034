using System.Collections.Immutable;

namespace SgDesigner.Core.Reachability;

/// <summary>A class: its behaviour, its atom (ascending distinguishing block ids) and its ENIs.</summary>
internal sealed class MatrixClassInfo(int behaviour, int[] atom, List<string> eniIds)
{
    public int Behaviour { get; } = behaviour;
    public int[] Atom { get; } = atom;
    public List<string> EniIds { get; } = eniIds;
    public string AtomKey => string.Join(',', Atom);
}

/// <summary>
/// The partition of ENIs into classes (behaviour, atom), numbered behaviour by behaviour so that cells
/// sharing a behaviour pair are neighbours. An update whose distinguishing blocks differ re-files only
/// the ENIs inside the blocks that came or went.
/// </summary>
internal sealed class ClassLayout
{
    private readonly Lazy<ImmutableArray<MatrixEni>> _enis;
    private readonly Lazy<ImmutableArray<MatrixClass>> _classes;

    private ClassLayout(int[] distinguishingIds, MatrixClassInfo[] infos, EstateIndex index, Behaviour[] behaviours, Dictionary<string, int> eniBehaviour)
    {
        DistinguishingIds = distinguishingIds;
        Infos = infos;
        EniClass = new Dictionary<string, int>(eniBehaviour.Count);
        for (var c = 0; c < infos.Length; c++)
        {
            foreach (var id in infos[c].EniIds)
                EniClass[id] = c;
        }
        // The public views are built on first use: an incremental update should not pay for them.
        _enis = new(() => [.. eniBehaviour.Keys.Select(id => new MatrixEni(id, index.Enis[id].Eni.InstanceId, EniClass[id]))]);
        _classes = new(() => [.. infos.Select((c, i) => new MatrixClass(i, behaviours[c.Behaviour].VpcId,
            [.. behaviours[c.Behaviour].Groups.Select(g => g.Group.Id)], [.. c.EniIds]))]);
    }

    public int[] DistinguishingIds { get; }
    public MatrixClassInfo[] Infos { get; }
    public Dictionary<string, int> EniClass { get; }
    public ImmutableArray<MatrixEni> Enis => _enis.Value;
    public ImmutableArray<MatrixClass> Classes => _classes.Value;

    public static ClassLayout Build(EstateIndex index, CidrCatalog catalog, int[] distinguishing, Behaviour[] behaviours, Dictionary<string, int> eniBehaviour)
    {
        var lookup = new CidrLookup(catalog, distinguishing);
        var perBehaviour = new Dictionary<string, MatrixClassInfo>?[behaviours.Length];
        var order = new List<MatrixClassInfo>?[behaviours.Length];
        foreach (var (eniId, b) in eniBehaviour)
            File(eniId, b, AtomOf(index, lookup, eniId), perBehaviour, order);
        return new ClassLayout(distinguishing, [.. order.Where(o => o is not null).SelectMany(o => o!)], index, behaviours, eniBehaviour);
    }

    /// <summary>The layout for the same ENIs and behaviours with another set of distinguishing blocks.</summary>
    public ClassLayout Refine(EstateIndex index, CidrCatalog catalog, int[] distinguishing, Behaviour[] behaviours, Dictionary<string, int> eniBehaviour)
    {
        // Only ENIs inside a block that became, or stopped being, distinguishing can change atom.
        var changed = DistinguishingIds.Except(distinguishing).Concat(distinguishing.Except(DistinguishingIds));
        var moved = new HashSet<string>(changed.SelectMany(catalog.EnisIn));
        if (moved.Count > 64 && moved.Count > eniBehaviour.Count / 4)
            return Build(index, catalog, distinguishing, behaviours, eniBehaviour);

        var perBehaviour = new Dictionary<string, MatrixClassInfo>?[behaviours.Length];
        var order = new List<MatrixClassInfo>?[behaviours.Length];
        var fresh = new HashSet<MatrixClassInfo>(); // created here; the others are shared with this layout
        foreach (var info in Infos)
        {
            var kept = info;
            if (moved.Count > 0 && info.EniIds.Any(moved.Contains))
            {
                kept = new MatrixClassInfo(info.Behaviour, info.Atom, [.. info.EniIds.Where(id => !moved.Contains(id))]);
                fresh.Add(kept);
                if (kept.EniIds.Count == 0)
                    continue;
            }
            (perBehaviour[info.Behaviour] ??= [])[info.AtomKey] = kept;
            (order[info.Behaviour] ??= []).Add(kept);
        }
        var lookup = new CidrLookup(catalog, distinguishing);
        foreach (var eniId in moved)
        {
            var b = eniBehaviour[eniId];
            var atom = AtomOf(index, lookup, eniId);
            var map = perBehaviour[b] ??= [];
            var key = string.Join(',', atom);
            if (!map.TryGetValue(key, out var cls))
            {
                map[key] = cls = new MatrixClassInfo(b, atom, []);
                (order[b] ??= []).Add(cls);
                fresh.Add(cls);
            }
            else if (!fresh.Contains(cls))
            {
                // A class shared with the previous layout: copy it before adding a member.
                var copy = new MatrixClassInfo(cls.Behaviour, cls.Atom, [.. cls.EniIds]);
                fresh.Add(copy);
                map[key] = copy;
                order[b]![order[b]!.IndexOf(cls)] = copy;
                cls = copy;
            }
            cls.EniIds.Add(eniId);
        }
        return new ClassLayout(distinguishing, [.. order.Where(o => o is not null).SelectMany(o => o!)], index, behaviours, eniBehaviour);
    }

    private static int[] AtomOf(EstateIndex index, CidrLookup lookup, string eniId) =>
        index.Enis[eniId].Eni.PrimaryIp is { } ip ? lookup.Containing(ip) : [];

    private static void File(string eniId, int behaviour, int[] atom, Dictionary<string, MatrixClassInfo>?[] perBehaviour, List<MatrixClassInfo>?[] order)
    {
        var map = perBehaviour[behaviour] ??= [];
        var key = string.Join(',', atom);
        if (!map.TryGetValue(key, out var cls))
        {
            map[key] = cls = new MatrixClassInfo(behaviour, atom, []);
            (order[behaviour] ??= []).Add(cls);
        }
        cls.EniIds.Add(eniId);
    }
}
