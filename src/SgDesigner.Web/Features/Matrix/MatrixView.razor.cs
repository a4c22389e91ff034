using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Preview;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>
/// Instances × instances heat map of what the draft allows, for one protocol and port or for any traffic.
/// Rows send, columns receive. Only the rows and columns on screen are rendered: a small script reports
/// the scroll window, so a 500 × 500 matrix never puts 250,000 cells in the page.
/// </summary>
public sealed partial class MatrixView : IAsyncDisposable
{
    /// <summary>Width and height of a cell in pixels (the script and the stylesheet use the same figures).</summary>
    public const int CellSize = 22;

    // Before the script has measured the viewport: enough for a typical screen, small enough for a first render.
    private const int InitialRows = 40, InitialColumns = 30;

    private readonly Dictionary<int, Func<MouseEventArgs, Task>> _clicks = [];
    private MatrixGrid? _grid;
    private ImmutableArray<MatrixInstance> _rows = [], _columns = [];
    private bool _axesStale = true;
    private bool _scrollToStart;
    private IJSObjectReference? _module;
    private IJSObjectReference? _observer;
    private DotNetObjectReference<MatrixView>? _self;

    [Inject]
    private DesignSession Session { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Called with the flow of a clicked cell, for the preview to explain.</summary>
    [Parameter]
    public EventCallback<PreviewQuery> Explain { get; set; }

    private ElementReference Scroller { get; set; }

    private string Protocol { get; set; } = "any";

    private string Port { get; set; } = "";

    private MatrixFilter Filter { get; set; } = MatrixFilter.AnyTraffic;

    private string? FilterError { get; set; }

    private string RowSearch { get; set; } = "";

    private string ColumnSearch { get; set; } = "";

    private int RowStart { get; set; }

    private int ColStart { get; set; }

    private int RowLimit { get; set; } = InitialRows;

    private int ColLimit { get; set; } = InitialColumns;

    private int RowEnd => Math.Min(RowLimit, Rows.Length);

    private int ColEnd => Math.Min(ColLimit, Columns.Length);

    // Built from the engine on first use after each change of the draft, then kept (cells included).
    private MatrixGrid Grid => _grid ??= MatrixGrid.Of(Session.Engine);

    private ImmutableArray<MatrixInstance> Rows
    {
        get
        {
            RefreshAxes();
            return _rows;
        }
    }

    private ImmutableArray<MatrixInstance> Columns
    {
        get
        {
            RefreshAxes();
            return _columns;
        }
    }

    private string Width => PixelWidth(RowHeaderWidth + Columns.Length * CellSize);

    /// <summary>Width of the sticky row headers in pixels.</summary>
    public const int RowHeaderWidth = 180;

    /// <summary>Height of the sticky column headers in pixels.</summary>
    public const int HeaderHeight = 120;

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Grid.Instances.IsEmpty)
        {
            await StopObservingAsync(); // the scroller is gone; a new one comes with the next instance
            return;
        }
        if (_observer is not null)
        {
            if (_scrollToStart)
                await _observer.InvokeVoidAsync("reset");
            _scrollToStart = false;
            return;
        }
        _module ??= await JS.InvokeAsync<IJSObjectReference?>("import", "./Features/Matrix/MatrixView.razor.js");
        if (_module is null)
            return; // no script (a test renderer): the initial window stays
        _self ??= DotNetObjectReference.Create(this);
        _observer = await _module.InvokeAsync<IJSObjectReference?>("observe", Scroller, _self, RowHeaderWidth, HeaderHeight, CellSize);
    }

    /// <summary>The script's report of the rows and columns to render (ends exclusive, a margin included).</summary>
    [JSInvokable]
    public void ShowWindow(int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        if ((rowStart, rowEnd, columnStart, columnEnd) == (RowStart, RowLimit, ColStart, ColLimit))
            return;
        (RowStart, RowLimit, ColStart, ColLimit) = (Math.Max(0, rowStart), rowEnd, Math.Max(0, columnStart), columnEnd);
        StateHasChanged();
    }

    private void SetProtocol(string? value)
    {
        Protocol = value ?? "";
        ApplyFilter();
    }

    private void SetPort(string? value)
    {
        Port = value ?? "";
        ApplyFilter();
    }

    // A filter that does not parse keeps the matrix as it was and says why under the fields.
    private void ApplyFilter()
    {
        var parsed = MatrixFilter.Parse(Protocol, Port);
        FilterError = parsed.Error;
        if (parsed.IsOk)
            Filter = parsed.Value;
    }

    private void SetRowSearch(string? value)
    {
        RowSearch = value ?? "";
        BackToStart();
    }

    private void SetColumnSearch(string? value)
    {
        ColumnSearch = value ?? "";
        BackToStart();
    }

    // Other rows or columns: a window further down could lie past the end of the shorter list, so the view goes
    // back to the top-left corner and the script measures it afresh.
    private void BackToStart()
    {
        _axesStale = true;
        (RowStart, RowLimit, ColStart, ColLimit) = (0, InitialRows, 0, InitialColumns);
        _scrollToStart = true;
    }

    private void RefreshAxes()
    {
        if (!_axesStale)
            return;
        _rows = Matching(RowSearch);
        _columns = Matching(ColumnSearch);
        _clicks.Clear();
        _axesStale = false;
    }

    private ImmutableArray<MatrixInstance> Matching(string search)
    {
        var text = search.Trim();
        return text.Length == 0
            ? Grid.Instances
            : Grid.Instances.Where(i => i.Choice.Contains(text, StringComparison.OrdinalIgnoreCase)).ToImmutableArray();
    }

    // One delegate per row, kept across renders: a new lambda each render would make Blazor re-register every
    // row's click handler and send an update for each one to the browser.
    private Func<MouseEventArgs, Task> ClickOf(int row)
    {
        if (!_clicks.TryGetValue(row, out var click))
            _clicks[row] = click = e => ExplainAsync(row, ColStart + (int)Math.Floor(e.OffsetX / CellSize));
        return click;
    }

    private string StatesOf(MatrixInstance row)
    {
        var states = new char[Math.Max(0, ColEnd - ColStart)];
        for (var c = 0; c < states.Length; c++)
            states[c] = MatrixRowPaint.Letter(Filter.StateOf(Grid.Allowed(row, Columns[ColStart + c])));
        return new string(states);
    }

    // The cells are a CSS gradient, which says nothing to a screen reader: the row's visible cells in words.
    private string CellsText(MatrixInstance row, string states)
    {
        var text = new System.Text.StringBuilder(row.Label.Length + states.Length * 24).Append(row.Label).Append(" to: ");
        for (var c = 0; c < states.Length; c++)
        {
            var state = states[c] switch { 'a' => "allowed", 'p' => "some traffic allowed", _ => "denied" };
            text.Append(c == 0 ? "" : "; ").Append(Columns[ColStart + c].Label).Append(' ').Append(state);
        }
        return text.ToString();
    }

    private Task ExplainAsync(int row, int column)
    {
        if (row >= Rows.Length || column < 0 || column >= Columns.Length)
            return Task.CompletedTask;
        var (from, to) = (Rows[row], Columns[column]);
        return Explain.InvokeAsync(Filter.QueryFor(from.Choice, to.Choice, Grid.Allowed(from, to)));
    }

    private void OnChanged() => _ = InvokeAsync(() =>
    {
        _grid = null;
        _axesStale = true;
        StateHasChanged();
    });

    private static string PixelWidth(int pixels) => string.Create(CultureInfo.InvariantCulture, $"width:{pixels}px");

    private static string PixelHeight(int pixels) => string.Create(CultureInfo.InvariantCulture, $"height:{pixels}px");

    private async Task StopObservingAsync()
    {
        if (_observer is null)
            return;
        await _observer.InvokeVoidAsync("dispose");
        await _observer.DisposeAsync();
        _observer = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Session.Changed -= OnChanged;
        try
        {
            await StopObservingAsync();
            if (_module is not null)
                await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page with it: nothing left to unhook.
        }
        _self?.Dispose();
    }
}
