using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Matrix;

namespace SgDesigner.Web.Features.Graph;

/// <summary>
/// The graph of the instances aggregated by VPC, subnet, group or a tag (the aggregated matrix drawn as nodes and
/// arrows): a node per aggregate with its instance count, an arrow where some ordered pair of distinct instances allows
/// something, labelled "all" or "some (n of m)" with the ports; no arrow where none does. Clicking a node zooms into it
/// (a VPC into its subnets, anything else into its instances); the breadcrumb goes back.
/// </summary>
public sealed partial class AggregatedGraph : IDisposable
{
    /// <summary>At most this many nodes are drawn; more are listed in the table of arrows only.</summary>
    public const int MaxDrawn = 40;

    /// <summary>At most this many arrows are listed in the table.</summary>
    public const int MaxListed = 300;

    private const double Size = 640, Radius = 250, NodeRadius = 34;

    private readonly List<MatrixZoomStep> _zoom = [];
    private AggregateChoice? _level;
    private MatrixGrid? _grid;

    [Inject]
    private DesignSession Session { get; set; } = default!;

    // As the matrix's: a draft of more than DesignSession.LintAfterShowing instances has its grid built off the circuit
    // (null meanwhile), so that the render after an edit never waits for it.
    private MatrixGrid? ReadyGrid => _grid ??= _table.GridOf(Session.Engine, DesignSession.LintAfterShowing);

    // The grid, where the render has checked that it is built.
    private MatrixGrid Grid => ReadyGrid ?? throw new InvalidOperationException("the matrix grid is read before it is built");

    // What the status says while the table or the grid is computed (the count unless zoomed into a grid not built yet).
    private string ComputingText => ReadyGrid is null
        ? BackgroundTable.ComputingText("graph", ShownLevel, _zoom.Count == 0 ? Session.Engine.Estate.Instances.Length : null)
        : BackgroundTable.ComputingText("graph", ShownLevel, ZoomMembers?.Count ?? Grid.InstanceCount);

    // The level the user chose, else the coarsest with more than one aggregate (VPC, subnet, group, then tags); known
    // from the estate alone while the grid is built, so that the status says it from the start.
    private AggregateChoice Level => _level ??= ReadyGrid?.CoarsestLevel ?? MatrixGrid.CoarsestLevelOf(Session.Engine.Estate);

    private IEnumerable<AggregateChoice> Levels => Grid.AggregatedLevels;

    // The level shown: the chosen one, or below the last zoom step (a VPC's subnets, then each subnet's instances).
    private AggregateChoice ShownLevel => _zoom.Count == 0 ? Level : _zoom[^1].Level.Next;

    private IReadOnlyList<NetworkInterface>? ZoomMembers => _zoom.Count == 0 ? null : Grid.MembersOf(_zoom);

    private AggregatedMatrix? Aggregated
    {
        get
        {
            if (Grid.InstanceCount == 0)
                return null;
            while (_zoom.Count > 0 && Grid.MembersOf(_zoom) is null)
                _zoom.RemoveAt(_zoom.Count - 1); // an edit removed the zoomed aggregate's last instance
            var scope = string.Join("/", _zoom.Select(z => z.Level.Value + "=" + z.Key));
            // As many nodes as the matrix has rows (the rest as one), so both views share one computation; null while a
            // large estate's is computed.
            return _table.Get(Grid, MatrixView.LargeEstate, ShownLevel, scope, ZoomMembers ?? Grid.InstanceEnis, null);
        }
    }

    private readonly BackgroundTable _table;

    /// <summary>A graph of the session's draft.</summary>
    public AggregatedGraph() => _table = new(() => InvokeAsync(StateHasChanged));

    /// <summary>An arrow of the aggregated graph: the ordered pairs from one aggregate to another (or within one) that allow something.</summary>
    internal sealed record AggregateEdge(int From, int To, AggregateCell Cell)
    {
        /// <summary>"all · tcp 443" or "some (3 of 8 pairs) · tcp 22, tcp 443".</summary>
        public string Label => $"{Cell.ExtentText} · {(Cell.Allowed.IsAll ? "every protocol and port" : Cell.Allowed.ToString())}";
    }

    /// <summary>Every arrow of <paramref name="matrix"/>: its cells where some pair allows something (none are omitted).</summary>
    internal static List<AggregateEdge> EdgesOf(AggregatedMatrix matrix)
    {
        var edges = new List<AggregateEdge>();
        for (var r = 0; r < matrix.Rows.Length; r++)
        {
            for (var c = 0; c < matrix.Columns.Length; c++)
            {
                if (matrix.Cell(r, c).Extent != AggregateExtent.None)
                    edges.Add(new AggregateEdge(r, c, matrix.Cell(r, c)));
            }
        }
        return edges;
    }

    private static (double X, double Y) Place(int index, int count)
    {
        if (count == 1)
            return (Size / 2, Size / 2);
        var angle = 2 * Math.PI * index / count - Math.PI / 2;
        return (Size / 2 + Radius * Math.Cos(angle), Size / 2 + Radius * Math.Sin(angle));
    }

    // An arrow from the edge of one circle to the edge of the other; the two directions between a pair are drawn apart.
    private static string Line(int from, int to, int count)
    {
        var (ax, ay) = Place(from, count);
        var (bx, by) = Place(to, count);
        var (dx, dy) = (bx - ax, by - ay);
        var length = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
        var (ux, uy) = (dx / length, dy / length);
        var (ox, oy) = (-uy * 6, ux * 6);
        return F($"M {ax + ux * NodeRadius + ox} {ay + uy * NodeRadius + oy} L {bx - ux * (NodeRadius + 4) + ox} {by - uy * (NodeRadius + 4) + oy}");
    }

    private static (double X, double Y) LabelAt(int from, int to, int count)
    {
        var (ax, ay) = Place(from, count);
        var (bx, by) = Place(to, count);
        var (dx, dy) = (bx - ax, by - ay);
        var length = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
        return ((ax + bx) / 2 - dy / length * 14, (ay + by) / 2 + dx / length * 14);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Short(string label) => label.Length <= 18 ? label : label[..17] + "…";

    private void SetLevel(ChangeEventArgs e)
    {
        if (AggregateChoice.Parse(e.Value as string) is not { IsAggregated: true } level)
            return;
        _level = level;
        _zoom.Clear();
    }

    private void ZoomInto(MatrixAggregate aggregate)
    {
        if (!ShownLevel.IsAggregated || aggregate.Key == AggregateLevel.Others)
            return; // an instance is as far as the zoom goes; the rest of a collapsed level is no aggregate to zoom into
        _zoom.Add(new MatrixZoomStep(ShownLevel, aggregate.Key, aggregate.Label));
    }

    // A node is a button for the keyboard too: Enter or Space zooms into it.
    private void OnNodeKey(KeyboardEventArgs e, MatrixAggregate aggregate)
    {
        if (e.Key is "Enter" or " ")
            ZoomInto(aggregate);
    }

    private void ZoomOutTo(int steps) => _zoom.RemoveRange(steps, _zoom.Count - steps);

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(() =>
    {
        _grid = null;
        StateHasChanged();
    });

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
