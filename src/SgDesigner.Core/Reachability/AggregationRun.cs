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
/// <para>With network ACLs a cell is the groups' cell intersected with the ACL set between the two classes' profiles.
/// The ACL sets are few, and from the profiles of one ACL key (<see cref="AclMatrixLayer.KeyOf"/>) they are the same
/// towards every receiver outside the sender's subnet: the base row is folded per sender behaviour and key, a receiving
/// behaviour and ACL set at a time, and per profile only the receivers in the sender's subnet are added
/// (<see cref="SenderFold"/>); an override of a whole receiving behaviour likewise.</para>
/// <para>The class with itself is corrected: an ENI is not paired with itself, and the class's cell counts only where
/// two distinct ENIs of it are in the cell. The sender's own behaviour's classes are therefore kept out of the base
/// unions and taken class by class.</para>
/// <para>Sender behaviours are dealt to <see cref="WalkerSlots"/> slots by number; each thread folds whole slots, each
/// with the walker of that slot (from <see cref="ReachabilityMatrix.RentWalker"/>, which keeps the set numbers and
/// remembered operations of the matrix's earlier folds of those senders) into the slot's own sums, added up at the end:
/// the order of the additions and unions does not change the result.</para>
/// </remarks>
internal sealed partial class AggregationRun
{
    private const int MaxThreads = 4;
    /// <summary>
    /// Sender behaviours are dealt to this many slots by number, and each slot is folded with a walker that folded the
    /// same slot before (<see cref="ReachabilityMatrix.RentWalker"/>): a walker meets the same senders at every level,
    /// and finds their sets numbered and their operations remembered from the second fold of a matrix on.
    /// </summary>
    internal const int WalkerSlots = 4;
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
    private readonly int[][] _columnClassesOf;         // behaviour → its classes in some column aggregate
    private readonly int[][] _columnClassesOfProfile;  // ACL profile → the classes in some column aggregate (all in 0 without ACLs)
    private readonly int[] _key;                        // class → its ACL profile's key (AclMatrixLayer.KeyOf); 0 without ACLs
    private readonly int[] _subnet;                     // class → a number of its subnet where its ACL can drop something; −1 otherwise
    private readonly int[][] _columnSubnetsOf;          // behaviour → the _subnet numbers of its classes in some column aggregate
    private readonly int[][][] _columnClassesInSubnet;  // behaviour → per entry of _columnSubnetsOf, those classes
    // Sender ACL key → per receiving behaviour, its classes' column aggregates by the ACL set from the key's profiles
    // across subnets (made on first use; one entry without network ACLs).
    private readonly Part[]?[]?[] _parts;
    // Sender ACL key → the first key made whose ACL sets towards every receiving profile are the same (the two fold
    // alike: a Windows client's key and a Linux one's mostly are), and those sets per profile (−1: no receiver there).
    private readonly int[] _foldsAs;
    private readonly int[]?[] _acrossOf;
    private readonly Lock _partsLock = new();

    private readonly record struct Member(int Aggregate, long Count);

    /// <summary>The classes of a receiving behaviour that one ACL set (the layer's number) separates from the senders, by column aggregate.</summary>
    private readonly record struct Part(int Acl, Member[] Columns);

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        _columnsOfBehaviour = [.. _classesOf.Select(classes => Summed(classes.SelectMany(c => _columns.PerClass[c] ?? [])))];
        _parts = new Part[]?[]?[matrix.Acl?.KeyCount ?? 1];
        (_foldsAs, _acrossOf) = (new int[_parts.Length], new int[]?[_parts.Length]);
        _key = [.. classes.Select(c => matrix.Acl?.KeyOf(c.Profile) ?? 0)];
        _columnClassesOf = [.. _classesOf.Select(classes => classes.Where(c => _columns.PerClass[c] is not null).ToArray())];
        var ofProfile = Enumerable.Range(0, matrix.Acl?.ProfileCount ?? 1).Select(_ => new List<int>()).ToArray();
        for (var c = 0; c < classes.Length; c++)
        {
            if (_columns.PerClass[c] is not null)
                ofProfile[classes[c].Profile].Add(c);
        }
        _columnClassesOfProfile = [.. ofProfile.Select(list => list.ToArray())];
        // The subnet's number is its first profile's.
        _subnet = [.. classes.Select(c => matrix.Acl?.SameSubnet(c.Profile) is [var first, ..] ? first : -1)];
        _columnSubnetsOf = [.. _columnClassesOf.Select(classes => classes.Select(c => _subnet[c]).Where(s => s >= 0).Distinct().ToArray())];
        _columnClassesInSubnet = [.. _columnClassesOf.Select((classes, b) => _columnSubnetsOf[b].Select(s => classes.Where(c => _subnet[c] == s).ToArray()).ToArray())];
    }

    // Members of one aggregate added up; null when none.
    private static Member[]? Summed(IEnumerable<Member> members) =>
        members.GroupBy(m => m.Aggregate, (aggregate, all) => new Member(aggregate, all.Sum(m => m.Count))).ToArray() is { Length: > 0 } summed ? summed : null;

    /// <summary>
    /// Per receiving behaviour, the column aggregates of its classes by the ACL set that the profiles of
    /// <paramref name="key"/> (<see cref="AclMatrixLayer.KeyOf"/>) get towards theirs across subnets: a behaviour's
    /// classes mostly sit behind one or two ACLs from a sender, and the fold applies each once to a behaviour's cell,
    /// not once per class.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Part[]?[] PartsOf(int key) => Volatile.Read(ref _parts[key]) ?? MakeParts(key);

    /// <summary>
    /// The key whose first layer of the base row (<see cref="SenderFold"/>) is the same as <paramref name="key"/>'s:
    /// the first key met with the same ACL sets towards every receiving profile.
    /// </summary>
    private int FoldsAs(int key)
    {
        PartsOf(key);
        return _foldsAs[key];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Part[]?[] MakeParts(int key)
    {
        // Made once per key (a few on large estates), by whichever thread asks first.
        lock (_partsLock)
        {
            if (_parts[key] is { } made)
                return made;
            var across = AcrossOf(key);
            for (var other = 0; other < _acrossOf.Length; other++)
            {
                if (_acrossOf[other] is { } sets && sets.AsSpan().SequenceEqual(across))
                {
                    _foldsAs[key] = other;
                    Volatile.Write(ref _parts[key], _parts[other]);
                    return _parts[other]!;
                }
            }
            (_acrossOf[key], _foldsAs[key]) = (across, key);
            var parts = Parts(key);
            Volatile.Write(ref _parts[key], parts);
            return parts;
        }
    }

    // The number of the ACL set from key's profiles towards each receiving profile across subnets; −1 for a profile
    // without a class in a column aggregate (everything without network ACLs).
    private int[] AcrossOf(int key)
    {
        if (_matrix.Acl is not { } acl)
            return [AclMatrixLayer.AllNumber];
        var row = acl.AcrossRow(key);
        var across = new int[_columnClassesOfProfile.Length];
        for (var p = 0; p < across.Length; p++)
            across[p] = _columnClassesOfProfile[p].Length == 0 ? -1 : acl.AcrossCell(row, key, p);
        return across;
    }

    private Part[]?[] Parts(int key)
    {
        var parts = new Part[]?[_classesOf.Length];
        var acl = _matrix.Acl;
        var aclRow = acl?.AcrossRow(key);
        var infos = _matrix.ClassInfos;
        for (var b = 0; b < parts.Length; b++)
        {
            if (_columnsOfBehaviour[b] is not { } all)
                continue;
            if (acl is null)
            {
                parts[b] = [new Part(AclMatrixLayer.AllNumber, all)];
                continue;
            }
            var numbers = _columnClassesOf[b].Select(c => (Class: c, Acl: acl.AcrossCell(aclRow!, key, infos[c].Profile))).ToList();
            parts[b] = numbers.All(n => n.Acl == numbers[0].Acl) ? [new Part(numbers[0].Acl, all)]
                : [.. numbers.GroupBy(n => n.Acl, (number, classes) => new Part(number, Summed(classes.SelectMany(n => _columns.PerClass[n.Class]!))!))];
        }
        return parts;
    }

    public AggregateCell[,] Run(IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns)
    {
        var infos = _matrix.ClassInfos;
        var work = Senders().GroupBy(classes => infos[classes[0]].Behaviour % WalkerSlots, (slot, senders) => (Slot: slot, Senders: senders.ToList())).ToList();
        var folds = new SenderFold?[work.Count];
        var next = -1;
        // Each thread takes the next slot not taken yet, until none is left.
        void Fold(int thread)
        {
            for (var w = Interlocked.Increment(ref next); w < work.Count; w = Interlocked.Increment(ref next))
            {
                var fold = folds[w] = new SenderFold(this, _matrix.RentWalker(work[w].Slot));
                foreach (var classes in work[w].Senders)
                    fold.Sender(classes);
            }
        }
        var threads = Math.Max(1, Math.Min(_threads, work.Count));
        try
        {
            if (threads == 1)
                Fold(0);
            else
            {
                try
                {
                    Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, Fold);
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
            for (var w = 0; w < folds.Length; w++)
            {
                if (folds[w] is { } fold)
                    _matrix.ReturnWalker(fold.Walker, work[w].Slot);
            }
        }
    }

    // The sender behaviours (with an outbound side) having a class in some row aggregate: those classes, by the key they
    // fold as (FoldsAs), subnet and profile (SenderFold folds each layer of the base row once per run of them).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<int[]> Senders()
    {
        var infos = _matrix.ClassInfos;
        var senders = new List<int[]>();
        foreach (var classes in _classesOf)
        {
            var shown = classes.Where(c => _rows.PerClass[c] is not null).OrderBy(c => FoldsAs(_key[c])).ThenBy(c => _subnet[c]).ThenBy(c => infos[c].Profile).ToArray();
            if (shown.Length > 0 && _matrix.Behaviours[infos[shown[0]].Behaviour].Out is not null)
                senders.Add(shown);
        }
        return senders;
    }

    // Each cell: the pairs of distinct ENIs (row members times column members, less each ENI in both with itself).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
