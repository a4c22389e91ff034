using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using SgDesigner.Web.Features.Preview;

namespace SgDesigner.Web.Features.Matrix;

public sealed partial class MatrixView
{
    private readonly Dictionary<int, Func<MouseEventArgs, Task>> _clicks = [];

    // One delegate per row, kept across renders: a new lambda each render would make Blazor re-register every
    // row's click handler and send an update for each one to the browser.
    private Func<MouseEventArgs, Task> ClickOf(int row)
    {
        if (!_clicks.TryGetValue(row, out var click))
            _clicks[row] = click = e => ExplainCell(row, ColStart + (int)Math.Floor(e.OffsetX / CellSize));
        return click;
    }

    // The cell holding the grid's Tab stop: the active one while it is rendered, else the window's first.
    private bool IsTabStop(int row, int column) =>
        ActiveRow >= RowStart && ActiveRow < RowEnd && ActiveColumn >= ColStart && ActiveColumn < ColEnd
            ? (row, column) == (ActiveRow, ActiveColumn)
            : (row, column) == (RowStart, ColStart);

    private int ActiveRow { get; set; }

    private int ActiveColumn { get; set; }

    /// <summary>The script's report that the focus moved to a cell, so that it keeps the Tab stop across renders.</summary>
    [JSInvokable]
    public void SetActiveCell(int row, int column)
    {
        if ((row, column) == (ActiveRow, ActiveColumn))
            return;
        (ActiveRow, ActiveColumn) = (row, column);
        StateHasChanged();
    }

    /// <summary>Explains the cell at <paramref name="row"/> and <paramref name="column"/> (Enter or Space on it, or a click).</summary>
    [JSInvokable]
    public Task ExplainCell(int row, int column)
    {
        SetActiveCell(row, column);
        return ExplainAsync(row, column);
    }

    private static string? InstanceId(MatrixEndpoint endpoint) => endpoint.Outside is null ? endpoint.Id : null;

    private static string HeaderClass(MatrixEndpoint endpoint, string css) => endpoint.Outside is null ? css : css + " mx-outside";

    private string StatesOf(MatrixEndpoint row)
    {
        var states = new char[Math.Max(0, ColEnd - ColStart)];
        for (var c = 0; c < states.Length; c++)
            states[c] = MatrixRowPaint.Letter(Filter.StateOf(Grid.Allowed(row, Columns[ColStart + c])));
        return new string(states);
    }

    // The cells are painted as a CSS gradient, which says nothing to a screen reader: each cell says it in words.
    private static string CellText(MatrixEndpoint row, MatrixEndpoint column, char state) =>
        $"{row.Label} to {column.Label}: " + state switch
        {
            'a' => "allowed",
            'p' => "some traffic allowed",
            'n' => "both outside the estate, no security group applies",
            _ => "denied",
        };

    private Task ExplainAsync(int row, int column)
    {
        if (IsOutdated || _shown is null)
            return Task.CompletedTask; // a cell of the version before an edit, whose grid is being built
        if (row >= Rows.Length || column < 0 || column >= Columns.Length)
            return Task.CompletedTask;
        var (from, to) = (Rows[row], Columns[column]);
        if (Grid.Allowed(from, to) is not { } allowed)
            return Task.CompletedTask; // both outside: nothing to explain
        var query = Filter.QueryFor(from.Choice, to.Choice, allowed);
        Picked = PickOf(from, to, query);
        return Explain.InvokeAsync(query);
    }

    // The picked instance × instance cell, for its "must stay allowed / denied" actions.
    private CellPick? Picked { get; set; }

    // An instance pair only (assertions name both ends), with the cell's tcp or udp port when it has one.
    private static CellPick? PickOf(MatrixEndpoint from, MatrixEndpoint to, PreviewQuery query) =>
        from.Outside is not null || to.Outside is not null ? null
        : query.Protocol.Trim().ToLowerInvariant() is "tcp" or "udp" ? new CellPick(from, to, query.Protocol.Trim().ToLowerInvariant(), query.Port)
        : new CellPick(from, to, "tcp", "");
}
