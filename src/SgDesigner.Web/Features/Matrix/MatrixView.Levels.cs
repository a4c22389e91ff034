using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Matrix;

public sealed partial class MatrixView
{
    private readonly List<MatrixZoomStep> _zoom = [];
    private AggregateChoice? _level;
    private IReadOnlyList<NetworkInterface>? _zoomMembers;
    private HashSet<string>? _zoomEniIds;
    private bool _zoomStale = true;

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
    // Known from the estate alone while the grid is built, so that the status says it from the start.
    private AggregateChoice OpeningLevel() => InstanceCount <= LargeEstate ? AggregateChoice.Instance
        : _current?.CoarsestLevel ?? MatrixGrid.CoarsestLevelOf(Session.Engine.Estate);

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
    private AggregatedMatrix? ShownTable() => _current is null ? null :
        _table.Get(Grid, LargeEstate, ShownLevel, string.Join("/", _zoom.Select(z => z.Level.Value + "=" + z.Key)),
            ZoomMembers ?? Grid.InstanceEnis, Filter.Traffic, RowSearch, ColumnSearch);

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
}
