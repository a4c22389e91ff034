namespace SgDesigner.Core.Reachability;

/// <summary>
/// One computation of <see cref="MatrixAggregation.Aggregate"/>, by sender behaviour rather than by cell.
/// </summary>
/// <remarks>
/// What a sender of behaviour S may open to a receiving class d is, in <see cref="ReachabilityMatrix"/>'s factored form,
/// (egress base ∪ S's rules for d's atom) ∩ (ingress base ∪ d's rules for the sender's atom), where the bases carry
/// group references only for receivers that carry a group S's outbound rules name, or whose inbound rules name a group
/// of S. Every other receiver is <em>plain</em>: its cell is S's universal egress ∩ its own universal ingress, the same
/// for every receiver with the same VPC, family and universal ingress (a <em>receiver group</em>). So a row is the plain
/// sums of the receiver groups, counted once per sender behaviour, corrected for the few special receivers of each sender
/// class (a reference, an atom rule either way, the class itself), never a walk over every class.
/// </remarks>
internal sealed class AggregationRun
{
    private readonly ReachabilityMatrix _matrix;
    private readonly MatrixClassInfo[] _classes;
    private readonly Behaviour[] _behaviours;
    private readonly Traffic? _filter;
    private readonly SetNumbers _sets = new();
    private readonly List<sbyte> _counts = []; // per set number: 1 counts, 0 not, -1 unknown
    private readonly Members _rows;
    private readonly Members _columns;
    private readonly int[] _classBehaviour;
    private readonly List<int>[] _classesOfBehaviour;    // with receiving members only
    private readonly List<int>[] _sendingClasses;        // per behaviour: its classes with sending members
    private readonly int[] _groupOf;                      // behaviour → receiver group, or -1 (receives nothing)
    private readonly List<ReceiverGroup> _groups = [];
    private readonly Dictionary<int, List<int>> _carrying = [];   // group number → receiving behaviours carrying it
    private readonly Dictionary<int, List<int>> _admitting = [];  // group number → receiving behaviours whose inbound rules name it
    private readonly Dictionary<int, List<int>> _classesInBlock = [];
    private readonly Dictionary<int, List<(int Behaviour, int Set)>> _receiversOfBlock = [];
    private readonly long[,] _allowed;
    private readonly HashSet<int>?[,] _cellSets;

    // Per sender behaviour.
    private readonly int[] _specialStamp, _specialEgress, _specialIngress;
    private readonly int[] _atomEgress;
    private readonly List<int> _atomClasses = [];
    private readonly bool[] _groupLinked, _groupCounts;
    private readonly int[] _groupCell;
    // Per sender class.
    private readonly int[] _ingressAtom;
    private readonly List<int> _ingressBehaviours = [];
    private readonly int[] _classStamp;
    private readonly long[] _delta;
    private readonly bool[] _deltaTouched;
    private readonly List<int> _deltaColumns = [];
    private int _stamp;

    private sealed record ReceiverGroup(int Vpc, Model.IpFamily Family, int Ingress, Dictionary<int, long> Members);

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
        _classesOfBehaviour = [.. _behaviours.Select(_ => new List<int>())];
        _sendingClasses = [.. _behaviours.Select(_ => new List<int>())];
        for (var c = 0; c < _classes.Length; c++)
        {
            if (_columns.PerClass[c] is not null)
                _classesOfBehaviour[_classBehaviour[c]].Add(c);
            if (_rows.PerClass[c] is not null)
                _sendingClasses[_classBehaviour[c]].Add(c);
        }
        _groupOf = new int[_behaviours.Length];
        _specialStamp = new int[_behaviours.Length];
        _specialEgress = new int[_behaviours.Length];
        _specialIngress = new int[_behaviours.Length];
        _ingressAtom = new int[_behaviours.Length];
        _atomEgress = new int[_classes.Length];
        _classStamp = new int[_classes.Length];
        _delta = new long[columns.Count];
        _deltaTouched = new bool[columns.Count];
        IndexReceivers();
        _groupLinked = new bool[_groups.Count];
        _groupCounts = new bool[_groups.Count];
        _groupCell = new int[_groups.Count];
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

    // Receiving behaviours: their receiver group, who carries and who admits each group, and the atom rules either way.
    private void IndexReceivers()
    {
        var groupIndex = new Dictionary<(int, Model.IpFamily, int), int>();
        for (var b = 0; b < _behaviours.Length; b++)
        {
            _groupOf[b] = -1;
            var behaviour = _behaviours[b];
            if (_classesOfBehaviour[b].Count == 0 || behaviour.In is not { } side || behaviour.Family is not { } family)
                continue;
            var key = (_matrix.BehaviourVpc[b], family, _sets.Id(side.Universal));
            if (!groupIndex.TryGetValue(key, out var g))
            {
                groupIndex[key] = g = _groups.Count;
                _groups.Add(new ReceiverGroup(key.Item1, family, key.Item3, []));
            }
            _groupOf[b] = g;
            foreach (var c in _classesOfBehaviour[b])
            {
                foreach (var (column, count) in _columns.PerClass[c]!)
                    _groups[g].Members[column] = _groups[g].Members.GetValueOrDefault(column) + count;
            }
            foreach (var number in behaviour.GroupNumbers)
                Add(_carrying, number, b);
            foreach (var number in side.RefGroups)
                Add(_admitting, number, b);
            for (var i = 0; i < side.DistinguishingIds.Length; i++)
            {
                if (!_receiversOfBlock.TryGetValue(side.DistinguishingIds[i], out var list))
                    _receiversOfBlock[side.DistinguishingIds[i]] = list = [];
                list.Add((b, _sets.Id(side.DistinguishingSets[i])));
            }
            foreach (var c in _classesOfBehaviour[b])
            {
                foreach (var block in _classes[c].Atom)
                    Add(_classesInBlock, block, c);
            }
        }
    }

    private static void Add(Dictionary<int, List<int>> map, int key, int value)
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
        // Plain cells per receiver group, and the plain sums per column: the same for every class of this sender.
        var plainTotal = new Dictionary<int, long>();
        var plainIds = new Dictionary<int, Dictionary<int, int>>(); // column → cell number → receiver groups giving it
        for (var g = 0; g < _groups.Count; g++)
        {
            var group = _groups[g];
            _groupLinked[g] = group.Family == ga.Family && _matrix.Links[vpc, group.Vpc] != VpcLink.None;
            _groupCell[g] = _groupLinked[g] ? _sets.Intersect(egress, group.Ingress) : SetNumbers.Empty;
            _groupCounts[g] = Counts(_groupCell[g]);
            if (!_groupCounts[g])
                continue;
            foreach (var (column, count) in group.Members)
            {
                plainTotal[column] = plainTotal.GetValueOrDefault(column) + count;
                if (!plainIds.TryGetValue(column, out var ids))
                    plainIds[column] = ids = [];
                ids[_groupCell[g]] = ids.GetValueOrDefault(_groupCell[g]) + 1;
            }
        }
        // Receivers whose bases carry group references for this sender.
        var specials = new List<int>();
        foreach (var number in ga.Out.RefGroups)
            MarkSpecial(sender, vpc, _carrying.GetValueOrDefault(number), stamp, specials);
        foreach (var number in ga.GroupNumbers)
            MarkSpecial(sender, vpc, _admitting.GetValueOrDefault(number), stamp, specials);
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
        var weight = new Dictionary<int, long>();          // row aggregate → its members in this sender's classes
        var rowsOf = new Dictionary<int, int>();           // row aggregate → how many of this sender's classes it holds
        var fullyTaken = new Dictionary<(int Row, int Group, int Column), int>();
        foreach (var from in _sendingClasses[sender])
        {
            foreach (var (row, count) in _rows.PerClass[from]!)
            {
                weight[row] = weight.GetValueOrDefault(row) + count;
                rowsOf[row] = rowsOf.GetValueOrDefault(row) + 1;
            }
            Row(from, egress, stamp, specials, fullyTaken);
        }
        // Receiver groups that every class of a row aggregate found wholly special in a column.
        var gone = new Dictionary<(int Row, int Column), List<int>>();
        foreach (var ((row, g, column), n) in fullyTaken)
        {
            if (n == rowsOf[row])
                (gone.TryGetValue((row, column), out var list) ? list : gone[(row, column)] = []).Add(g);
        }
        foreach (var (row, w) in weight)
        {
            foreach (var (column, total) in plainTotal)
                _allowed[row, column] += w * total;
            foreach (var (column, ids) in plainIds)
                AddPlainIds(row, column, ids, gone.GetValueOrDefault((row, column)));
        }
        foreach (var c in _atomClasses)
            _atomEgress[c] = SetNumbers.Empty;
        _atomClasses.Clear();
    }

    private void MarkSpecial(int sender, int vpc, List<int>? receivers, int stamp, List<int> specials)
    {
        foreach (var b in receivers ?? [])
        {
            if (_specialStamp[b] == stamp || _matrix.Links[vpc, _matrix.BehaviourVpc[b]] != VpcLink.Full)
                continue;
            var (egress, ingress) = _matrix.Bases(sender, b);
            if (egress is null)
                continue;
            _specialStamp[b] = stamp;
            _specialEgress[b] = _sets.Id(egress);
            _specialIngress[b] = _sets.Id(ingress!);
            specials.Add(b);
        }
    }

    // One sender class: the corrections to the plain sums for its special receivers, and the class with itself.
    private void Row(int from, int egress, int stamp, List<int> specialBehaviours, Dictionary<(int, int, int), int> fullyTaken)
    {
        var classStamp = ++_stamp;
        foreach (var block in _classes[from].Atom)
        {
            if (!_receiversOfBlock.TryGetValue(block, out var receivers))
                continue;
            foreach (var (b, set) in receivers)
            {
                if (_ingressAtom[b] == SetNumbers.Empty)
                    _ingressBehaviours.Add(b);
                _ingressAtom[b] = _sets.Union(_ingressAtom[b], set);
            }
        }
        var special = new List<int>();
        void Mark(int d)
        {
            if (_classStamp[d] == classStamp)
                return;
            _classStamp[d] = classStamp;
            special.Add(d);
        }
        if (_columns.PerClass[from] is not null)
            Mark(from);
        foreach (var b in specialBehaviours)
            _classesOfBehaviour[b].ForEach(Mark);
        _atomClasses.ForEach(Mark);
        foreach (var b in _ingressBehaviours)
            _classesOfBehaviour[b].ForEach(Mark);
        var taken = new Dictionary<(int Group, int Column), long>();
        var rowIds = new Dictionary<int, HashSet<int>>();
        var self = SetNumbers.Empty;
        foreach (var to in special)
        {
            var cell = Cell(to, egress, stamp);
            var g = _groupOf[_classBehaviour[to]];
            var plain = g >= 0 && _groupCounts[g];
            if (to == from)
                self = cell;
            foreach (var (column, count) in _columns.PerClass[to]!)
            {
                if (plain)
                {
                    AddDelta(column, -count);
                    taken[(g, column)] = taken.GetValueOrDefault((g, column)) + count;
                }
                if (to != from && Counts(cell))
                {
                    AddDelta(column, count);
                    if (!rowIds.TryGetValue(column, out var ids))
                        rowIds[column] = ids = [];
                    ids.Add(cell);
                }
            }
        }
        foreach (var (row, count) in _rows.PerClass[from]!)
        {
            foreach (var column in _deltaColumns)
                _allowed[row, column] += count * _delta[column];
            foreach (var (column, ids) in rowIds)
                (_cellSets[row, column] ??= []).UnionWith(ids);
            foreach (var ((g, column), n) in taken)
            {
                if (n == _groups[g].Members[column])
                    fullyTaken[(row, g, column)] = fullyTaken.GetValueOrDefault((row, g, column)) + 1;
            }
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

    // The cell from a sender class to a receiving class, as ReachabilityMatrix.Allowed computes it.
    private int Cell(int to, int egress, int stamp)
    {
        var b = _classBehaviour[to];
        var g = _groupOf[b];
        if (g < 0 || !_groupLinked[g])
            return SetNumbers.Empty;
        var special = _specialStamp[b] == stamp;
        var e = _sets.Union(special ? _specialEgress[b] : egress, _atomEgress[to]);
        var i = _sets.Union(special ? _specialIngress[b] : _groups[g].Ingress, _ingressAtom[b]);
        return _sets.Intersect(e, i);
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

    // The plain cells a row aggregate opens to a column: those of every receiver group, less the groups whose members in the
    // column were all special for each of the row's classes of this sender (no plain pair is left to show them).
    private void AddPlainIds(int row, int column, Dictionary<int, int> ids, List<int>? gone)
    {
        var set = _cellSets[row, column] ??= [];
        if (gone is null)
        {
            set.UnionWith(ids.Keys);
            return;
        }
        var left = new Dictionary<int, int>(ids);
        foreach (var g in gone)
            left[_groupCell[g]]--;
        set.UnionWith(left.Where(x => x.Value > 0).Select(x => x.Key));
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
            foreach (var (cls, count) in counts)
                (perClass[cls] ??= []).Add((a, count));
        }
        return new Members(perClass, aggregatesOf);
    }
}
