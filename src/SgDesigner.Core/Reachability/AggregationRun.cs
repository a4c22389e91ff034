namespace SgDesigner.Core.Reachability;

/// <summary>
/// One computation of <see cref="MatrixAggregation.Aggregate"/>: folds the matrix's rows (one row per sender class, read
/// once per matrix and shared by every level: <see cref="MatrixRowDiffs"/>) and sums class sizes per aggregate, never ENI pairs.
/// </summary>
/// <remarks>
/// <para>Relies only on "classes partition the ENIs and a cell is per ordered class pair" (a cell being about any
/// sender of a class and any <em>other</em> ENI of the receiving one), not on how the matrix is factored.</para>
/// <para>Consecutive rows differ in few cells (classes of one sender behaviour mostly share their row): the receiving
/// ENIs allowed per column aggregate are kept from row to row and changed only where a cell changed (the rows are
/// stored as those changes); each row aggregate takes them weighted by its members in the sender class. The union of
/// what the cells allow is gathered a run of rows at a time (consecutive classes of one sender behaviour): the cells
/// the run's rows share once per run and column aggregate, the few that differ row by row (<see cref="Fold"/>). The class with itself is corrected: an ENI is not
/// paired with itself, and the class's cell counts only where two distinct ENIs of it are in the cell.</para>
/// </remarks>
internal sealed class AggregationRun
{
    private readonly ReachabilityMatrix _matrix;
    private readonly Traffic? _filter;
    private readonly SetNumbers _sets = new();
    private readonly int[] _diffIds;           // the row diffs' set number → ours; -1 not yet known
    private readonly List<sbyte> _counts = [];   // per set number (ours): 1 counts, 0 not, -1 not known yet
    private readonly Members _rows;
    private readonly Members _columns;
    private readonly int _rowCount;
    private readonly int _columnCount;

    private sealed class Members(List<(int Aggregate, long Count)>?[] perClass, Dictionary<string, List<int>> aggregatesOf)
    {
        public List<(int Aggregate, long Count)>?[] PerClass { get; } = perClass;
        public Dictionary<string, List<int>> AggregatesOf { get; } = aggregatesOf;
    }

    public AggregationRun(ReachabilityMatrix matrix, IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns, Traffic? filter)
    {
        _matrix = matrix;
        _filter = filter;
        _diffIds = New(matrix.RowDiffs.SetCount, -1);
        _rows = MembersOf(matrix, rows);
        _columns = MembersOf(matrix, columns);
        (_rowCount, _columnCount) = (rows.Count, columns.Count);
    }

    public AggregateCell[,] Run(IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns)
    {
        var fold = new Fold(this);
        var classes = _matrix.ClassInfos;
        for (var start = 0; start < classes.Length;)
        {
            var end = start + 1;
            while (end < classes.Length && classes[end].Behaviour == classes[start].Behaviour)
                end++;
            fold.Run(start, end);
            start = end;
        }
        return Cells(rows, columns, fold.Allowed, fold.Unions);
    }

    /// <summary>
    /// The state of one fold. Rows are taken a run at a time: consecutive sender classes of one behaviour, whose rows
    /// differ in few cells. Counts follow each row's stored changes. Unions take the run's common cells once per run
    /// (gathered per column aggregate, then given to each row aggregate with a member in the run), and per row only the
    /// few cells where the run's rows differ and the run's own classes (a class with itself counts only between
    /// distinct ENIs).
    /// </summary>
    private sealed class Fold(AggregationRun run)
    {
        private readonly MatrixRowDiffs _diffs = run._matrix.RowDiffs;
        private readonly int[] _ours = new int[run._matrix.ClassCount];        // the current row, our numbers (empty where it does not count)
        private readonly int[] _first = new int[run._matrix.ClassCount];       // the run's first row
        private readonly int[] _varies = New(run._matrix.ClassCount, -1);      // the run's start where the run's rows may differ
        private readonly List<int> _varying = [];
        private readonly long[] _count = new long[run._columnCount];           // the current row: receiving ENIs allowed per column aggregate
        private readonly int[] _columnUnion = new int[run._columnCount];
        private readonly int[] _rowSeen = New(run._rowCount, -1);

        public long[,] Allowed { get; } = new long[run._rowCount, run._columnCount];

        public int[,] Unions { get; } = new int[run._rowCount, run._columnCount];

        public void Run(int start, int end)
        {
            _varying.Clear();
            for (var from = start; from < end; from++)
            {
                Mark(from, start);
                Apply(from, start);
                if (from == start)
                    Array.Copy(_ours, _first, _ours.Length);
                Count(from);
            }
            var members = RowAggregates(start, end);
            if (members.Count == 0)
                return;
            // The cells every row of the run shares, once for the run.
            Array.Clear(_columnUnion);
            for (var to = 0; to < _first.Length; to++)
            {
                var cell = _first[to];
                if (cell == SetNumbers.Empty || _varies[to] == start || run._columns.PerClass[to] is not { } columns)
                    continue;
                foreach (var (c, _) in columns)
                {
                    if (_columnUnion[c] != cell)
                        _columnUnion[c] = run._sets.Union(_columnUnion[c], cell);
                }
            }
            foreach (var r in members)
            {
                for (var c = 0; c < _columnUnion.Length; c++)
                {
                    if (_columnUnion[c] != SetNumbers.Empty && Unions[r, c] != _columnUnion[c])
                        Unions[r, c] = run._sets.Union(Unions[r, c], _columnUnion[c]);
                }
            }
            // The cells where the run's rows may differ, row by row (a row's own class is Count's).
            foreach (var to in _varying)
                _ours[to] = _first[to];
            for (var from = start; from < end; from++)
            {
                if (from > start)
                    Replay(from);
                if (run._rows.PerClass[from] is not { } rows)
                    continue;
                foreach (var (r, _) in rows)
                {
                    foreach (var to in _varying)
                    {
                        var cell = _ours[to];
                        if (to == from || cell == SetNumbers.Empty || run._columns.PerClass[to] is not { } columns)
                            continue;
                        foreach (var (c, _) in columns)
                            Unions[r, c] = run._sets.Union(Unions[r, c], cell);
                    }
                }
            }
        }

        // The run's own classes and the cells its rows change are where its rows may differ.
        private void Mark(int to, int start)
        {
            if (_varies[to] != start)
            {
                _varies[to] = start;
                _varying.Add(to);
            }
        }

        // Takes a row's stored changes into the current row and the counts per column aggregate.
        private void Apply(int from, int start)
        {
            var changedTo = _diffs.ChangedTo(from);
            var changedSet = _diffs.ChangedSet(from);
            for (var k = 0; k < changedTo.Length; k++)
            {
                var to = changedTo[k];
                var cell = run.Ours(_diffs, changedSet[k]);
                if ((cell == SetNumbers.Empty) != (_ours[to] == SetNumbers.Empty) && run._columns.PerClass[to] is { } columns)
                {
                    foreach (var (c, n) in columns)
                        _count[c] += cell == SetNumbers.Empty ? -n : n;
                }
                _ours[to] = cell;
                if (from > start)
                    Mark(to, start);
            }
        }

        // The second pass over a run: a row's changes again, the counts already taken.
        private void Replay(int from)
        {
            var changedTo = _diffs.ChangedTo(from);
            var changedSet = _diffs.ChangedSet(from);
            for (var k = 0; k < changedTo.Length; k++)
                _ours[changedTo[k]] = run.Ours(_diffs, changedSet[k]);
        }

        // A row's allowed pairs per aggregate pair. The class with itself: an ENI is never paired with itself, and the
        // class's cell counts in a cell only where two distinct ENIs of the class are in it.
        private void Count(int from)
        {
            if (run._rows.PerClass[from] is not { } rows)
                return;
            var self = _ours[from];
            var both = self == SetNumbers.Empty || run._columns.PerClass[from] is null ? null : run.SelfPairs(from);
            foreach (var (r, inRow) in rows)
            {
                for (var c = 0; c < _count.Length; c++)
                    Allowed[r, c] += inRow * _count[c];
                foreach (var (c, inColumn) in both is null ? [] : run._columns.PerClass[from]!)
                {
                    var alone = both!.GetValueOrDefault((r, c));
                    Allowed[r, c] -= alone;
                    if (inRow * inColumn > alone)
                        Unions[r, c] = run._sets.Union(Unions[r, c], self);
                }
            }
        }

        // The row aggregates with a member in the run.
        private List<int> RowAggregates(int start, int end)
        {
            var members = new List<int>();
            for (var from = start; from < end; from++)
            {
                foreach (var (r, _) in run._rows.PerClass[from] ?? [])
                {
                    if (_rowSeen[r] != start)
                    {
                        _rowSeen[r] = start;
                        members.Add(r);
                    }
                }
            }
            return members;
        }
    }

    private static int[] New(int length, int value)
    {
        var array = new int[length];
        Array.Fill(array, value);
        return array;
    }

    // Our number of the row diffs' set numbered id when that set counts (non-empty, holding the filtered traffic), else empty.
    private int Ours(MatrixRowDiffs diffs, int id)
    {
        if (id == SetNumbers.Empty)
            return SetNumbers.Empty;
        if (_diffIds[id] < 0)
        {
            var ours = _sets.Id(diffs.Set(id));
            _diffIds[id] = Counts(ours) ? ours : SetNumbers.Empty;
        }
        return _diffIds[id];
    }

    // Each cell: the pairs of distinct ENIs (row members times column members, less each ENI in both with itself).
    private AggregateCell[,] Cells(IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns, long[,] allowed, int[,] unions)
    {
        var overlap = Overlap();
        var rowSizes = rows.Select(r => (long)r.EniIds.Distinct(StringComparer.Ordinal).Count()).ToArray();
        var columnSizes = columns.Select(c => (long)c.EniIds.Distinct(StringComparer.Ordinal).Count()).ToArray();
        var cells = new AggregateCell[_rowCount, _columnCount];
        for (var r = 0; r < _rowCount; r++)
        {
            for (var c = 0; c < _columnCount; c++)
            {
                var pairs = rowSizes[r] * columnSizes[c] - overlap.GetValueOrDefault((r, c));
                cells[r, c] = new AggregateCell(allowed[r, c], pairs, _sets.Set(allowed[r, c] == 0 ? SetNumbers.Empty : unions[r, c]));
            }
        }
        return cells;
    }

    // The ENIs of class cls in both a row and a column aggregate, per (row, column).
    private Dictionary<(int, int), long> SelfPairs(int cls)
    {
        var both = new Dictionary<(int, int), long>();
        foreach (var eni in _matrix.ClassInfos[cls].EniIds)
        {
            if (!_rows.AggregatesOf.TryGetValue(eni, out var inRows) || !_columns.AggregatesOf.TryGetValue(eni, out var inColumns))
                continue;
            foreach (var r in inRows)
            {
                foreach (var c in inColumns)
                    both[(r, c)] = both.GetValueOrDefault((r, c)) + 1;
            }
        }
        return both;
    }

    // The ENIs in both a row and a column aggregate, per (row, column): the pairs of an ENI with itself.
    private Dictionary<(int, int), long> Overlap()
    {
        var both = new Dictionary<(int, int), long>();
        foreach (var (eni, inRows) in _rows.AggregatesOf)
        {
            if (!_columns.AggregatesOf.TryGetValue(eni, out var inColumns))
                continue;
            foreach (var r in inRows)
            {
                foreach (var c in inColumns)
                    both[(r, c)] = both.GetValueOrDefault((r, c)) + 1;
            }
        }
        return both;
    }

    // Whether the set (our number) counts: non-empty, or holding the filtered traffic.
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
