using System.Collections.Immutable;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// The aggregated matrix of any estate: <see cref="MatrixAggregation.Aggregate"/>'s factored sums when no network ACL
/// can drop anything, otherwise sums over the class pairs of the walker's rows (<see cref="MatrixCellWalker"/>, which
/// applies the ACL layer), since the factored form knows the security groups only. Pairs are still counted from class
/// sizes, never enumerated, and an ENI paired with itself is never counted.
/// </summary>
public static class NetworkAclAggregation
{
    /// <summary>As <see cref="MatrixAggregation.Aggregate"/>, exact with network ACLs.</summary>
    public static AggregatedMatrix Aggregate(ReachabilityMatrix matrix, IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns, Traffic? filter = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        if (matrix.Acl is null)
            return MatrixAggregation.Aggregate(matrix, rows, columns, filter);
        var (rowMembers, rowOf) = Members(matrix, rows);
        var (columnMembers, columnOf) = Members(matrix, columns);
        var allowed = new long[rows.Count, columns.Count];
        var sets = new TrafficSet[rows.Count, columns.Count];
        var walker = new MatrixCellWalker(matrix);
        var row = new int[matrix.ClassCount];
        for (var from = 0; from < matrix.ClassCount; from++)
        {
            if (rowMembers[from] is not { } senders || !walker.FillRow(from, row))
                continue;
            for (var to = 0; to < row.Length; to++)
            {
                if (row[to] == MatrixCellWalker.EmptyId || columnMembers[to] is not { } receivers)
                    continue;
                var set = walker.Set(row[to]);
                if (filter is { } traffic && !set.Contains(traffic))
                    continue;
                var self = from == to ? SelfPairs(matrix, from, rowOf, columnOf) : null;
                foreach (var (r, inRow) in senders)
                {
                    foreach (var (c, inColumn) in receivers)
                    {
                        var pairs = inRow * inColumn - (self?.GetValueOrDefault((r, c)) ?? 0);
                        if (pairs == 0)
                            continue;
                        allowed[r, c] += pairs;
                        sets[r, c] = sets[r, c] is null ? set : sets[r, c].Union(set);
                    }
                }
            }
        }
        var cells = new AggregateCell[rows.Count, columns.Count];
        var distinctColumns = columns.Select(c => c.EniIds.Distinct(StringComparer.Ordinal).ToList()).ToList();
        for (var r = 0; r < rows.Count; r++)
        {
            var members = rows[r].EniIds.ToHashSet(StringComparer.Ordinal);
            for (var c = 0; c < columns.Count; c++)
            {
                var pairs = (long)members.Count * distinctColumns[c].Count - distinctColumns[c].Count(members.Contains);
                cells[r, c] = new AggregateCell(allowed[r, c], pairs, sets[r, c] ?? TrafficSet.Empty);
            }
        }
        return new AggregatedMatrix(rows.ToImmutableArray(), columns.ToImmutableArray(), filter, cells);
    }

    // Per class: (aggregate, members of the class in it); per ENI: its aggregates.
    private static (List<(int Aggregate, long Count)>?[] PerClass, Dictionary<string, List<int>> Of) Members(ReachabilityMatrix matrix, IReadOnlyList<MatrixAggregate> aggregates)
    {
        var perClass = new List<(int, long)>?[matrix.ClassCount];
        var of = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var a = 0; a < aggregates.Count; a++)
        {
            foreach (var group in aggregates[a].EniIds.Distinct(StringComparer.Ordinal).GroupBy(matrix.ClassOf))
                (perClass[group.Key] ??= []).Add((a, group.LongCount()));
            foreach (var eni in aggregates[a].EniIds.Distinct(StringComparer.Ordinal))
                (of.TryGetValue(eni, out var list) ? list : of[eni] = []).Add(a);
        }
        return (perClass, of);
    }

    // ENIs of the class in both a row and a column aggregate: the pairs of each with itself, not counted.
    private static Dictionary<(int, int), long> SelfPairs(ReachabilityMatrix matrix, int cls, Dictionary<string, List<int>> rowOf, Dictionary<string, List<int>> columnOf)
    {
        var both = new Dictionary<(int, int), long>();
        foreach (var eni in matrix.ClassInfos[cls].EniIds)
        {
            if (!rowOf.TryGetValue(eni, out var rows) || !columnOf.TryGetValue(eni, out var columns))
                continue;
            foreach (var r in rows)
            {
                foreach (var c in columns)
                    both[(r, c)] = both.GetValueOrDefault((r, c)) + 1;
            }
        }
        return both;
    }
}
