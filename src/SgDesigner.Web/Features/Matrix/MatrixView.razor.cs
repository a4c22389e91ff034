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

    // The grid, where the render has checked that it is built.
    private MatrixGrid Grid => ReadyGrid ?? throw new InvalidOperationException("the matrix grid is read before it is built");

    private int InstanceCount => Session.Engine.Estate.Instances.Length;

    // What the status says while the table or the grid is computed: the level once the view has one, the count unless
    // zoomed into a grid not built yet (the zoom's members come from the grid).
    private string ComputingText => ReadyGrid is null
        ? BackgroundTable.ComputingText("matrix", _level is null ? null : ShownLevel, _zoom.Count == 0 ? InstanceCount : null)
        : BackgroundTable.ComputingText("matrix", ShownLevel, ZoomMembers?.Count ?? Grid.InstanceCount);

    private readonly BackgroundTable _table;

    /// <summary>A view of the session's draft.</summary>
    public MatrixView() => _table = new(() => InvokeAsync(StateHasChanged));

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(() =>
    {
        _grid = null;
        _axesStale = true;
        _zoomStale = true;
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
