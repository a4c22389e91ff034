using System.Collections.Immutable;

namespace SgDesigner.Core.Reachability;

/// <summary>A row or column of an aggregated matrix: a named set of ENIs (a VPC, a subnet, a tag value, a group…).</summary>
/// <param name="Key">What identifies it at its level (a VPC id, a subnet id, a tag value, a group id, an ENI id).</param>
/// <param name="Label">How people call it (the Name tag and id, the tag value…).</param>
/// <param name="EniIds">Its ENIs; aggregates of one axis may overlap (an ENI carries several groups).</param>
public sealed record MatrixAggregate(string Key, string Label, ImmutableArray<string> EniIds);

/// <summary>How much of an aggregated cell's pairs allow the traffic in question.</summary>
public enum AggregateExtent
{
    /// <summary>No pair of distinct ENIs allows it (or there is no such pair).</summary>
    None,
    /// <summary>Some pairs allow it, not all.</summary>
    Some,
    /// <summary>Every ordered pair of distinct ENIs allows it.</summary>
    All,
}

/// <summary>One cell of an aggregated matrix: of the ordered pairs of distinct ENIs (sender in the row, receiver in the column), how many allow the traffic.</summary>
/// <param name="AllowedPairs">Pairs that allow something (or the filtered traffic when there is a filter).</param>
/// <param name="Pairs">Every ordered pair of distinct ENIs: rows × columns minus the ENIs that are in both (an ENI with itself).</param>
/// <param name="Allowed">The union of what the counted pairs allow (the ports the cell shows); empty when none.</param>
public sealed record AggregateCell(long AllowedPairs, long Pairs, TrafficSet Allowed)
{
    /// <summary>All, some or none of the pairs.</summary>
    public AggregateExtent Extent => AllowedPairs == 0 ? AggregateExtent.None
        : AllowedPairs == Pairs ? AggregateExtent.All : AggregateExtent.Some;

    /// <summary>"all", "some (n of m pairs)" or "none", as the matrix prints it.</summary>
    public string ExtentText => Extent switch
    {
        AggregateExtent.All => "all",
        AggregateExtent.Some => $"some ({AllowedPairs:N0} of {Pairs:N0} pairs)",
        _ => "none",
    };
}

/// <summary>An aggregated matrix: rows send, columns receive; <see cref="Cell"/> for each ordered pair of aggregates.</summary>
public sealed class AggregatedMatrix
{
    private readonly AggregateCell[,] _cells;

    internal AggregatedMatrix(ImmutableArray<MatrixAggregate> rows, ImmutableArray<MatrixAggregate> columns, Traffic? filter, AggregateCell[,] cells)
    {
        Rows = rows;
        Columns = columns;
        Filter = filter;
        _cells = cells;
    }

    /// <summary>The sending aggregates.</summary>
    public ImmutableArray<MatrixAggregate> Rows { get; }

    /// <summary>The receiving aggregates.</summary>
    public ImmutableArray<MatrixAggregate> Columns { get; }

    /// <summary>The traffic a pair must allow to count, or null: anything at all.</summary>
    public Traffic? Filter { get; }

    /// <summary>The cell of row <paramref name="row"/> and column <paramref name="column"/> (indices into <see cref="Rows"/> and <see cref="Columns"/>).</summary>
    public AggregateCell Cell(int row, int column) => _cells[row, column];
}

/// <summary>
/// Aggregates the matrix (cli.md "sgd matrix": a cell is about any sender of a class and any <em>other</em> ENI of
/// the receiving class) over groups of ENIs, counting pairs from class sizes and never enumerating ENI pairs:
/// per sender class one matrix row is read (<see cref="MatrixCellWalker"/>), and each receiving class adds its
/// member count to its aggregates. An ENI paired with itself is never counted.
/// </summary>
public static class MatrixAggregation
{
    /// <summary>
    /// The aggregated matrix of <paramref name="rows"/> × <paramref name="columns"/>; a pair counts when its cell allows
    /// <paramref name="filter"/>, or anything when the filter is null. Throws for an ENI the matrix does not hold.
    /// </summary>
    public static AggregatedMatrix Aggregate(ReachabilityMatrix matrix, IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns, Traffic? filter = null)
    {
        var classCount = matrix.ClassCount;
        var rowCounts = CountsPerClass(matrix, rows, classCount);
        var columnCounts = CountsPerClass(matrix, columns, classCount);
        var rowsOf = AggregatesOf(rows);
        var columnsOf = AggregatesOf(columns);
        var allowed = new long[rows.Count, columns.Count];
        var sets = new HashSet<int>?[rows.Count, columns.Count];
        var walker = new MatrixCellWalker(matrix);
        var cellRow = new int[classCount];
        var ok = new List<bool>(); // per walker set id: does it count (memo of Contains)
        var receiving = Enumerable.Range(0, classCount).Where(c => columnCounts[c] is not null).ToArray();
        var perColumn = new long[columns.Count];
        var lastSet = new int[columns.Count];
        var touched = new List<int>();
        for (var from = 0; from < classCount; from++)
        {
            if (rowCounts[from] is not { } senders || !walker.FillRow(from, cellRow))
                continue;
            // This class as sender: pairs allowed per column aggregate, the class itself apart (self pairs).
            Array.Fill(lastSet, MatrixCellWalker.EmptyId);
            foreach (var to in receiving)
            {
                var id = cellRow[to];
                if (to == from || !Counts(walker, filter, ok, id))
                    continue;
                foreach (var (column, count) in columnCounts[to]!)
                {
                    if (perColumn[column] == 0)
                        touched.Add(column);
                    perColumn[column] += count;
                    if (lastSet[column] != id)
                    {
                        lastSet[column] = id;
                        foreach (var (row, _) in senders)
                            (sets[row, column] ??= []).Add(id);
                    }
                }
            }
            foreach (var column in touched)
            {
                foreach (var (row, count) in senders)
                    allowed[row, column] += count * perColumn[column];
                perColumn[column] = 0;
            }
            touched.Clear();
            // The class with itself: its ENIs in the row times its ENIs in the column, less each ENI with itself.
            if (columnCounts[from] is { } receivers && Counts(walker, filter, ok, cellRow[from]))
            {
                var both = Intersections(matrix.ClassInfos[from].EniIds, rowsOf, columnsOf);
                foreach (var (row, inRow) in senders)
                {
                    foreach (var (column, inColumn) in receivers)
                    {
                        var pairs = inRow * inColumn - both.GetValueOrDefault((row, column));
                        if (pairs == 0)
                            continue;
                        allowed[row, column] += pairs;
                        (sets[row, column] ??= []).Add(cellRow[from]);
                    }
                }
            }
        }
        return new AggregatedMatrix([.. rows], [.. columns], filter, Cells(rows, columns, allowed, sets, walker));
    }

    private static AggregateCell[,] Cells(IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns, long[,] allowed,
        HashSet<int>?[,] sets, MatrixCellWalker walker)
    {
        var cells = new AggregateCell[rows.Count, columns.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var rowMembers = rows[r].EniIds.ToHashSet(StringComparer.Ordinal);
            for (var c = 0; c < columns.Count; c++)
            {
                var columnMembers = columns[c].EniIds.Distinct(StringComparer.Ordinal).ToList();
                var shared = columnMembers.Count(rowMembers.Contains);
                var pairs = (long)rowMembers.Count * columnMembers.Count - shared;
                var union = TrafficSet.Empty;
                foreach (var id in sets[r, c] ?? [])
                    union = union.Union(walker.Set(id));
                cells[r, c] = new AggregateCell(allowed[r, c], pairs, union);
            }
        }
        return cells;
    }

    // Whether the cell numbered id counts: non-empty, or holding the filtered traffic. Memoised per set number.
    private static bool Counts(MatrixCellWalker walker, Traffic? filter, List<bool> ok, int id)
    {
        if (id == MatrixCellWalker.EmptyId)
            return false;
        if (filter is not { } traffic)
            return true;
        while (ok.Count <= id)
            ok.Add(walker.Set(ok.Count).Contains(traffic));
        return ok[id];
    }

    // Per class: the aggregates holding some of its ENIs, and how many. Null for a class in none.
    private static List<(int Aggregate, long Count)>?[] CountsPerClass(ReachabilityMatrix matrix, IReadOnlyList<MatrixAggregate> aggregates, int classCount)
    {
        var result = new List<(int, long)>?[classCount];
        for (var a = 0; a < aggregates.Count; a++)
        {
            foreach (var group in aggregates[a].EniIds.Distinct(StringComparer.Ordinal).CountBy(matrix.ClassOf))
                (result[group.Key] ??= []).Add((a, group.Value));
        }
        return result;
    }

    // For one class: per (row, column) aggregate pair, how many of its ENIs are in both (each would pair with itself).
    private static Dictionary<(int Row, int Column), long> Intersections(List<string> members,
        Dictionary<string, List<int>> rowsOf, Dictionary<string, List<int>> columnsOf)
    {
        var both = new Dictionary<(int, int), long>();
        foreach (var eni in members)
        {
            if (!rowsOf.TryGetValue(eni, out var inRows) || !columnsOf.TryGetValue(eni, out var inColumns))
                continue;
            foreach (var r in inRows)
            {
                foreach (var c in inColumns)
                    both[(r, c)] = both.GetValueOrDefault((r, c)) + 1;
            }
        }
        return both;
    }

    // ENI id → the aggregates holding it.
    private static Dictionary<string, List<int>> AggregatesOf(IReadOnlyList<MatrixAggregate> aggregates)
    {
        var result = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var a = 0; a < aggregates.Count; a++)
        {
            foreach (var eni in aggregates[a].EniIds.Distinct(StringComparer.Ordinal))
            {
                if (!result.TryGetValue(eni, out var list))
                    result[eni] = list = [];
                list.Add(a);
            }
        }
        return result;
    }
}
