using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// One computation of <see cref="MatrixAggregation.Aggregate"/>: folds the rows of the sender classes in some row
/// aggregate straight from the engine's walkers, on every core, and sums class sizes per aggregate, never ENI pairs.
/// </summary>
/// <remarks>
/// <para>Relies on "classes partition the ENIs and a cell is per ordered class pair" (a cell being about any sender of a
/// class and any <em>other</em> ENI of the receiving one), and on the walker's factoring of a row: the classes of one
/// sender behaviour (and ACL profile) share a base row, and each class's row differs from it only in the cells of the
/// receiving behaviours with inbound rules for its blocks, each a superset of the base cell
/// (<see cref="MatrixCellWalker.Overrides"/>). So a sender's base row is folded once into what it allows per column
/// aggregate (receiving ENIs counted, cells met), and each class corrects that with its few overrides: a cell that
/// counts in the base counts in the override too, and the union only grows. The cells met are kept as bits of the
/// walker's set numbers and united once per aggregated cell at the end (<see cref="TrafficSet.Pieces"/>).</para>
/// <para>The class with itself is corrected: an ENI is not paired with itself, and the class's cell counts only where
/// two distinct ENIs of it are in the cell. The sender's own behaviour's classes are therefore kept out of the base
/// unions and taken class by class.</para>
/// <para>Each thread folds whole sender behaviours with its own walker (from <see cref="ReachabilityMatrix.RentWalker"/>,
/// which keeps the set numbers and remembered operations of the matrix's earlier folds) into its own sums, added up at
/// the end: the order of the additions and unions does not change the result.</para>
/// </remarks>
internal sealed class AggregationRun
{
    private const int MaxThreads = 4;
    private readonly ReachabilityMatrix _matrix;
    private readonly Traffic? _filter;
    private readonly Members _rows;
    private readonly Members _columns;
    private readonly int _rowCount;
    private readonly int _columnCount;
    private readonly int _threads;
    private readonly int[][] _classesOf;   // behaviour → its classes
    private readonly int[] _position;      // class → its position among its behaviour's classes
    private readonly Member[]?[] _columnsOfBehaviour; // behaviour → the column aggregates of its classes' ENIs

    private readonly record struct Member(int Aggregate, long Count);

    private sealed class Members(Member[]?[] perClass, Dictionary<string, List<int>> aggregatesOf)
    {
        public Member[]?[] PerClass { get; } = perClass;
        public Dictionary<string, List<int>> AggregatesOf { get; } = aggregatesOf;
    }

    /// <param name="matrix">The matrix folded.</param>
    /// <param name="rows">The sending aggregates.</param>
    /// <param name="columns">The receiving aggregates.</param>
    /// <param name="filter">The traffic a pair must allow to count, or null: anything.</param>
    /// <param name="threads">How many threads fold (the machine's cores, at most 4, when null).</param>
    public AggregationRun(ReachabilityMatrix matrix, IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns, Traffic? filter,
        int? threads = null)
    {
        _matrix = matrix;
        _filter = filter;
        _rows = MembersOf(matrix, rows);
        _columns = MembersOf(matrix, columns);
        (_rowCount, _columnCount) = (rows.Count, columns.Count);
        _threads = Math.Max(1, threads ?? Math.Min(Environment.ProcessorCount, MaxThreads));
        var classes = matrix.ClassInfos;
        var classesOf = new List<int>[matrix.BehaviourCount];
        _position = new int[classes.Length];
        for (var c = 0; c < classes.Length; c++)
        {
            var list = classesOf[classes[c].Behaviour] ??= [];
            _position[c] = list.Count;
            list.Add(c);
        }
        _classesOf = [.. classesOf.Select(list => list is null ? [] : list.ToArray())];
        _columnsOfBehaviour = [.. _classesOf.Select(classes => classes.SelectMany(c => _columns.PerClass[c] ?? [])
            .GroupBy(m => m.Aggregate, (aggregate, members) => new Member(aggregate, members.Sum(m => m.Count))).ToArray() is { Length: > 0 } members ? members : null)];
    }

    public AggregateCell[,] Run(IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns)
    {
        var senders = Senders();
        var folds = new SenderFold?[Math.Max(1, Math.Min(_threads, senders.Count))];
        var next = -1;
        void Fold(int thread)
        {
            var fold = folds[thread] = new SenderFold(this, _matrix.RentWalker());
            for (var i = Interlocked.Increment(ref next); i < senders.Count; i = Interlocked.Increment(ref next))
                fold.Sender(senders[i]);
        }
        try
        {
            if (folds.Length == 1)
                Fold(0);
            else
            {
                try
                {
                    Parallel.For(0, folds.Length, new ParallelOptions { MaxDegreeOfParallelism = folds.Length }, Fold);
                }
                catch (AggregateException e) when (e.InnerExceptions.Count == 1)
                {
                    ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
                }
            }
            // Each aggregated cell unites the hundreds of distinct cells met in it: as bits of the pieces of all the cells met.
            var pieces = new TrafficSet.Pieces(folds.SelectMany(f => f!.CellsMet()).Distinct(ReferenceEqualityComparer.Instance).Cast<TrafficSet>());
            var allowed = new long[_rowCount * _columnCount];
            var unions = new ulong[allowed.Length * pieces.Words];
            var all = new bool[allowed.Length];
            foreach (var fold in folds)
                fold!.AddTo(allowed, pieces, unions, all);
            return Cells(rows, columns, allowed, pieces, unions, all);
        }
        finally
        {
            // The walkers keep what they numbered and remembered for the matrix's next fold.
            foreach (var fold in folds)
            {
                if (fold is not null)
                    _matrix.ReturnWalker(fold.Walker);
            }
        }
    }

    // The sender behaviours (with an outbound side) having a class in some row aggregate: those classes, by ACL profile.
    private List<int[]> Senders()
    {
        var infos = _matrix.ClassInfos;
        var senders = new List<int[]>();
        foreach (var classes in _classesOf)
        {
            var shown = classes.Where(c => _rows.PerClass[c] is not null).OrderBy(c => infos[c].Profile).ToArray();
            if (shown.Length > 0 && _matrix.Behaviours[infos[shown[0]].Behaviour].Out is not null)
                senders.Add(shown);
        }
        return senders;
    }

    /// <summary>
    /// One thread's fold: its walker, and per (row, column) aggregate the pairs allowed and which cells (the walker's
    /// set numbers, one bit each) were met: the union of hundreds of distinct cells is made once, at the end.
    /// </summary>
    private sealed class SenderFold
    {
        private readonly AggregationRun _run;
        private readonly MatrixCellWalker _walker;
        private readonly int[] _classBehaviour;
        private readonly int[] _profile;
        private readonly Member[]?[] _rowsOf;
        private readonly Member[]?[] _columnsOf;
        private readonly int _columnCount;
        private readonly long[] _allowed;     // per (row, column), row-major
        // Per column aggregate: the receiving ENIs the sender's base row allows, then a class's row.
        private readonly long[] _baseCount;
        private readonly long[] _rowCount;
        private readonly bool[] _baseGiven;   // per row aggregate: the base row's cells are marked in it
        private readonly int[] _overrideTo;
        private readonly int[] _overrideCell;
        private readonly int[] _ownCells;     // the class's cells with its own behaviour's classes, by position
        private sbyte[] _counts = [];         // walker set number → 1 counts, 2 not, 0 not known yet
        // The cells met, one bit per set number: per (row, column), and per column in the base row (its own behaviour left out).
        private int _words;
        private ulong[] _met;
        private ulong[] _baseMet;
        private readonly List<int> _baseWords = [];   // the words of _baseMet that are not zero

        public SenderFold(AggregationRun run, MatrixCellWalker walker)
        {
            _run = run;
            _walker = walker;
            var infos = run._matrix.ClassInfos;
            _classBehaviour = [.. infos.Select(i => i.Behaviour)];
            _profile = [.. infos.Select(i => i.Profile)];
            (_rowsOf, _columnsOf) = (run._rows.PerClass, run._columns.PerClass);
            _columnCount = run._columnCount;
            _allowed = new long[run._rowCount * _columnCount];
            (_baseCount, _rowCount) = (new long[_columnCount], new long[_columnCount]);
            _baseGiven = new bool[run._rowCount];
            (_overrideTo, _overrideCell) = (new int[infos.Length], new int[infos.Length]);
            _ownCells = new int[run._classesOf.Max(c => c.Length)];
            // A walker handed back by an earlier fold has numbered (nearly) every set already.
            _words = Math.Max(1, (walker.SetCount + 63) / 64);
            _met = new ulong[_allowed.Length * _words];
            _baseMet = new ulong[_columnCount * _words];
        }

        /// <summary>Folds the classes of one sender behaviour (those in a row aggregate, by ACL profile).</summary>
        public void Sender(int[] classes)
        {
            for (var i = 0; i < classes.Length; i++)
            {
                if (i == 0 || _profile[classes[i]] != _profile[classes[i - 1]])
                    Base(classes[i]);
                Class(classes[i]);
            }
        }

        /// <summary>Its walker.</summary>
        public MatrixCellWalker Walker => _walker;

        /// <summary>Every cell met in some (row, column).</summary>
        public IEnumerable<TrafficSet> CellsMet()
        {
            var any = new ulong[_words];
            for (var i = 0; i < _allowed.Length; i++)
            {
                var bits = _met.AsSpan(i * _words, _words);
                for (var w = 0; w < _words; w++)
                    any[w] |= bits[w];
            }
            for (var w = 0; w < any.Length; w++)
            {
                for (var word = any[w]; word != 0; word &= word - 1)
                    yield return _walker.Set(w * 64 + BitOperations.TrailingZeroCount(word));
            }
        }

        /// <summary>
        /// Adds, per (row, column), the pairs to <paramref name="allowed"/> and the cells met to <paramref name="unions"/>
        /// (<paramref name="pieces"/>' words per cell), or marks <paramref name="all"/> where one of them is everything.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddTo(long[] allowed, TrafficSet.Pieces pieces, ulong[] unions, bool[] all)
        {
            var bitsOf = new ulong[]?[_words * 64];
            for (var i = 0; i < allowed.Length; i++)
            {
                allowed[i] += _allowed[i];
                var union = unions.AsSpan(i * pieces.Words, pieces.Words);
                var met = _met.AsSpan(i * _words, _words);
                for (var w = 0; w < met.Length; w++)
                {
                    for (var word = met[w]; word != 0; word &= word - 1)
                    {
                        var id = w * 64 + BitOperations.TrailingZeroCount(word);
                        var set = _walker.Set(id);
                        if (set.IsAll)
                        {
                            all[i] = true;
                            continue;
                        }
                        var bits = bitsOf[id] ??= pieces.BitsOf(set);
                        for (var k = 0; k < bits.Length; k++)
                            union[k] |= bits[k];
                    }
                }
            }
        }

        // The base row of the sender's behaviour and profile, per column aggregate: a behaviour at a time where its
        // classes' cells are alike.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Base(int from)
        {
            var row = _walker.BaseRow(from);
            var byBehaviour = _walker.BaseByBehaviour(from);
            var own = _classBehaviour[from];
            Array.Clear(_baseCount);
            foreach (var word in _baseWords)
                _baseMet[word] = 0;
            _baseWords.Clear();
            Array.Clear(_baseGiven);
            for (var b = 0; b < byBehaviour.Length; b++)
            {
                var alike = byBehaviour[b];
                if (alike != MatrixCellWalker.Various)
                {
                    if (alike != SetNumbers.Empty && _run._columnsOfBehaviour[b] is { } members && Counts(alike))
                        BaseCell(members, alike, b != own);
                    continue;
                }
                foreach (var to in _walker.ClassesOf(b))
                {
                    var cell = row[to];
                    if (cell != SetNumbers.Empty && _columnsOf[to] is { } columns && Counts(cell))
                        BaseCell(columns, cell, b != own);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void BaseCell(Member[] columns, int cell, bool foreign)
        {
            foreach (var (c, n) in columns)
            {
                _baseCount[c] += n;
                if (!foreign)
                    continue;
                ref var word = ref _baseMet[c * _words + (cell >> 6)];
                if (word == 0)
                    _baseWords.Add(c * _words + (cell >> 6));
                word |= 1UL << cell;
            }
        }

        // One sender class: its base row's counts corrected by its overrides, then added to each of its row aggregates.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Class(int from)
        {
            var row = _walker.BaseRow(from);
            var rows = _rowsOf[from]!;
            foreach (var (r, _) in rows)
            {
                if (_baseGiven[r])
                    continue;
                _baseGiven[r] = true;
                // The base row's few distinct cells: only the words they set.
                var at = r * _columnCount * _words;
                foreach (var word in _baseWords)
                    _met[at + word] |= _baseMet[word];
            }
            var ownBehaviour = _classBehaviour[from];
            var own = _run._classesOf[ownBehaviour];
            for (var k = 0; k < own.Length; k++)
                _ownCells[k] = row[own[k]];
            Array.Copy(_baseCount, _rowCount, _rowCount.Length);
            var count = _walker.Overrides(from, _overrideTo, _overrideCell);
            var byBehaviour = _walker.BaseByBehaviour(from);
            for (var i = 0; i < count; i++)
            {
                var (to, cell) = (_overrideTo[i], _overrideCell[i]);
                // A class, or every class of a behaviour (−1 − b) whose base cells are alike.
                var behaviour = to >= 0 ? _classBehaviour[to] : -1 - to;
                var foreign = behaviour != ownBehaviour;
                if (!foreign && to >= 0)
                    _ownCells[_run._position[to]] = cell;
                else if (!foreign)
                    Array.Fill(_ownCells, cell, 0, own.Length);
                // A superset of the base cell: it counts wherever the base cell did, and maybe where it did not.
                var columns = to >= 0 ? _columnsOf[to] : _run._columnsOfBehaviour[behaviour];
                if (columns is null || !Counts(cell))
                    continue;
                var counted = Counts(to >= 0 ? row[to] : byBehaviour[behaviour]);
                foreach (var (c, n) in columns)
                {
                    if (!counted)
                        _rowCount[c] += n;
                    if (foreign)
                        Meet(rows, c, cell);
                }
            }
            // The classes of the sender's own behaviour: each other class's cell is met; the class's own cell only where
            // two distinct ENIs of it are paired.
            var self = SetNumbers.Empty;
            for (var k = 0; k < own.Length; k++)
            {
                var cell = _ownCells[k];
                if (own[k] == from)
                    self = cell;
                else if (_columnsOf[own[k]] is { } columns && Counts(cell))
                {
                    foreach (var (c, _) in columns)
                        Meet(rows, c, cell);
                }
            }
            var both = Counts(self) && _columnsOf[from] is not null ? _run.SelfPairs(from) : null;
            foreach (var (r, inRow) in rows)
            {
                var at = r * _columnCount;
                for (var c = 0; c < _columnCount; c++)
                    _allowed[at + c] += inRow * _rowCount[c];
                if (both is null)
                    continue;
                foreach (var (c, inColumn) in _columnsOf[from]!)
                {
                    var alone = both.GetValueOrDefault((r, c));
                    _allowed[at + c] -= alone;
                    if (inRow * inColumn > alone)
                        Mark(_met, at + c, self);
                }
            }
        }

        // The cell is met in column c by every row aggregate of the sender class.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Meet(Member[] rows, int c, int cell)
        {
            foreach (var (r, _) in rows)
                Mark(_met, r * _columnCount + c, cell);
        }

        private void Mark(ulong[] bits, int index, int cell) => bits[index * _words + (cell >> 6)] |= 1UL << cell;

        // Whether the set (the walker's number) counts: non-empty, and holding the filtered traffic when there is a filter.
        // Every set that reaches the bits passes here first: the bits grow with the walker's numbers.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Counts(int id)
        {
            if (id == SetNumbers.Empty)
                return false;
            if (id >= _words * 64)
                Grow(id);
            if (_run._filter is not { } traffic)
                return true;
            if (id >= _counts.Length)
                Array.Resize(ref _counts, Math.Max(id + 1, 2 * _counts.Length));
            if (_counts[id] == 0)
                _counts[id] = (sbyte)(_walker.Set(id).Contains(traffic) ? 1 : 2);
            return _counts[id] == 1;
        }

        private void Grow(int id)
        {
            var words = Math.Max(2 * _words, id / 64 + 1);
            (_met, _baseMet) = (Widened(_met, words), Widened(_baseMet, words));
            for (var i = 0; i < _baseWords.Count; i++)
                _baseWords[i] = _baseWords[i] / _words * words + _baseWords[i] % _words;
            _words = words;
        }

        private ulong[] Widened(ulong[] bits, int words)
        {
            var wider = new ulong[bits.Length / _words * words];
            for (var i = 0; i < bits.Length / _words; i++)
                bits.AsSpan(i * _words, _words).CopyTo(wider.AsSpan(i * words));
            return wider;
        }
    }

    // Each cell: the pairs of distinct ENIs (row members times column members, less each ENI in both with itself).
    private AggregateCell[,] Cells(IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns, long[] allowed,
        TrafficSet.Pieces pieces, ulong[] unions, bool[] all)
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
                var at = r * _columnCount + c;
                var union = allowed[at] == 0 ? TrafficSet.Empty : all[at] ? TrafficSet.All : pieces.SetOf(unions.AsSpan(at * pieces.Words, pieces.Words));
                cells[r, c] = new AggregateCell(allowed[at], pairs, union);
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

    private static Members MembersOf(ReachabilityMatrix matrix, IReadOnlyList<MatrixAggregate> aggregates)
    {
        var perClass = new List<Member>?[matrix.ClassCount];
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
                (perClass[cls] ??= []).Add(new Member(a, n));
        }
        return new Members([.. perClass.Select(list => list?.ToArray())], aggregatesOf);
    }
}
