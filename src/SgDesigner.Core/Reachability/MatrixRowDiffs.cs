namespace SgDesigner.Core.Reachability;

/// <summary>
/// Every cell of the matrix, read once per matrix (<see cref="ReachabilityMatrix.RowDiffs"/>) and kept as each sender
/// class's row written as the cells that differ from the previous class's row, each cell as the number of a distinct
/// set. Every aggregated view (VPC, subnet, tag, group, any zoom or filter) folds these by its own keys
/// (<see cref="AggregationRun"/>) instead of walking the engine's classes again: consecutive rows differ in few cells
/// (classes of one sender behaviour mostly share their row), so this is far smaller than the matrix.
/// </summary>
/// <remarks>Read on every core (<see cref="MatrixRowChunks"/>); immutable once built, so folds may read it side by side.</remarks>
internal sealed class MatrixRowDiffs
{
    private readonly int[] _rowEnds;   // row → end of its changes in _to/_set (a row starts where the previous ends)
    private readonly int[] _to;
    private readonly int[] _set;
    private readonly TrafficSet[] _sets;

    private MatrixRowDiffs(int[] rowEnds, int[] to, int[] set, TrafficSet[] sets) =>
        (_rowEnds, _to, _set, _sets) = (rowEnds, to, set, sets);

    /// <summary>How many cells differ from the previous row, over every row (the first row counts its non-empty cells).</summary>
    public int ChangeCount => _to.Length;

    /// <summary>How many distinct sets the cells hold.</summary>
    public int SetCount => _sets.Length;

    /// <summary>The receiving classes of row <paramref name="from"/> whose cell differs from the previous row's.</summary>
    public ReadOnlySpan<int> ChangedTo(int from) => _to.AsSpan(Start(from), _rowEnds[from] - Start(from));

    /// <summary>Their new cells, as set numbers (<see cref="SetNumbers.Empty"/>: nothing), in the order of <see cref="ChangedTo"/>.</summary>
    public ReadOnlySpan<int> ChangedSet(int from) => _set.AsSpan(Start(from), _rowEnds[from] - Start(from));

    /// <summary>The set numbered <paramref name="id"/>.</summary>
    public TrafficSet Set(int id) => _sets[id];

    private int Start(int from) => from == 0 ? 0 : _rowEnds[from - 1];

    /// <summary>
    /// Reads every row of <paramref name="matrix"/> (network ACLs applied, as the walker does), in chunks of about
    /// <paramref name="cellsPerChunk"/> cells (<see cref="MatrixRowChunks"/>'s default when null).
    /// </summary>
    public static MatrixRowDiffs Read(ReachabilityMatrix matrix, int? cellsPerChunk = null)
    {
        var classCount = matrix.ClassCount;
        var current = new int[classCount];   // the last row read, our numbers
        var rowEnds = new int[classCount];
        var to = new List<int>();
        var set = new List<int>();
        var sets = new List<TrafficSet> { TrafficSet.Empty };
        var ids = new Dictionary<TrafficSet, int> { [TrafficSet.Empty] = SetNumbers.Empty };
        var chunks = cellsPerChunk is { } cells
            ? MatrixRowChunks.InOrder(matrix, walker => new Reader(walker, classCount), (reader, rows) => reader.Read(rows), cells)
            : MatrixRowChunks.InOrder(matrix, walker => new Reader(walker, classCount), (reader, rows) => reader.Read(rows));
        foreach (var chunk in chunks)
        {
            // The walker's sets first met in this chunk, numbered ours (each thread's walker numbers its own).
            foreach (var s in chunk.NewSets)
            {
                if (!ids.TryGetValue(s, out var id))
                {
                    ids[s] = id = sets.Count;
                    sets.Add(s);
                }
                chunk.Owner.Ours.Add(id);
            }
            var ours = chunk.Owner.Ours;
            // The chunk's first row against the last row of the previous chunk (another thread's, maybe).
            for (var c = 0; c < classCount; c++)
            {
                var id = ours[chunk.First[c]];
                if (id != current[c])
                {
                    current[c] = id;
                    to.Add(c);
                    set.Add(id);
                }
            }
            rowEnds[chunk.Rows.Start] = to.Count;
            for (int from = chunk.Rows.Start + 1, k = 0; from < chunk.Rows.End; from++)
            {
                for (var end = chunk.Ends[from - chunk.Rows.Start - 1]; k < end; k++)
                {
                    var (c, id) = (chunk.To[k], ours[chunk.Set[k]]);
                    current[c] = id;
                    to.Add(c);
                    set.Add(id);
                }
                rowEnds[from] = to.Count;
            }
        }
        return new MatrixRowDiffs(rowEnds, [.. to], [.. set], [.. sets]);
    }

    /// <summary>Rows [Start, End) of one thread's walker: the first row whole, the others as changes from the row before.</summary>
    private sealed record Chunk(Reader Owner, RowRange Rows, int[] First, List<int> Ends, List<int> To, List<int> Set, TrafficSet[] NewSets);

    // One thread's walker and rows. Ours (walker's number → ours) is written by the reader only, chunk after chunk.
    private sealed class Reader(MatrixCellWalker walker, int classCount)
    {
        private readonly int[] _row = new int[classCount];
        private readonly int[] _previous = new int[classCount];
        private int _published;

        public List<int> Ours { get; } = [];

        public Chunk Read(RowRange rows)
        {
            var first = new int[classCount];
            if (!walker.FillRow(rows.Start, first))
                Array.Clear(first);
            Array.Copy(first, _previous, classCount);
            var (ends, to, set) = (new List<int>(), new List<int>(), new List<int>());
            for (var from = rows.Start + 1; from < rows.End; from++)
            {
                if (!walker.FillRow(from, _row))
                    Array.Clear(_row);
                for (var c = 0; c < classCount; c++)
                {
                    c += _row.AsSpan(c).CommonPrefixLength(_previous.AsSpan(c));
                    if (c >= classCount)
                        break;
                    _previous[c] = _row[c];
                    to.Add(c);
                    set.Add(_row[c]);
                }
                ends.Add(to.Count);
            }
            // The sets this walker numbered since its last chunk, handed over with the chunk (the walker keeps growing).
            var fresh = new TrafficSet[walker.SetCount - _published];
            for (var i = 0; i < fresh.Length; i++)
                fresh[i] = walker.Set(_published + i);
            _published = walker.SetCount;
            return new Chunk(this, rows, first, ends, to, set, fresh);
        }
    }
}
