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
/// what a cell allows is kept per row aggregate and receiving class, again changed only where the row differs from
/// the aggregate's last one, and gathered per column at the end. The class with itself is corrected: an ENI is not
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
        var allowed = new long[_rowCount, _columnCount];
        var unions = new int[_rowCount, _columnCount];
        var diffs = _matrix.RowDiffs;
        var classCount = _matrix.ClassCount;
        var ours = new int[classCount];     // this row, our numbers (empty where the cell does not count)
        var count = new long[_columnCount]; // this row: receiving ENIs allowed per column aggregate
        // Per row aggregate: its last row seen (our numbers; -1 never) and the union of its rows' cells per receiving class.
        var seen = new int[_rowCount][];
        var received = new int[_rowCount][];
        for (var from = 0; from < classCount; from++)
        {
            // Only the cells that differ from the last row change the counts: within a sender behaviour, a few. Every
            // row's changes are taken, shown or not: each row is written as the changes from the one before.
            var changedTo = diffs.ChangedTo(from);
            var changedSet = diffs.ChangedSet(from);
            for (var k = 0; k < changedTo.Length; k++)
            {
                var to = changedTo[k];
                var cell = Ours(diffs, changedSet[k]);
                if ((cell == SetNumbers.Empty) != (ours[to] == SetNumbers.Empty))
                {
                    foreach (var (c, n) in _columns.PerClass[to] ?? [])
                        count[c] += cell == SetNumbers.Empty ? -n : n;
                }
                ours[to] = cell;
            }
            if (_rows.PerClass[from] is null)
                continue;
            var self = ours[from];
            var both = self == SetNumbers.Empty || _columns.PerClass[from] is null ? null : SelfPairs(from);
            foreach (var (r, inRow) in _rows.PerClass[from]!)
            {
                for (var c = 0; c < _columnCount; c++)
                    allowed[r, c] += inRow * count[c];
                TakeRow(ours, from, seen[r] ??= New(classCount, -1), received[r] ??= new int[classCount]);
                // The class with itself: an ENI is never paired with itself, and the class's cell counts in a cell
                // only where two distinct ENIs of the class are in it.
                foreach (var (c, inColumn) in both is null ? [] : _columns.PerClass[from]!)
                {
                    var alone = both!.GetValueOrDefault((r, c));
                    allowed[r, c] -= alone;
                    if (inRow * inColumn > alone)
                        unions[r, c] = _sets.Union(unions[r, c], self);
                }
            }
        }
        for (var r = 0; r < _rowCount; r++)
        {
            for (var to = 0; to < classCount && received[r] is { } union; to++)
            {
                if (union[to] == SetNumbers.Empty)
                    continue;
                foreach (var (c, _) in _columns.PerClass[to] ?? [])
                    unions[r, c] = _sets.Union(unions[r, c], union[to]);
            }
        }
        return Cells(rows, columns, allowed, unions);
    }

    // A row aggregate takes a row's cells into its union per receiving class where they differ from its last row; the
    // sender's cell with its own class is left to the caller (it counts only between distinct ENIs), and marked unseen
    // so that the next row of the aggregate takes that cell.
    private void TakeRow(int[] ours, int from, int[] seen, int[] received)
    {
        for (var to = 0; to < ours.Length; to++)
        {
            to += ours.AsSpan(to).CommonPrefixLength(seen.AsSpan(to));
            if (to >= ours.Length)
                break;
            var cell = seen[to] = ours[to];
            // Most differing cells add nothing new to the union (or are empty): no look-up for those.
            if (to != from && cell != SetNumbers.Empty && cell != received[to])
                received[to] = _sets.Union(received[to], cell);
        }
        seen[from] = -1;
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
