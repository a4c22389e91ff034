using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Preview;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>
/// Heat map of what the draft allows between its instances and with every endpoint outside the estate (the
/// internet, named ranges, every CIDR and prefix list a rule names), for one protocol and port or for any traffic.
/// Rows send, columns receive. Only the rows and columns on screen are rendered: a small script reports
/// the scroll window, so a 500 × 500 matrix never puts 250,000 cells in the page. A keyboard grid: the script
/// moves the focus between cells with the arrow keys and Enter explains the focused cell.
/// </summary>
public sealed partial class MatrixView : IAsyncDisposable
{
    /// <summary>Width and height of a cell in pixels (the script and the stylesheet use the same figures).</summary>
    public const int CellSize = 22;

    // Before the script has measured the viewport: enough for a typical screen, small enough for a first render.
    private const int InitialRows = 40, InitialColumns = 30;

    /// <summary>An estate with more instances than this opens aggregated (by VPC or the coarsest level with several rows), not as a heat map.</summary>
    public const int LargeEstate = 500;

    private readonly Dictionary<int, Func<MouseEventArgs, Task>> _clicks = [];
    private readonly List<MatrixZoomStep> _zoom = [];
    private AggregateChoice? _level;
    private IReadOnlyList<NetworkInterface>? _zoomMembers;
    private HashSet<string>? _zoomEniIds;
    private bool _zoomStale = true;
    private MatrixGrid? _grid;
    private ImmutableArray<MatrixEndpoint> _rows = [], _columns = [];
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

    // Built from the engine on first use after each change of the draft, then kept (cells included); for a draft of more
    // than DesignSession.LintAfterShowing instances off the circuit (null meanwhile: a render after each edit would wait
    // a few hundred ms for it), smaller ones at once.
    private MatrixGrid? ReadyGrid => _grid ??= _table.GridOf(Session.Engine, DesignSession.LintAfterShowing);

    // The grid, where the render has checked that it is built.
    private MatrixGrid Grid => ReadyGrid ?? throw new InvalidOperationException("the matrix grid is read before it is built");

    private int InstanceCount => Session.Engine.Estate.Instances.Length;

    // What the status says while the table or the grid is computed: the level once the view has one, the count unless
    // zoomed into a grid not built yet (the zoom's members come from the grid).
    private string ComputingText => ReadyGrid is null
        ? BackgroundTable.ComputingText("matrix", _level is null ? null : ShownLevel, _zoom.Count == 0 ? InstanceCount : null)
        : BackgroundTable.ComputingText("matrix", ShownLevel, ZoomMembers?.Count ?? Grid.InstanceCount);

    private ImmutableArray<MatrixEndpoint> Rows
    {
        get
        {
            RefreshAxes();
            return _rows;
        }
    }

    private ImmutableArray<MatrixEndpoint> Columns
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

    // The level the user chose, else the one the estate opens at.
    private AggregateChoice Level => _level ??= OpeningLevel();

    // What the view shows now: the chosen level, or the level below the last zoom step.
    private AggregateChoice ShownLevel => _zoom.Count == 0 ? Level : _zoom[^1].Level.Next;

    private bool ShowsHeatMap => !ShownLevel.IsAggregated;

    // The levels the selector offers: VPC, subnet, group, each tag key, and instance (the heat map); read from the
    // estate, so that the selector stays while an edited version's grid is built.
    private IEnumerable<AggregateChoice> Levels => [.. MatrixGrid.AggregatedLevelsOf(Session.Engine.Estate), AggregateChoice.Instance];

    // Small estates keep the heat map; a large one (10,000 instances too: docs/aggregated-views.md) opens at the
    // coarsest level with more than one row, computed in the background when the draft loaded (MatrixGrid.PrepareOpening).
    private AggregateChoice OpeningLevel() => Grid.InstanceCount <= LargeEstate ? AggregateChoice.Instance : Grid.CoarsestLevel;

    // The primary ENIs inside the zoom (null: no zoom); a step whose aggregate an edit removed ends the zoom there.
    private IReadOnlyList<NetworkInterface>? ZoomMembers
    {
        get
        {
            if (!_zoomStale)
                return _zoomMembers;
            while (_zoom.Count > 0 && Grid.MembersOf(_zoom) is null)
                _zoom.RemoveAt(_zoom.Count - 1);
            _zoomMembers = _zoom.Count == 0 ? null : Grid.MembersOf(_zoom);
            _zoomEniIds = _zoomMembers?.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            _zoomStale = false;
            return _zoomMembers;
        }
    }

    // The level's aggregates the searches leave, each axis collapsed to what the table shows (the largest, then the rest
    // as one); null while a large estate's table, or the grid under it, is computed.
    private AggregatedMatrix? ShownTable() => ReadyGrid is null ? null :
        _table.Get(Grid, LargeEstate, ShownLevel, string.Join("/", _zoom.Select(z => z.Level.Value + "=" + z.Key)),
            ZoomMembers ?? Grid.InstanceEnis, Filter.Traffic, RowSearch, ColumnSearch);

    private readonly BackgroundTable _table;

    /// <summary>A view of the session's draft.</summary>
    public MatrixView() => _table = new(() => InvokeAsync(StateHasChanged));

    private void SetLevel(ChangeEventArgs e)
    {
        if (AggregateChoice.Parse(e.Value as string) is not { } level)
            return;
        _level = level;
        _zoom.Clear();
        ZoomChanged();
    }

    private void ZoomInto(MatrixAggregate aggregate)
    {
        _zoom.Add(new MatrixZoomStep(ShownLevel, aggregate.Key, aggregate.Label));
        ZoomChanged();
    }

    // Back to the breadcrumb's step: 0 is the whole estate.
    private void ZoomOutTo(int steps)
    {
        _zoom.RemoveRange(steps, _zoom.Count - steps);
        ZoomChanged();
    }

    private void ZoomChanged()
    {
        _zoomStale = true;
        (RowSearch, ColumnSearch) = ("", "");
        BackToStart();
    }

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (ReadyGrid is not { InstanceCount: > 0 } || !ShowsHeatMap)
        {
            await StopObservingAsync(); // the scroller is gone; a new one comes with the next instance or the heat map
            return;
        }
        if (_observer is not null)
        {
            if (_scrollToStart)
                await _observer.InvokeVoidAsync("reset");
            _scrollToStart = false;
            return;
        }
        // Renders follow each other faster than the browser answers (levels chosen in a row): one start at a time.
        if (_starting)
            return;
        _starting = true;
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference?>("import", "./Features/Matrix/MatrixView.razor.js");
            if (_module is null)
                return; // no script (a test renderer): the initial window stays
            if (!ShowsHeatMap)
                return; // left the heat map while the module loaded
            _self ??= DotNetObjectReference.Create(this);
            // Null when the scroller left the page meanwhile: the next render of a heat map observes its own.
            _observer = await _module.InvokeAsync<IJSObjectReference?>("observe", Scroller, _self, RowHeaderWidth, HeaderHeight, CellSize);
        }
        finally
        {
            _starting = false;
        }
    }

    private bool _starting;

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
        (ActiveRow, ActiveColumn) = (0, 0);
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

    private ImmutableArray<MatrixEndpoint> Matching(string search)
    {
        var text = search.Trim();
        // Zoomed: the instances inside the zoom only, without the outside endpoints.
        var endpoints = ZoomMembers is null ? Grid.Endpoints : [.. Grid.Endpoints.Where(e => e.Eni is { } eni && _zoomEniIds!.Contains(eni.Id))];
        return text.Length == 0
            ? endpoints
            : endpoints.Where(i => i.Choice.Contains(text, StringComparison.OrdinalIgnoreCase)).ToImmutableArray();
    }

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
        if (ReadyGrid is null)
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

    private void OnChanged() => _ = InvokeAsync(() =>
    {
        _grid = null;
        _axesStale = true;
        _zoomStale = true;
        StateHasChanged();
    });

    private static string PixelWidth(int pixels) => string.Create(CultureInfo.InvariantCulture, $"width:{pixels}px");

    private static string PixelHeight(int pixels) => string.Create(CultureInfo.InvariantCulture, $"height:{pixels}px");

    // Let go of before the browser is asked: a render meanwhile (its after-render runs while this one waits) must not stop it again.
    private async Task StopObservingAsync()
    {
        if (_observer is not { } observer)
            return;
        _observer = null;
        await observer.InvokeVoidAsync("dispose");
        await observer.DisposeAsync();
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
