namespace SgDesigner.Core.Reachability;

/// <summary>
/// Computes the matrix row by row for reading every cell (<c>sgd matrix</c>, <see cref="ReachabilityMatrix.Cells"/>).
/// Every traffic set is interned to a number and every union and intersection is remembered by the numbers of its
/// operands, so that the millions of cells of a large estate cost a table look-up each instead of a set operation:
/// the distinct sets are few. What depends only on the sender's behaviour and the receiver's class (egress) is kept
/// while consecutive sender classes share a behaviour; what depends on the sender's class and the receiver's behaviour
/// (ingress) is computed once per row. The distinguishing blocks are looked up from the block's side (which classes
/// hold it in their atom, which receivers have a rule for it) rather than by merging every atom with every rule list.
/// </summary>
/// <remarks>Gives the same cells as <see cref="ReachabilityMatrix.Allowed"/> (a differential test checks it). Not thread-safe.</remarks>
internal sealed class MatrixCellWalker
{
    /// <summary>The number of the empty set.</summary>
    public const int EmptyId = 0;
    private const int Never = -1;   // the pair can never connect (no IP, other family, VPCs not connected)
    private const int Unknown = -2; // no intersection remembered yet

    private readonly ReachabilityMatrix _matrix;
    private readonly MatrixClassInfo[] _classes;
    private readonly Behaviour[] _behaviours;
    private readonly List<TrafficSet> _sets = [TrafficSet.Empty];
    private readonly Dictionary<TrafficSet, int> _ids = new() { [TrafficSet.Empty] = EmptyId };
    private readonly Dictionary<long, int> _unions = [];
    private readonly Dictionary<long, int> _intersections = [];
    // Distinguishing block id → the classes whose atom holds it; → the receiving behaviours with inbound rules for it.
    private readonly Dictionary<int, List<int>> _classesInBlock = [];
    private readonly Dictionary<int, List<(int Behaviour, int Set)>> _receiversOfBlock = [];
    private readonly int[] _atomEgress;
    private readonly int[] _classBehaviour;
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
        _atomEgress = new int[_classes.Length];
        _classBehaviour = [.. _classes.Select(c => c.Behaviour)];
        for (var c = 0; c < _classes.Length; c++)
        {
            foreach (var block in _classes[c].Atom)
            {
                if (!_classesInBlock.TryGetValue(block, out var list))
                    _classesInBlock[block] = list = [];
                list.Add(c);
            }
        }
        for (var b = 0; b < _behaviours.Length; b++)
        {
            if (_behaviours[b].In is not { } side)
                continue;
            for (var i = 0; i < side.DistinguishingIds.Length; i++)
            {
                if (!_receiversOfBlock.TryGetValue(side.DistinguishingIds[i], out var list))
                    _receiversOfBlock[side.DistinguishingIds[i]] = list = [];
                list.Add((b, Id(side.DistinguishingSets[i])));
            }
        }
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
        // Ingress: each receiver's base, plus what its rules for the sender's distinguishing blocks allow.
        Array.Copy(_ingressBase, _ingress, _ingress.Length);
        foreach (var block in a.Atom)
        {
            if (!_receiversOfBlock.TryGetValue(block, out var receivers))
                continue;
            foreach (var (b, set) in receivers)
            {
                if (_ingress[b] != Never)
                    _ingress[b] = Union(_ingress[b], set);
            }
        }
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
            var ingress = _ingress[_classBehaviour[to]];
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
        // Egress: the base towards each class's behaviour, plus what the sender's rules for blocks in its atom allow.
        Array.Fill(_atomEgress, EmptyId);
        if (_behaviours[behaviour].Out is { } side)
        {
            for (var i = 0; i < side.DistinguishingIds.Length; i++)
            {
                if (!_classesInBlock.TryGetValue(side.DistinguishingIds[i], out var classes))
                    continue;
                var set = Id(side.DistinguishingSets[i]);
                foreach (var c in classes)
                    _atomEgress[c] = Union(_atomEgress[c], set);
            }
        }
        for (var to = 0; to < _classes.Length; to++)
        {
            var egress = _egressBase[_classBehaviour[to]];
            _egress[to] = egress == Never ? Never : Union(egress, _atomEgress[to]);
        }
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
