namespace SgDesigner.Core.Reachability;

/// <summary>
/// Computes the matrix row by row for reading every cell (<c>sgd matrix</c>, <see cref="ReachabilityMatrix.Cells"/>).
/// Every traffic set is interned to a number and every union and intersection is remembered by the numbers of its
/// operands, so that the millions of cells of a large estate cost a table look-up each instead of a set operation:
/// the distinct sets are few. What depends only on the sender's behaviour and the receiver's class (egress) is kept
/// while consecutive sender classes share a behaviour; what depends on the sender's class and the receiver's behaviour
/// (ingress) is computed once per row and receiver behaviour.
/// </summary>
/// <remarks>Gives the same cells as <see cref="ReachabilityMatrix.Allowed"/> (a differential test checks it). Not thread-safe.</remarks>
internal sealed class MatrixCellWalker
{
    /// <summary>The number of the empty set.</summary>
    public const int EmptyId = 0;
    private const int Never = -1;   // the pair can never connect (no IP, other family, VPCs not connected)
    private const int Unknown = -2; // not computed yet for this row

    private readonly ReachabilityMatrix _matrix;
    private readonly MatrixClassInfo[] _classes;
    private readonly Behaviour[] _behaviours;
    private readonly List<TrafficSet> _sets = [TrafficSet.Empty];
    private readonly Dictionary<TrafficSet, int> _ids = new() { [TrafficSet.Empty] = EmptyId };
    private readonly Dictionary<long, int> _unions = [];
    private readonly Dictionary<long, int> _intersections = [];
    private readonly Dictionary<SideRules, int[]> _distinguishingSetIds = new(ReferenceEqualityComparer.Instance);
    private readonly int[] _egressBase;
    private readonly int[] _ingressBase;
    private readonly int[] _egress;
    private readonly int[] _ingress;
    private int _sender = -1;

    public MatrixCellWalker(ReachabilityMatrix matrix)
    {
        _matrix = matrix;
        _classes = matrix.ClassInfos;
        _behaviours = matrix.Behaviours;
        _egressBase = new int[_behaviours.Length];
        _ingressBase = new int[_behaviours.Length];
        _ingress = new int[_behaviours.Length];
        _egress = new int[_classes.Length];
    }

    /// <summary>The set numbered <paramref name="id"/>.</summary>
    public TrafficSet Set(int id) => _sets[id];

    /// <summary>How many distinct sets were met so far.</summary>
    public int SetCount => _sets.Count;

    /// <summary>
    /// Fills <paramref name="row"/> (one entry per class) with the number of what <paramref name="from"/> may open to
    /// each class; <see cref="EmptyId"/> where nothing. False when the whole row is empty.
    /// </summary>
    public bool FillRow(int from, int[] row)
    {
        var a = _classes[from];
        var ga = _behaviours[a.Behaviour];
        if (ga.Out is null)
        {
            Array.Clear(row);
            return false;
        }
        if (a.Behaviour != _sender)
            StartSender(a.Behaviour);
        Array.Fill(_ingress, Unknown);
        var any = false;
        // Neighbouring classes mostly share a behaviour and their egress: remember the last intersection.
        int lastEgress = Unknown, lastIngress = Unknown, lastCell = EmptyId;
        for (var to = 0; to < row.Length; to++)
        {
            var egress = _egress[to];
            if (egress <= EmptyId)
            {
                row[to] = EmptyId;
                continue;
            }
            var b = _classes[to].Behaviour;
            var ingress = _ingress[b];
            if (ingress == Unknown)
                _ingress[b] = ingress = Ingress(a, b);
            if (egress != lastEgress || ingress != lastIngress)
            {
                lastCell = Intersect(egress, ingress);
                lastEgress = egress;
                lastIngress = ingress;
            }
            row[to] = lastCell;
            any |= lastCell != EmptyId;
        }
        return any;
    }

    // The sender behaviour's egress to every class, and the receivers' ingress bases, for the rows of its classes.
    private void StartSender(int behaviour)
    {
        _sender = behaviour;
        for (var b = 0; b < _behaviours.Length; b++)
        {
            var (egress, ingress) = _matrix.Bases(behaviour, b);
            _egressBase[b] = egress is null ? Never : Id(egress);
            _ingressBase[b] = ingress is null ? Never : Id(ingress);
        }
        var ga = _behaviours[behaviour];
        for (var to = 0; to < _classes.Length; to++)
        {
            var c = _classes[to];
            var egress = _egressBase[c.Behaviour];
            if (egress != Never && ga.OutDependsOnAtoms)
                egress = Union(egress, ForAtom(ga.Out!, c.Atom));
            _egress[to] = egress;
        }
    }

    private int Ingress(MatrixClassInfo sender, int receiver)
    {
        var ingress = _ingressBase[receiver];
        var gb = _behaviours[receiver];
        return ingress != Never && gb.InDependsOnAtoms ? Union(ingress, ForAtom(gb.In!, sender.Atom)) : ingress;
    }

    // SideRules.ForAtom on numbers: the union of the sets of the side's distinguishing blocks in the atom.
    private int ForAtom(SideRules side, int[] atom)
    {
        if (!_distinguishingSetIds.TryGetValue(side, out var setIds))
            _distinguishingSetIds[side] = setIds = [.. side.DistinguishingSets.Select(Id)];
        var keys = side.DistinguishingIds;
        var result = EmptyId;
        int i = 0, j = 0;
        while (i < keys.Length && j < atom.Length)
        {
            if (keys[i] < atom[j])
                i++;
            else if (keys[i] > atom[j])
                j++;
            else
            {
                result = Union(result, setIds[i]);
                i++;
                j++;
            }
        }
        return result;
    }

    private int Id(TrafficSet set)
    {
        if (!_ids.TryGetValue(set, out var id))
        {
            id = _sets.Count;
            _sets.Add(set);
            _ids[set] = id;
        }
        return id;
    }

    private int Union(int x, int y)
    {
        if (x == y || y == EmptyId)
            return x;
        if (x == EmptyId)
            return y;
        var key = Key(x, y);
        if (!_unions.TryGetValue(key, out var id))
            _unions[key] = id = Id(_sets[x].Union(_sets[y]));
        return id;
    }

    private int Intersect(int x, int y)
    {
        if (x == EmptyId || y == EmptyId)
            return EmptyId;
        if (x == y)
            return x;
        var key = Key(x, y);
        if (!_intersections.TryGetValue(key, out var id))
            _intersections[key] = id = Id(_sets[x].Intersect(_sets[y]));
        return id;
    }

    // Union and intersection commute: one entry serves both orders.
    private static long Key(int x, int y) => x < y ? (long)x << 32 | (uint)y : (long)y << 32 | (uint)x;
}
