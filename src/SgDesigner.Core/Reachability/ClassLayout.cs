using System.Collections.Immutable;

namespace SgDesigner.Core.Reachability;

/// <summary>A class: its behaviour, its atom (ascending distinguishing block ids), its ACL profile (0 without ACLs) and its ENIs.</summary>
internal sealed class MatrixClassInfo(int behaviour, int[] atom, List<string> eniIds, int profile = 0)
{
    public int Behaviour { get; } = behaviour;
    public int[] Atom { get; } = atom;
    public List<string> EniIds { get; } = eniIds;

    /// <summary>The <see cref="AclProfile"/> number of its ENIs; 0 when the matrix has no ACL layer.</summary>
    public int Profile { get; } = profile;
}

/// <summary>
/// The partition of ENIs into classes (behaviour, atom), numbered behaviour by behaviour so that cells
/// sharing a behaviour pair are neighbours. An update whose distinguishing blocks differ re-files only
/// the ENIs inside the blocks that came or went. With network ACLs (<see cref="AclMatrixLayer"/>) a class also
/// holds one ACL profile only: one subnet behind a restrictive ACL, one client port range, one ACL atom.
/// </summary>
internal sealed class ClassLayout
{
    private readonly Lazy<ImmutableArray<MatrixEni>> _enis;
    private readonly Lazy<ImmutableArray<MatrixClass>> _classes;

    private ClassLayout(int[] distinguishingIds, MatrixClassInfo[] infos, EstateIndex index, Behaviour[] behaviours, Dictionary<string, int> eniBehaviour, AclMatrixLayer? acl)
    {
        DistinguishingIds = distinguishingIds;
        Acl = acl;
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

    /// <summary>The network-ACL layer the classes respect, or null when no ACL can drop anything.</summary>
    public AclMatrixLayer? Acl { get; }
    public MatrixClassInfo[] Infos { get; }
    public Dictionary<string, int> EniClass { get; }
    public ImmutableArray<MatrixEni> Enis => _enis.Value;
    public ImmutableArray<MatrixClass> Classes => _classes.Value;

    public static ClassLayout Build(EstateIndex index, CidrCatalog catalog, int[] distinguishing, Behaviour[] behaviours, Dictionary<string, int> eniBehaviour, AclMatrixLayer? acl)
    {
        var lookup = new CidrLookup(catalog, distinguishing);
        var perBehaviour = new Dictionary<SequenceKey, MatrixClassInfo>?[behaviours.Length];
        var order = new List<MatrixClassInfo>?[behaviours.Length];
        foreach (var (eniId, b) in eniBehaviour)
            File(eniId, b, AtomOf(index, lookup, eniId), ProfileOf(acl, eniId), perBehaviour, order);
        return new ClassLayout(distinguishing, [.. order.Where(o => o is not null).SelectMany(o => o!)], index, behaviours, eniBehaviour, acl);
    }

    /// <summary>The layout for the same ENIs and behaviours with another set of distinguishing blocks.</summary>
    public ClassLayout Refine(EstateIndex index, CidrCatalog catalog, int[] distinguishing, Behaviour[] behaviours, Dictionary<string, int> eniBehaviour)
    {
        // Only ENIs inside a block that became, or stopped being, distinguishing can change atom.
        var changed = DistinguishingIds.Except(distinguishing).Concat(distinguishing.Except(DistinguishingIds));
        var moved = new HashSet<string>(changed.SelectMany(catalog.EnisIn));
        if (moved.Count > 64 && moved.Count > eniBehaviour.Count / 4)
            return Build(index, catalog, distinguishing, behaviours, eniBehaviour, Acl);

        // Re-file the ENIs of the behaviours that have a moved ENI; every other class is kept as it is.
        var lookup = new CidrLookup(catalog, distinguishing);
        var touched = moved.Select(id => eniBehaviour[id]).ToHashSet();
        var perBehaviour = new Dictionary<SequenceKey, MatrixClassInfo>?[behaviours.Length];
        var order = new List<MatrixClassInfo>?[behaviours.Length];
        var infos = new List<MatrixClassInfo>(Infos.Length + moved.Count);
        foreach (var info in Infos)
        {
            if (!touched.Contains(info.Behaviour))
            {
                infos.Add(info);
                continue;
            }
            var b = info.Behaviour;
            if (order[b] is null)
                infos.Add(null!); // placeholder for this behaviour's re-filed classes, in place
            foreach (var eniId in info.EniIds)
                File(eniId, b, moved.Contains(eniId) ? AtomOf(index, lookup, eniId) : info.Atom, info.Profile, perBehaviour, order);
        }
        // Replace each placeholder by its behaviour's classes, keeping classes grouped by behaviour.
        var result = new List<MatrixClassInfo>(infos.Count + moved.Count);
        var pending = new Queue<int>(Infos.Select(i => i.Behaviour).Where(touched.Contains).Distinct());
        foreach (var info in infos)
        {
            if (info is null)
                result.AddRange(order[pending.Dequeue()]!);
            else
                result.Add(info);
        }
        return new ClassLayout(distinguishing, [.. result], index, behaviours, eniBehaviour, Acl);
    }

    /// <summary>
    /// Per class, a number shared by the classes of the same behaviour and ACL profile: senders that a receiver ignoring
    /// atoms treats alike. The behaviour itself when there is no ACL layer.
    /// </summary>
    public int SenderKey(int cls) => (_senderKeys ??= SenderKeys())[cls];

    private int[]? _senderKeys;

    private int[] SenderKeys()
    {
        if (Acl is null)
            return [.. Infos.Select(i => i.Behaviour)];
        var numbers = new Dictionary<(int, int), int>();
        return [.. Infos.Select(i => numbers.TryGetValue((i.Behaviour, i.Profile), out var n) ? n : numbers[(i.Behaviour, i.Profile)] = numbers.Count)];
    }

    private static int ProfileOf(AclMatrixLayer? acl, string eniId) => acl is null ? 0 : acl.EniProfile[eniId];

    private static int[] AtomOf(EstateIndex index, CidrLookup lookup, string eniId) =>
        index.Enis[eniId].Eni.PrimaryIp is { } ip ? lookup.Containing(ip) : [];

    private static void File(string eniId, int behaviour, int[] atom, int profile, Dictionary<SequenceKey, MatrixClassInfo>?[] perBehaviour, List<MatrixClassInfo>?[] order)
    {
        var map = perBehaviour[behaviour] ??= [];
        // The profile closes the key (an atom's block ids are ascending), so (atom, profile) pairs never collide.
        var key = new SequenceKey(profile == 0 ? atom : [.. atom, -1 - profile]);
        if (!map.TryGetValue(key, out var cls))
        {
            map[key] = cls = new MatrixClassInfo(behaviour, atom, [], profile);
            (order[behaviour] ??= []).Add(cls);
        }
        cls.EniIds.Add(eniId);
    }
}
