using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>
/// The aggregated matrix (by VPC, subnet, tag or group): each cell says whether all, some (n of m) or none of the
/// ordered pairs of distinct instances from the row's aggregate to the column's allow the traffic, and the ports
/// those pairs allow. A row or column header zooms into its aggregate.
/// </summary>
public sealed partial class AggregatedMatrixTable
{
    /// <summary>
    /// At most this many rows and columns: beyond it a table of words stops being readable. A level with more aggregates
    /// shows the largest and the rest as one row and column (<see cref="AggregateLevel.Collapsed"/>).
    /// </summary>
    public const int MaxShown = 60;

    /// <summary>The aggregated matrix to show.</summary>
    [Parameter, EditorRequired]
    public AggregatedMatrix Matrix { get; set; } = default!;

    /// <summary>Indices into the matrix's rows to show (after the row search), in order.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<int> Rows { get; set; } = [];

    /// <summary>Indices into the matrix's columns to show (after the column search), in order.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<int> Columns { get; set; } = [];

    /// <summary>Called with an aggregate whose header was clicked; none: headers are plain text.</summary>
    [Parameter]
    public EventCallback<MatrixAggregate> Zoom { get; set; }

    private int RowCount => Math.Min(Rows.Count, MaxShown);

    private int ColumnCount => Math.Min(Columns.Count, MaxShown);

    // The row or column standing for the aggregates a collapsed level left out, if any.
    private MatrixAggregate? Others => Matrix.Rows.Concat(Matrix.Columns).FirstOrDefault(a => a.Key == AggregateLevel.Others);

    private RenderFragment Header(MatrixAggregate aggregate) => builder =>
    {
        var text = $"{aggregate.Label} · {aggregate.EniIds.Length}";
        if (!Zoom.HasDelegate || aggregate.Key == AggregateLevel.Others)
        {
            builder.AddContent(0, text);
            return;
        }
        builder.OpenElement(1, "button");
        builder.AddAttribute(2, "type", "button");
        builder.AddAttribute(3, "class", "ag-zoom");
        builder.AddAttribute(4, "data-testid", "aggregate-zoom");
        builder.AddAttribute(5, "title", $"Zoom into {aggregate.Label} ({aggregate.EniIds.Length} instances)");
        builder.AddAttribute(6, "onclick", EventCallback.Factory.Create(this, () => Zoom.InvokeAsync(aggregate)));
        builder.AddContent(7, text);
        builder.CloseElement();
    };

    // Each distinct set in words once per table: its 3,600 cells share a few hundred sets.
    private readonly Dictionary<TrafficSet, string> _ports = [];

    // Each row's cells as markup, kept while the matrix and the columns shown are the same: the parent hands a new list
    // of the same columns on each of its renders, which then costs a comparison of a few dozen numbers, not the markup.
    private readonly Dictionary<int, MarkupString> _rows = [];
    private AggregatedMatrix? _rowsOf;
    private int[] _columnsOf = [];

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_rowsOf, Matrix) && Columns.Take(ColumnCount).SequenceEqual(_columnsOf))
            return;
        if (!ReferenceEquals(_rowsOf, Matrix))
            _ports.Clear();
        _rows.Clear();
        _rowsOf = Matrix;
        _columnsOf = [.. Columns.Take(ColumnCount)];
    }

    private MarkupString CellsOf(int row)
    {
        if (!_rows.TryGetValue(row, out var markup))
            _rows[row] = markup = new MarkupString(AggregateCellsMarkup.Of(Matrix, row, Columns, ColumnCount, Ports));
        return markup;
    }

    private string Ports(TrafficSet allowed)
    {
        if (!_ports.TryGetValue(allowed, out var text))
            _ports[allowed] = text = allowed.IsAll ? "every protocol and port" : allowed.ToString();
        return text;
    }
}
