namespace SgDesigner.Core.Reachability;

/// <summary>
/// One computation of <see cref="MatrixAggregation.Aggregate"/>, by sender behaviour rather than by cell.
/// </summary>
/// <remarks>
/// In <see cref="ReachabilityMatrix"/>'s factored form, what a sender class of behaviour S may open to a receiving class d
/// of behaviour R is (egress base(S, R) ∪ S's rules for d's atom) ∩ (ingress base(S, R) ∪ R's rules for the sender's atom).
/// The bases depend on the behaviours only, so the sums per column aggregate are first taken per sender behaviour over
/// receiving behaviours (their member counts per column), then corrected for each sender class's few receivers that an
/// atom rule touches (either way) and for the class itself; class pairs are never all visited.
/// Sets are numbered and their operations remembered (<see cref="SetNumbers"/>).
/// </remarks>
internal sealed class AggregationRun
{
    private readonly ReachabilityMatrix _matrix;
    private readonly MatrixClassInfo[] _classes;
    private readonly Behaviour[] _behaviours;
    private readonly Traffic? _filter;
    private readonly SetNumbers _sets = new();
    private readonly List<sbyte> _counts = []; // per set number: 1 counts, 0 not, -1 not known yet
    private readonly Members _rows;
    private readonly Members _columns;
    private readonly int[] _classBehaviour;
    private readonly List<int>[] _receivingClasses; // per behaviour: its classes with column members
    private readonly List<int>[] _sendingClasses;   // per behaviour: its classes with row members
    private readonly List<int> _receivers = [];       // behaviours that receive something and have column members
    private readonly int[] _ingress;                  // per receiving behaviour: its universal ingress
    private readonly Dictionary<int, long>[] _receiverMembers; // per behaviour: column → members
    private readonly Dictionary<int, List<int>> _carrying = [];                     // group number → receivers carrying it
    private readonly Dictionary<int, List<(int Behaviour, int Set)>> _admitting = []; // group number → receivers naming it inbound
    private readonly Dictionary<int, List<int>> _classesInBlock = [];
    private readonly Dictionary<int, List<(int Behaviour, int Set)>> _receiversOfBlock = [];
    private readonly long[,] _allowed;
    private readonly HashSet<int>?[,] _cellSets;

    // Per sender behaviour: the bases' group-reference parts and the atom egress per receiving class.
    private readonly int[] _refStamp, _egressRef, _ingressRef, _base;
    private readonly bool[] _linked;
    private readonly int[] _atomEgress;
    private readonly List<int> _atomClasses = [];
    // Per sender class.
    private readonly int[] _ingressAtom;
    private readonly List<int> _ingressBehaviours = [];
    private readonly int[] _classStamp;
    private readonly long[] _delta;
    private readonly bool[] _deltaTouched;
    private readonly List<int> _deltaColumns = [];
    private int _stamp;

    private sealed class Members(List<(int Aggregate, long Count)>?[] perClass, Dictionary<string, List<int>> aggregatesOf)
    {
        public List<(int Aggregate, long Count)>?[] PerClass { get; } = perClass;
        public Dictionary<string, List<int>> AggregatesOf { get; } = aggregatesOf;
    }

    public AggregationRun(ReachabilityMatrix matrix, IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns, Traffic? filter)
    {
        _matrix = matrix;
        _classes = matrix.ClassInfos;
        _behaviours = matrix.Behaviours;
        _filter = filter;
        _rows = MembersOf(matrix, rows);
        _columns = MembersOf(matrix, columns);
        _allowed = new long[rows.Count, columns.Count];
        _cellSets = new HashSet<int>?[rows.Count, columns.Count];
        _classBehaviour = [.. _classes.Select(c => c.Behaviour)];
        _receivingClasses = [.. _behaviours.Select(_ => new List<int>())];
        _sendingClasses = [.. _behaviours.Select(_ => new List<int>())];
        for (var c = 0; c < _classes.Length; c++)
        {
            if (_columns.PerClass[c] is not null)
                _receivingClasses[_classBehaviour[c]].Add(c);
            if (_rows.PerClass[c] is not null)
                _sendingClasses[_classBehaviour[c]].Add(c);
        }
        var count = _behaviours.Length;
        (_ingress, _receiverMembers) = (new int[count], new Dictionary<int, long>[count]);
        (_refStamp, _egressRef, _ingressRef, _base, _linked) = (new int[count], new int[count], new int[count], new int[count], new bool[count]);
        _ingressAtom = new int[count];
        _atomEgress = new int[_classes.Length];
        _classStamp = new int[_classes.Length];
        _delta = new long[columns.Count];
        _deltaTouched = new bool[columns.Count];
        IndexReceivers();
    }

    public AggregateCell[,] Run(IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns)
    {
        for (var b = 0; b < _behaviours.Length; b++)
        {
            if (_sendingClasses[b].Count > 0 && _behaviours[b].Out is not null)
                Sender(b);
        }
        var cells = new AggregateCell[rows.Count, columns.Count];
        var columnMembers = columns.Select(c => c.EniIds.Distinct(StringComparer.Ordinal).ToList()).ToList();
        for (var r = 0; r < rows.Count; r++)
        {
            var rowMembers = rows[r].EniIds.ToHashSet(StringComparer.Ordinal);
            for (var c = 0; c < columns.Count; c++)
            {
                var pairs = (long)rowMembers.Count * columnMembers[c].Count - columnMembers[c].Count(rowMembers.Contains);
                var union = SetNumbers.Empty;
                foreach (var id in _cellSets[r, c] ?? [])
                    union = _sets.Union(union, id);
                cells[r, c] = new AggregateCell(_allowed[r, c], pairs, _sets.Set(union));
            }
        }
        return cells;
    }

    // Receiving behaviours: their ingress and members per column, who carries and who admits each group, and atom rules.
    private void IndexReceivers()
    {
        for (var b = 0; b < _behaviours.Length; b++)
        {
            var behaviour = _behaviours[b];
            if (_receivingClasses[b].Count == 0 || behaviour.In is not { } side || behaviour.Family is null)
                continue;
            _receivers.Add(b);
            _ingress[b] = _sets.Id(side.Universal);
            var members = _receiverMembers[b] = [];
            foreach (var c in _receivingClasses[b])
            {
                foreach (var (column, n) in _columns.PerClass[c]!)
                    members[column] = members.GetValueOrDefault(column) + n;
                foreach (var block in _classes[c].Atom)
                    Add(_classesInBlock, block, c);
            }
            foreach (var number in behaviour.GroupNumbers)
                Add(_carrying, number, b);
            for (var i = 0; i < side.RefGroups.Length; i++)
                Add(_admitting, side.RefGroups[i], (b, _sets.Id(side.RefSets[i])));
            for (var i = 0; i < side.DistinguishingIds.Length; i++)
                Add(_receiversOfBlock, side.DistinguishingIds[i], (b, _sets.Id(side.DistinguishingSets[i])));
        }
    }

    private static void Add<T>(Dictionary<int, List<T>> map, int key, T value)
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        list.Add(value);
    }

    private void Sender(int sender)
    {
        var ga = _behaviours[sender];
        var vpc = _matrix.BehaviourVpc[sender];
        var egress = _sets.Id(ga.Out!.Universal);
        var stamp = ++_stamp;
        // ReachabilityMatrix.Bases: group references count only where the link is full.
        for (var i = 0; i < ga.Out.RefGroups.Length; i++)
        {
            var set = _sets.Id(ga.Out.RefSets[i]);
            foreach (var b in _carrying.GetValueOrDefault(ga.Out.RefGroups[i]) ?? [])
            {
                if (FullLink(vpc, b, stamp))
                    _egressRef[b] = _sets.Union(_egressRef[b], set);
            }
        }
        foreach (var number in ga.GroupNumbers)
        {
            foreach (var (b, set) in _admitting.GetValueOrDefault(number) ?? [])
            {
                if (FullLink(vpc, b, stamp))
                    _ingressRef[b] = _sets.Union(_ingressRef[b], set);
            }
        }
        // The base cell per receiving behaviour, and the sums per column: the same for every class of this sender.
        var total = new Dictionary<int, long>();
        var ids = new Dictionary<(int Column, int Cell), int>(); // how many receiving behaviours give the cell in the column
        foreach (var b in _receivers)
        {
            _linked[b] = _behaviours[b].Family == ga.Family && _matrix.Links[vpc, _matrix.BehaviourVpc[b]] != VpcLink.None;
            var cell = _base[b] = _linked[b] ? _sets.Intersect(Egress(b, egress, stamp), Ingress(b, stamp)) : SetNumbers.Empty;
            if (!Counts(cell))
                continue;
            foreach (var (column, n) in _receiverMembers[b])
            {
                total[column] = total.GetValueOrDefault(column) + n;
                ids[(column, cell)] = ids.GetValueOrDefault((column, cell)) + 1;
            }
        }
        // Receiving classes whose atom holds a block this sender's outbound rules name.
        for (var i = 0; i < ga.Out.DistinguishingIds.Length; i++)
        {
            if (!_classesInBlock.TryGetValue(ga.Out.DistinguishingIds[i], out var classes))
                continue;
            var set = _sets.Id(ga.Out.DistinguishingSets[i]);
            foreach (var c in classes)
            {
                if (_atomEgress[c] == SetNumbers.Empty)
                    _atomClasses.Add(c);
                _atomEgress[c] = _sets.Union(_atomEgress[c], set);
            }
        }
        var weight = new Dictionary<int, long>(); // row aggregate → its members in this sender's classes
        var rowsOf = new Dictionary<int, int>();  // row aggregate → how many of this sender's classes it holds
        var fullyTaken = new Dictionary<(int Row, int Behaviour, int Column), int>();
        foreach (var from in _sendingClasses[sender])
        {
            foreach (var (row, n) in _rows.PerClass[from]!)
            {
                weight[row] = weight.GetValueOrDefault(row) + n;
                rowsOf[row] = rowsOf.GetValueOrDefault(row) + 1;
            }
            Row(from, egress, stamp, fullyTaken);
        }
        // Receiving behaviours that every class of a row aggregate found wholly corrected in a column: their base cell
        // stands for no pair there.
        var gone = new Dictionary<(int Row, int Column), List<int>>();
        foreach (var ((row, b, column), n) in fullyTaken)
        {
            if (n == rowsOf[row])
                Add(gone, row, column, b);
        }
        foreach (var (row, w) in weight)
        {
            foreach (var (column, n) in total)
                _allowed[row, column] += w * n;
            foreach (var ((column, cell), _) in ids)
            {
                if (!gone.ContainsKey((row, column)))
                    (_cellSets[row, column] ??= []).Add(cell);
            }
            foreach (var ((r, column), behaviours) in gone)
            {
                if (r != row)
                    continue;
                var left = ids.Where(x => x.Key.Column == column).ToDictionary(x => x.Key.Cell, x => x.Value);
                foreach (var b in behaviours)
                    left[_base[b]]--;
                (_cellSets[row, column] ??= []).UnionWith(left.Where(x => x.Value > 0).Select(x => x.Key));
            }
        }
        foreach (var c in _atomClasses)
            _atomEgress[c] = SetNumbers.Empty;
        _atomClasses.Clear();
    }

    private static void Add(Dictionary<(int, int), List<int>> map, int row, int column, int value)
    {
        if (!map.TryGetValue((row, column), out var list))
            map[(row, column)] = list = [];
        list.Add(value);
    }

    // Whether group references of this sender apply to receiver b; on the first yes, clears b's reference parts.
    private bool FullLink(int vpc, int b, int stamp)
    {
        if (_matrix.Links[vpc, _matrix.BehaviourVpc[b]] != VpcLink.Full)
            return false;
        if (_refStamp[b] != stamp)
            (_refStamp[b], _egressRef[b], _ingressRef[b]) = (stamp, SetNumbers.Empty, SetNumbers.Empty);
        return true;
    }

    private int Egress(int b, int egress, int stamp) => _refStamp[b] == stamp ? _sets.Union(egress, _egressRef[b]) : egress;

    private int Ingress(int b, int stamp) => _refStamp[b] == stamp ? _sets.Union(_ingress[b], _ingressRef[b]) : _ingress[b];

    // One sender class: the corrections to its behaviour's sums for receivers an atom rule touches, and the class with itself.
    private void Row(int from, int egress, int stamp, Dictionary<(int, int, int), int> fullyTaken)
    {
        var classStamp = ++_stamp;
        foreach (var block in _classes[from].Atom)
        {
            foreach (var (b, set) in _receiversOfBlock.GetValueOrDefault(block) ?? [])
            {
                if (_ingressAtom[b] == SetNumbers.Empty)
                    _ingressBehaviours.Add(b);
                _ingressAtom[b] = _sets.Union(_ingressAtom[b], set);
            }
        }
        var corrected = new List<int>();
        void Mark(int d)
        {
            if (_classStamp[d] == classStamp)
                return;
            _classStamp[d] = classStamp;
            corrected.Add(d);
        }
        if (_columns.PerClass[from] is not null)
            Mark(from);
        _atomClasses.ForEach(Mark);
        foreach (var b in _ingressBehaviours)
            _receivingClasses[b].ForEach(Mark);
        var taken = new Dictionary<(int Behaviour, int Column), long>();
        var rowIds = new Dictionary<int, HashSet<int>>();
        var self = SetNumbers.Empty;
        foreach (var to in corrected)
        {
            var b = _classBehaviour[to];
            var cell = _linked[b]
                ? _sets.Intersect(_sets.Union(Egress(b, egress, stamp), _atomEgress[to]), _sets.Union(Ingress(b, stamp), _ingressAtom[b]))
                : SetNumbers.Empty;
            var counted = _linked[b] && Counts(_base[b]);
            if (to == from)
                self = cell;
            foreach (var (column, n) in _columns.PerClass[to]!)
            {
                if (counted)
                {
                    AddDelta(column, -n);
                    taken[(b, column)] = taken.GetValueOrDefault((b, column)) + n;
                }
                if (to != from && Counts(cell))
                {
                    AddDelta(column, n);
                    if (!rowIds.TryGetValue(column, out var ids))
                        rowIds[column] = ids = [];
                    ids.Add(cell);
                }
            }
        }
        foreach (var (row, _) in _rows.PerClass[from]!)
        {
            foreach (var ((b, column), n) in taken)
            {
                if (n == _receiverMembers[b][column])
                    fullyTaken[(row, b, column)] = fullyTaken.GetValueOrDefault((row, b, column)) + 1;
            }
        }
        foreach (var (row, n) in _rows.PerClass[from]!)
        {
            foreach (var column in _deltaColumns)
                _allowed[row, column] += n * _delta[column];
            foreach (var (column, ids) in rowIds)
                (_cellSets[row, column] ??= []).UnionWith(ids);
        }
        if (_columns.PerClass[from] is not null && Counts(self))
            SelfPairs(from, self);
        foreach (var column in _deltaColumns)
            (_delta[column], _deltaTouched[column]) = (0, false);
        _deltaColumns.Clear();
        foreach (var b in _ingressBehaviours)
            _ingressAtom[b] = SetNumbers.Empty;
        _ingressBehaviours.Clear();
    }

    private void AddDelta(int column, long count)
    {
        if (!_deltaTouched[column])
        {
            _deltaTouched[column] = true;
            _deltaColumns.Add(column);
        }
        _delta[column] += count;
    }

    // The class with itself: its members in each row aggregate times those in each column aggregate, less each ENI with itself.
    private void SelfPairs(int cls, int cell)
    {
        var both = new Dictionary<(int, int), long>();
        foreach (var eni in _classes[cls].EniIds)
        {
            if (!_rows.AggregatesOf.TryGetValue(eni, out var inRows) || !_columns.AggregatesOf.TryGetValue(eni, out var inColumns))
                continue;
            foreach (var r in inRows)
            {
                foreach (var c in inColumns)
                    both[(r, c)] = both.GetValueOrDefault((r, c)) + 1;
            }
        }
        foreach (var (row, inRow) in _rows.PerClass[cls]!)
        {
            foreach (var (column, inColumn) in _columns.PerClass[cls]!)
            {
                var pairs = inRow * inColumn - both.GetValueOrDefault((row, column));
                if (pairs == 0)
                    continue;
                _allowed[row, column] += pairs;
                (_cellSets[row, column] ??= []).Add(cell);
            }
        }
    }

    // Whether the cell numbered id counts: non-empty, or holding the filtered traffic.
    private bool Counts(int id)
    {
        if (id == SetNumbers.Empty)
            return false;
        if (_filter is not { } traffic)
            return true;
        while (_counts.Count <= id)
            _counts.Add(-1);
        if (_counts[id] < 0)
            _counts[id] = (sbyte)(_sets.Set(id).Contains(traffic) ? 1 : 0);
        return _counts[id] == 1;
    }

    private static Members MembersOf(ReachabilityMatrix matrix, IReadOnlyList<MatrixAggregate> aggregates)
    {
        var perClass = new List<(int, long)>?[matrix.ClassCount];
        var aggregatesOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var a = 0; a < aggregates.Count; a++)
        {
            var counts = new Dictionary<int, long>();
            foreach (var eni in aggregates[a].EniIds.Distinct(StringComparer.Ordinal))
            {
                var cls = matrix.ClassOf(eni);
                counts[cls] = counts.GetValueOrDefault(cls) + 1;
                if (!aggregatesOf.TryGetValue(eni, out var list))
                    aggregatesOf[eni] = list = [];
                list.Add(a);
            }
            foreach (var (cls, n) in counts)
                (perClass[cls] ??= []).Add((a, n));
        }
        return new Members(perClass, aggregatesOf);
    }
}
