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
/// the receiving class) over groups of ENIs, counting pairs from class sizes and never enumerating ENI pairs, nor
/// every pair of classes (<see cref="AggregationRun"/>). An ENI paired with itself is never counted. Exact with
/// network ACLs: the rows it folds are the matrix's cells with the ACL layer applied (<see cref="MatrixCellWalker"/>).
/// </summary>
public static class MatrixAggregation
{
    /// <summary>
    /// The aggregated matrix of <paramref name="rows"/> × <paramref name="columns"/>; a pair counts when its cell allows
    /// <paramref name="filter"/>, or anything when the filter is null. Throws for an ENI the matrix does not hold.
    /// </summary>
    public static AggregatedMatrix Aggregate(ReachabilityMatrix matrix, IReadOnlyList<MatrixAggregate> rows, IReadOnlyList<MatrixAggregate> columns, Traffic? filter = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        return new(rows.ToImmutableArray(), columns.ToImmutableArray(), filter, new AggregationRun(matrix, rows, columns, filter).Run(rows, columns));
    }
}
