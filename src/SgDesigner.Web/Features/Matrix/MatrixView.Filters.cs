using System.Collections.Immutable;

namespace SgDesigner.Web.Features.Matrix;

public sealed partial class MatrixView
{
    private ImmutableArray<MatrixEndpoint> _rows = [], _columns = [];
    private bool _axesStale = true;

    private string Protocol { get; set; } = "any";

    private string Port { get; set; } = "";

    private MatrixFilter Filter { get; set; } = MatrixFilter.AnyTraffic;

    private string? FilterError { get; set; }

    private string RowSearch { get; set; } = "";

    private string ColumnSearch { get; set; } = "";

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
}
