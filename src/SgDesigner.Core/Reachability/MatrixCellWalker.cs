using System.Runtime.CompilerServices;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// Computes the matrix row by row for reading every cell (<c>sgd matrix</c>, <see cref="ReachabilityMatrix.Cells"/>).
/// Every traffic set is interned to a number and every union and intersection is remembered by the numbers of its
/// operands, so that the millions of cells of a large estate cost a table look-up each instead of a set operation:
/// the distinct sets are few.
/// </summary>
/// <remarks>
/// <para>A cell is egress ∩ ingress. Egress (the sender's outbound rules) depends on the sender's behaviour and the
/// receiver's class; ingress (the receiver's inbound rules) on the receiver's behaviour and the sender's class, but only
/// through the receivers' rules for the sender's distinguishing blocks. So, per sender behaviour, a <em>base row</em>
/// is computed once with every receiver's ingress base; each row of that behaviour is the base row with the cells of
/// the few receiving behaviours that have rules for the sender's atom computed again.</para>
/// <para>Bases come from the references' side: a sender's rule referencing group g reaches the behaviours carrying g;
/// a receiver's rule referencing g admits senders carrying g. Sets are unions, so the order of the unions does not
/// change a cell. Gives the same cells as <see cref="ReachabilityMatrix.Allowed"/> (a differential test checks it).
/// Not thread-safe: each thread walks with its own walker.</para>
/// </remarks>
internal sealed partial class MatrixCellWalker
{
    /// <summary>The number of the empty set.</summary>
    public const int EmptyId = SetNumbers.Empty;
    private const int Never = -1;   // the pair can never connect (no IP, other family, VPCs not connected)
    private const int Unknown = -2; // no intersection remembered yet

    private readonly ReachabilityMatrix _matrix;
    private readonly MatrixClassInfo[] _classes;
    private readonly Behaviour[] _behaviours;
    private readonly SetNumbers _numbers = new();
    // Distinguishing block id → the atoms holding it; → the receiving behaviours with inbound rules for it.
    private readonly Dictionary<int, List<int>> _atomsInBlock = [];
    private readonly Dictionary<int, List<(int Behaviour, int Set)>> _receiversOfBlock = [];
    // Group number → the behaviours carrying it; → the receiving behaviours whose inbound rules reference it.
    private readonly List<int>?[] _carriers;
    private readonly List<(int Behaviour, int Set)>?[] _admitters;
    private readonly int[][] _classesOf;       // behaviour → its classes
    private readonly int[] _outUniversal;      // behaviour → its outbound rules for every ENI; Never without outbound side
    private readonly int[] _inUniversal;
    private readonly int[] _classBehaviour;
    private readonly int[] _atomEgress;        // atom → what the sender's rules for its blocks allow
    private readonly int[] _egressBase;        // receiving behaviour → the sender behaviour's egress base towards it
    private readonly int[] _ingressBase;       // receiving behaviour → its ingress base for the sender behaviour
    private readonly int[] _egress;            // receiving class → the sender behaviour's egress to it, where its behaviour is split
    private readonly List<int> _touched = [];  // the atoms with an atom egress (the others' is empty)
    private readonly int[][] _classesOfAtom;
    // Per atom: what the sender's rules for its blocks allow, and the last egress base it was added to, and the result.
    private readonly int[] _atomLastBase;
    private readonly int[] _atomLastEgress;
    private readonly List<int> _split = [];    // the behaviours some of whose classes have an egress of their own
    private readonly int[] _baseOfBehaviour;   // receiving behaviour → the base cell of all its classes; Unknown where they differ
    private readonly int[] _emptyPerBehaviour; // the same for a sender without outbound side: nothing
    // Per receiving behaviour: the last egress and ingress bases its base cell was made of, and that cell.
    private readonly int[] _lastBaseEgress;
    private readonly int[] _lastBaseIngress;
    private readonly int[] _lastBaseCell;
    private readonly int[] _uniformEgress;     // receiving behaviour → the egress to all its classes; Unknown where they differ
    private readonly int[] _baseRow;           // the sender behaviour's cells with ingress bases only
    private bool _baseRowFilled;               // _baseRow holds the cells of behaviours whose classes are alike too
    // The last ingress of a receiving behaviour that a row of this sender behaviour met, and its cell (uniform egress).
    private readonly int[] _memoIngress;
    private readonly int[] _memoCell;
    // Distinct atoms: class → its atom's number; atom number → what receivers' rules for its blocks allow.
    private readonly int[] _classAtom;
    private readonly int[][] _atomBlocks;
    private readonly AtomReceiver[]?[] _atomReceivers;
    private int _sender = -1;
    // The row of a sender without outbound side (nothing), and room for a row's overrides.
    private readonly int[] _noRow;
    private readonly int[] _overrideTo;
    private readonly int[] _overrideCell;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MatrixCellWalker(ReachabilityMatrix matrix)
    {
        _matrix = matrix;
        _classes = matrix.ClassInfos;
        _behaviours = matrix.Behaviours;
        var behaviourCount = _behaviours.Length;
        _egressBase = new int[behaviourCount];
        _ingressBase = new int[behaviourCount];
        _uniformEgress = new int[behaviourCount];
        _baseOfBehaviour = new int[behaviourCount];
        _emptyPerBehaviour = new int[behaviourCount];
        (_lastBaseEgress, _lastBaseIngress, _lastBaseCell) = (new int[behaviourCount], new int[behaviourCount], new int[behaviourCount]);
        Array.Fill(_lastBaseEgress, Unknown);
        _memoIngress = new int[behaviourCount];
        _memoCell = new int[behaviourCount];
        _outUniversal = new int[behaviourCount];
        _inUniversal = new int[behaviourCount];
        _egress = new int[_classes.Length];
        _baseRow = new int[_classes.Length];
        _noRow = new int[_classes.Length];
        _overrideTo = new int[_classes.Length];
        _overrideCell = new int[_classes.Length];
        _classBehaviour = [.. _classes.Select(c => c.Behaviour)];
        if (matrix.Acl is { } acl)
        {
            _acl = acl;
            _classProfile = [.. _classes.Select(c => c.Profile)];
            _aclBaseRow = new int[_classes.Length];
        }
        var classesOf = new List<int>[behaviourCount];
        var atoms = new Dictionary<SequenceKey, int>();
        _classAtom = new int[_classes.Length];
        for (var c = 0; c < _classes.Length; c++)
        {
            (classesOf[_classes[c].Behaviour] ??= []).Add(c);
            var atomKey = new SequenceKey(_classes[c].Atom);
            if (atoms.TryGetValue(atomKey, out _classAtom[c]))
                continue;
            atoms[atomKey] = _classAtom[c] = atoms.Count;
            foreach (var block in _classes[c].Atom)
            {
                if (!_atomsInBlock.TryGetValue(block, out var list))
                    _atomsInBlock[block] = list = [];
                list.Add(_classAtom[c]);
            }
        }
        var classesOfAtom = new List<int>[atoms.Count];
        for (var c = 0; c < _classes.Length; c++)
            (classesOfAtom[_classAtom[c]] ??= []).Add(c);
        _classesOfAtom = [.. classesOfAtom.Select(list => list.ToArray())];
        (_atomEgress, _atomLastBase, _atomLastEgress) = (new int[atoms.Count], new int[atoms.Count], new int[atoms.Count]);
        _classesOf = [.. classesOf.Select(list => list is null ? [] : list.ToArray())];
        _atomBlocks = [.. atoms.Keys.Select(k => k.Items)];
        _atomReceivers = new AtomReceiver[]?[_atomBlocks.Length];
        // Group numbers are positions in the index (EstateIndex.GroupNumbers), below its count.
        _carriers = new List<int>?[matrix.Index.GroupNumbers.Count];
        _admitters = new List<(int, int)>?[matrix.Index.GroupNumbers.Count];
        for (var b = 0; b < behaviourCount; b++)
        {
            var behaviour = _behaviours[b];
            foreach (var g in behaviour.GroupNumbers)
                (_carriers[g] ??= []).Add(b);
            _outUniversal[b] = behaviour.Out is { } outbound ? Id(outbound.Universal) : Never;
            _inUniversal[b] = behaviour.In is { } inbound ? Id(inbound.Universal) : Never;
            if (behaviour.In is not { } side)
                continue;
            for (var i = 0; i < side.RefGroups.Length; i++)
                (_admitters[side.RefGroups[i]] ??= []).Add((b, Id(side.RefSets[i])));
            for (var i = 0; i < side.DistinguishingIds.Length; i++)
            {
                if (!_receiversOfBlock.TryGetValue(side.DistinguishingIds[i], out var list))
                    _receiversOfBlock[side.DistinguishingIds[i]] = list = [];
                list.Add((b, Id(side.DistinguishingSets[i])));
            }
        }
    }

    /// <summary>The set numbered <paramref name="id"/>.</summary>
    public TrafficSet Set(int id) => _numbers.Set(id);

    /// <summary>How many distinct sets were met so far.</summary>
    public int SetCount => _numbers.Count;

    private int Id(TrafficSet set) => _numbers.Id(set);

    /// <summary>The number of the union of the sets numbered <paramref name="x"/> and <paramref name="y"/>.</summary>
    public int Union(int x, int y) => _numbers.Union(x, y);

    private int Intersect(int x, int y) => _numbers.Intersect(x, y);
}
