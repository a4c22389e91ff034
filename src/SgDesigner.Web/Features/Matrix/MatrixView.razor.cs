using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
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
/// <remarks>
/// In parts: this one holds the grid of the draft shown; <c>MatrixView.Levels.cs</c> the aggregated levels and the zoom;
/// <c>MatrixView.Filters.cs</c> the traffic filter and the searches, and the rows and columns they leave;
/// <c>MatrixView.Window.cs</c> the heat map's scroll window and its script; <c>MatrixView.Cells.cs</c> the heat map's cells
/// (painting, keyboard, explaining one).
/// </remarks>
public sealed partial class MatrixView : IAsyncDisposable
{
    /// <summary>An estate with more instances than this opens aggregated (by VPC or the coarsest level with several rows), not as a heat map.</summary>
    public const int LargeEstate = 500;

    private MatrixGrid? _grid;

    [Inject]
    private DesignSession Session { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Called with the flow of a clicked cell, for the preview to explain.</summary>
    [Parameter]
    public EventCallback<PreviewQuery> Explain { get; set; }

    // Built from the engine on first use after each change of the draft, then kept (cells included); for a draft of more
    // than DesignSession.LintAfterShowing instances off the circuit (null meanwhile: a render after each edit would wait
    // a few hundred ms for it), smaller ones at once.
    private MatrixGrid? ReadyGrid => _grid ??= _table.GridOf(Session.Engine, DesignSession.LintAfterShowing);

    // Read once at the start of each render (ReadGrid), as a background build can finish in the middle of one: the rows,
    // columns and cells drawn, and the clicks on them, must come from one grid. _current is the draft's grid (null while
    // built); _shown the one drawn: the current one, else, on a heat map, the version before the edit, drawn outdated.
    private MatrixGrid? _current, _shown;

    // The grid drawn, where the render has checked that there is one.
    private MatrixGrid Grid => _shown ?? throw new InvalidOperationException("the matrix grid is read before it is built");

    // The heat map drawn is the version before an edit, whose grid is being built: dimmed, busy and not clickable.
    private bool IsOutdated => _current is null;

    private int InstanceCount => Session.Engine.Estate.Instances.Length;

    // What the status says while the table or the grid is computed: the level, and the count unless zoomed into a grid
    // not built yet (the zoom's members come from the grid).
    private string ComputingText => _current is null
        ? BackgroundTable.ComputingText("matrix", ShownLevel, _zoom.Count == 0 ? InstanceCount : null)
        : BackgroundTable.ComputingText("matrix", ShownLevel, ZoomMembers?.Count ?? _current.InstanceCount);

    // While an edited version's grid is built, a heat map keeps drawing the version before it (outdated), so that its
    // scroller stays in the page and the user's place in it with it; on its own, the scroller's new version would open
    // at the top-left corner. Any other view draws nothing of an old version.
    private void ReadGrid()
    {
        _current = ReadyGrid;
        var shown = _current ?? (InstanceCount > 0 && ShowsHeatMap ? _shown : null);
        if (!ReferenceEquals(shown, _shown))
            (_axesStale, _zoomStale) = (true, true);
        _shown = shown;
    }

    private readonly BackgroundTable _table;

    /// <summary>A view of the session's draft.</summary>
    public MatrixView() => _table = new(() => InvokeAsync(StateHasChanged));

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    // The axes and the zoom's members follow the grid drawn (ReadGrid).
    private void OnChanged() => _ = InvokeAsync(() =>
    {
        _grid = null;
        StateHasChanged();
    });

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
