using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace SgDesigner.Web.Features.Matrix;

public sealed partial class MatrixView
{
    /// <summary>Width and height of a cell in pixels (the script and the stylesheet use the same figures).</summary>
    public const int CellSize = 22;

    // Before the script has measured the viewport: enough for a typical screen, small enough for a first render.
    private const int InitialRows = 40, InitialColumns = 30;

    private bool _scrollToStart;
    private IJSObjectReference? _module;
    private IJSObjectReference? _observer;
    private DotNetObjectReference<MatrixView>? _self;

    private ElementReference Scroller { get; set; }

    private int RowStart { get; set; }

    private int ColStart { get; set; }

    private int RowLimit { get; set; } = InitialRows;

    private int ColLimit { get; set; } = InitialColumns;

    private int RowEnd => Math.Min(RowLimit, Rows.Length);

    private int ColEnd => Math.Min(ColLimit, Columns.Length);

    private string Width => PixelWidth(RowHeaderWidth + Columns.Length * CellSize);

    /// <summary>Width of the sticky row headers in pixels.</summary>
    public const int RowHeaderWidth = 180;

    /// <summary>Height of the sticky column headers in pixels.</summary>
    public const int HeaderHeight = 120;

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_shown is not { InstanceCount: > 0 } || !ShowsHeatMap)
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
        // A scroller observed afresh is a new one, at its top-left corner already: a "reset" after it would throw away
        // a scroll made meanwhile. A change of rows during the start asks for one again.
        _scrollToStart = false;
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

    // Other rows or columns: a window further down could lie past the end of the shorter list, so the view goes
    // back to the top-left corner and the script measures it afresh.
    private void BackToStart()
    {
        _axesStale = true;
        (RowStart, RowLimit, ColStart, ColLimit) = (0, InitialRows, 0, InitialColumns);
        (ActiveRow, ActiveColumn) = (0, 0);
        _scrollToStart = true;
    }

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
}
