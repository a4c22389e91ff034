using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>A row or column of the matrix: an instance, or an endpoint outside the estate.</summary>
/// <param name="Id">The instance id, or the outside endpoint's label.</param>
/// <param name="Label">An instance's Name tag or id; a named range's name, a prefix list's name, otherwise the CIDR.</param>
/// <param name="Choice">How the preview's pickers list it ("name (id)", "Office (203.0.113.0/24)"), which the preview resolves back.</param>
/// <param name="Class">The matrix class of an instance's primary ENI, or -1 (none, or outside).</param>
/// <param name="Eni">An instance's primary ENI, or null.</param>
/// <param name="Outside">The outside endpoint, or null for an instance.</param>
public sealed record MatrixEndpoint(string Id, string Label, string Choice, int Class, NetworkInterface? Eni = null, OutsideEndpoint? Outside = null);

/// <summary>One step of a zoom: the aggregate (by its key) of one level that the view narrowed to.</summary>
/// <param name="Level">The level the aggregate was shown at.</param>
/// <param name="Key">Its key (VPC id, subnet id, tag value, group id).</param>
/// <param name="Label">Its label, for the breadcrumb.</param>
public sealed record MatrixZoomStep(AggregateChoice Level, string Key, string Label);

/// <summary>
/// The instances of one engine snapshot in display order, each with the equivalence class of its primary ENI, then
/// every outside endpoint of the policy (the internet, named ranges, every CIDR and prefix list a rule names), and the
/// cells read from the engine's matrix per class pair as they are shown. A 500 × 500 matrix of a few hundred classes
/// needs only the pairs on screen, so cells are computed on first read and kept until the snapshot changes.
/// </summary>
public sealed class MatrixGrid
{
    private readonly ReachabilityEngine? _engine;
    private readonly ReachabilityMatrix? _matrix;
    private readonly Dictionary<(int From, int To), TrafficSet> _cells = [];
    private readonly Dictionary<(int Class, IpFamily? Family, string Outside, Direction Direction), TrafficSet> _outsideCells = [];
    private readonly Dictionary<(string Level, string Scope, Traffic? Filter, int Limit, string RowSearch, string ColumnSearch), Lazy<AggregatedMatrix>> _aggregated = [];
    private readonly Lazy<ImmutableArray<MatrixEndpoint>> _endpoints;

    private MatrixGrid(ReachabilityEngine? engine, ReachabilityMatrix? matrix, Func<ImmutableArray<MatrixEndpoint>> endpoints, int instanceCount)
    {
        _engine = engine;
        _matrix = matrix;
        _endpoints = new(endpoints);
        InstanceCount = instanceCount;
    }

    /// <summary>
    /// Every instance, by label then id, then the outside endpoints. Made on first read: the aggregated views need only
    /// <see cref="InstanceEnis"/>, and a large estate's opening table is not held up by sorting 10,000 labels
    /// (<see cref="PrepareOpeningTableAsync"/> makes them after it, off the circuit).
    /// </summary>
    public ImmutableArray<MatrixEndpoint> Endpoints => _endpoints.Value;

    /// <summary>How many of <see cref="Endpoints"/> are instances (the first ones).</summary>
    public int InstanceCount { get; }

    // One grid per engine snapshot, shared by the matrix and the aggregated graph: a 10,000-instance estate's aggregated
    // matrix is computed once per snapshot, level, zoom and filter, whichever view asks first. Lazy: the grid itself
    // (a few hundred ms at that size) is built once too, when a view's background build and the draft's preparation ask at once.
    private static readonly ConditionalWeakTable<ReachabilityEngine, Lazy<MatrixGrid>> Shared = new();

    /// <summary>The grid of <paramref name="engine"/>'s snapshot, shared by every view of that snapshot (one circuit's views run one at a time).</summary>
    public static MatrixGrid For(ReachabilityEngine engine) => Shared.GetValue(engine, e => new Lazy<MatrixGrid>(() => Of(e))).Value;

    /// <summary>Whether <see cref="For"/> answers at once for <paramref name="engine"/>: its grid is built (a build that failed is not).</summary>
    public static bool IsBuilt(ReachabilityEngine engine) => Shared.TryGetValue(engine, out var grid) && grid.IsValueCreated;

    /// <summary>Raised as a grid starts being built, on the thread that builds it: for tests (where a render must not wait for it).</summary>
    internal static event Action<ReachabilityEngine>? Building;

    /// <summary>A new grid of <paramref name="engine"/>'s snapshot.</summary>
    public static MatrixGrid Of(ReachabilityEngine engine)
    {
        Building?.Invoke(engine);
        var estate = engine.Estate;
        if (estate.Instances.IsEmpty)
            return new MatrixGrid(null, null, () => [], 0);
        var matrix = engine.Matrix();
        return new MatrixGrid(engine, matrix, () => EndpointsOf(estate, matrix), estate.Instances.Length);
    }

    private static ImmutableArray<MatrixEndpoint> EndpointsOf(Estate estate, ReachabilityMatrix matrix)
    {
        var primary = PrimaryEnis(estate);
        var instances = estate.Instances
            .Select(i => new MatrixEndpoint(
                i.Id,
                i.Name ?? i.Id,
                i.Name is null ? i.Id : $"{i.Name} ({i.Id})",
                primary.TryGetValue(i.Id, out var eni) ? matrix.ClassOf(eni.Id) : -1,
                eni))
            .OrderBy(i => i.Label, StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.Id, StringComparer.Ordinal);
        var names = OutsideEndpoints.NamedBlocks([estate]);
        var outside = OutsideEndpoints.Of(estate).Select(o => (Endpoint: o, Label: OutsideLabel(estate, names, o))).ToList();
        // A name given to two blocks (internet: 0.0.0.0/0 and ::/0) keeps its block beside it, so each label is one endpoint.
        var shared = outside.CountBy(o => o.Label).Where(c => c.Value > 1).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var outsideRows = outside.Select(o => new MatrixEndpoint(
            o.Endpoint.Label, shared.Contains(o.Label) ? o.Endpoint.Label : o.Label, o.Endpoint.Label, -1, Outside: o.Endpoint));
        return [.. instances, .. outsideRows];
    }

    // An instance stands for its primary ENI (device index 0, else the lowest), as the preview resolves it.
    private static Dictionary<string, NetworkInterface> PrimaryEnis(Estate estate) => estate.NetworkInterfaces
        .Where(e => e.InstanceId is not null)
        .GroupBy(e => e.InstanceId!)
        .ToDictionary(g => g.Key, g => g.MinBy(e => e.DeviceIndex ?? int.MaxValue)!);

    /// <summary>The primary ENIs of the instances, in the estate's order, which the aggregated views group (an instance counts once).</summary>
    public ImmutableArray<NetworkInterface> InstanceEnis => _engine is null ? [] : InstanceEnisOf(_engine.Estate);

    private static ImmutableArray<NetworkInterface> InstanceEnisOf(Estate estate) => InstanceEnisKept.GetValue(estate, e =>
    {
        var primary = PrimaryEnis(e);
        return new([.. e.Instances.Select(i => primary.GetValueOrDefault(i.Id)).OfType<NetworkInterface>()]);
    }).Value;

    /// <summary>The tag keys of the estate's instances, for "aggregate by tag".</summary>
    public ImmutableArray<string> TagKeys => _engine is null ? [] : TagKeysOf(_engine.Estate);

    // The level selector reads them on every render, the opening level once per view: at 10,000 instances each is a pass
    // over every instance's tags or ENIs, so each is kept per estate (an edit makes a new estate).
    private static readonly ConditionalWeakTable<Estate, StrongBox<ImmutableArray<string>>> TagKeysKept = new();
    private static readonly ConditionalWeakTable<Estate, AggregateChoice> CoarsestKept = new();
    private static readonly ConditionalWeakTable<Estate, StrongBox<ImmutableArray<NetworkInterface>>> InstanceEnisKept = new();

    private static ImmutableArray<string> TagKeysOf(Estate estate) =>
        TagKeysKept.GetValue(estate, e => new(e.Instances.IsEmpty ? [] : AggregateLevel.TagKeys(e))).Value;

    /// <summary>
    /// The aggregated matrix of <paramref name="members"/> (primary ENIs) grouped at <paramref name="level"/>: rows are
    /// the aggregates whose label contains <paramref name="rowSearch"/>, columns those matching
    /// <paramref name="columnSearch"/>, each axis collapsed to at most <paramref name="limit"/>
    /// (<see cref="AggregateLevel.Collapsed"/>: the largest, then the rest as one). Computed once per snapshot, scope
    /// (<paramref name="scope"/> names the members), filter, searches and limit: changing the level, zooming or going
    /// back reuses the engine's matrix and every table already computed.
    /// </summary>
    public AggregatedMatrix Aggregated(AggregateChoice level, string scope, IEnumerable<NetworkInterface> members, Traffic? filter,
        int limit, string rowSearch = "", string columnSearch = "")
    {
        var (rowText, columnText) = (rowSearch.Trim(), columnSearch.Trim());
        var key = TableKey(level, scope, filter, limit, rowSearch, columnSearch);
        Lazy<AggregatedMatrix>? table;
        // Each table is computed once, outside the lock: two levels asked at once (a view and the background
        // preparation) compute side by side, and a second request for the same table waits for the first.
        lock (_aggregated)
        {
            if (!_aggregated.TryGetValue(key, out table))
            {
                if (_engine is null || _matrix is null)
                    throw new InvalidOperationException("an estate without instances has no aggregated matrix");
                var (estate, matrix) = (_engine.Estate, _matrix);
                var snapshot = members.ToList();
                _aggregated[key] = table = new Lazy<AggregatedMatrix>(() =>
                {
                    var aggregates = AggregateLevel.Of(estate, snapshot, level.By, level.TagKey);
                    var rows = AggregateLevel.Collapsed(Matching(aggregates, rowText), limit, level.OthersLabel);
                    var columns = columnText == rowText ? rows : AggregateLevel.Collapsed(Matching(aggregates, columnText), limit, level.OthersLabel);
                    return MatrixAggregation.Aggregate(matrix, rows, columns, filter);
                });
            }
        }
        return table.Value;
    }

    /// <summary>
    /// Whether <see cref="Aggregated"/> with these arguments would answer at once: the table is computed (a table whose
    /// computation failed is not; asking for it meets the failure).
    /// </summary>
    public bool IsComputed(AggregateChoice level, string scope, Traffic? filter, int limit, string rowSearch = "", string columnSearch = "")
    {
        lock (_aggregated)
            return _aggregated.TryGetValue(TableKey(level, scope, filter, limit, rowSearch, columnSearch), out var table) && table.IsValueCreated;
    }

    /// <summary>Whether the whole estate's table at <paramref name="level"/> (no zoom, filter nor search) is computed.</summary>
    public bool IsPrepared(AggregateChoice level) => IsComputed(level, "", null, AggregatedMatrixTable.MaxShown);

    private static (string, string, Traffic?, int, string, string) TableKey(AggregateChoice level, string scope, Traffic? filter, int limit,
        string rowSearch, string columnSearch) => (level.Value, scope, filter, limit, rowSearch.Trim(), columnSearch.Trim());

    private static List<MatrixAggregate> Matching(IEnumerable<MatrixAggregate> aggregates, string text) =>
        [.. aggregates.Where(a => text.Length == 0 || a.Label.Contains(text, StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// The primary ENIs inside a zoom: the instances' ENIs narrowed step by step to the aggregate of each step's key at
    /// its level; null when a step's aggregate is gone (an edit removed its last instance).
    /// </summary>
    public IReadOnlyList<NetworkInterface>? MembersOf(IReadOnlyList<MatrixZoomStep> path)
    {
        IReadOnlyList<NetworkInterface> members = [.. InstanceEnis];
        foreach (var step in path)
        {
            if (_engine is null)
                return null;
            var aggregate = AggregateLevel.Of(_engine.Estate, members, step.Level.By, step.Level.TagKey).FirstOrDefault(a => a.Key == step.Key);
            if (aggregate is null)
                return null;
            var ids = aggregate.EniIds.ToHashSet(StringComparer.Ordinal);
            members = [.. members.Where(e => ids.Contains(e.Id))];
        }
        return members;
    }

    /// <summary>The levels the aggregated views offer, coarsest first: VPC, subnet, security group, then each tag key.</summary>
    public IEnumerable<AggregateChoice> AggregatedLevels => AggregatedLevelsOf(TagKeys);

    /// <summary>The levels the aggregated views offer for <paramref name="estate"/>, read from it alone (while its grid is built).</summary>
    public static IEnumerable<AggregateChoice> AggregatedLevelsOf(Estate estate) => AggregatedLevelsOf(TagKeysOf(estate));

    private static IEnumerable<AggregateChoice> AggregatedLevelsOf(ImmutableArray<string> tagKeys) =>
        [AggregateChoice.Vpc, AggregateChoice.Subnet, AggregateChoice.Group, .. tagKeys.Select(k => new AggregateChoice(AggregateBy.Tag, k))];

    /// <summary>Where the aggregated views open: the coarsest level with more than one aggregate (VPC when none has).</summary>
    public AggregateChoice CoarsestLevel => _engine is null ? AggregateChoice.Vpc : CoarsestLevelOf(_engine.Estate);

    /// <summary>
    /// <see cref="CoarsestLevel"/> read from <paramref name="estate"/> alone (its instances' primary ENIs grouped, without
    /// the engine's matrix the grid waits for): the level a view says, and offers, it opens at while the grid is built.
    /// </summary>
    public static AggregateChoice CoarsestLevelOf(Estate estate) => CoarsestKept.GetValue(estate, e =>
        AggregatedLevelsOf(e).FirstOrDefault(l => AggregateLevel.Of(e, InstanceEnisOf(e), l.By, l.TagKey).Length > 1) ?? AggregateChoice.Vpc);

    /// <summary>The table the views open at: the whole estate at its coarsest level, unfiltered (computed once, then kept).</summary>
    public AggregatedMatrix OpeningTable() => Aggregated(CoarsestLevel, "", InstanceEnis, null, AggregatedMatrixTable.MaxShown);

    /// <summary>
    /// For an estate of more than <paramref name="largeEstate"/> instances, computes off the caller's thread the grid of
    /// <paramref name="engine"/>'s snapshot, the table the views open at, then every other level's, so that the Matrix
    /// or graph tab and a change of level find them ready (a view asking meanwhile waits for the same computation
    /// instead of starting its own). Stops once <paramref name="isCurrent"/> says the snapshot is no longer shown (an
    /// edit). A failure here shows again, and is reported, when a view asks.
    /// </summary>
    public static void PrepareOpening(ReachabilityEngine engine, int largeEstate, Func<bool> isCurrent) =>
        PrepareOpeningTableAsync(engine, largeEstate).ContinueWith(_ => PrepareOtherLevels(engine, largeEstate, isCurrent), TaskScheduler.Default);

    /// <summary>
    /// The first half of <see cref="PrepareOpening"/>: the grid and the table the views open at, off the caller's
    /// thread; completes when they are ready, at once for an estate of <paramref name="largeEstate"/> instances or fewer
    /// (its matrix opens as a heat map). Never faults: a failure is kept in the table and shows when a view asks.
    /// </summary>
    public static Task PrepareOpeningTableAsync(ReachabilityEngine engine, int largeEstate)
    {
        if (engine.Estate.Instances.Length <= largeEstate)
            return Task.CompletedTask;
        return Task.Run(() =>
        {
            try
            {
                var grid = For(engine);
                grid.OpeningTable();
                // The heat map's rows, which a view of this estate at the instance level reads.
                _ = grid.Endpoints;
            }
            catch (Exception)
            {
                // The view that asks meets the same failure (kept in the table's Lazy, or met again building the grid) and reports it.
            }
        });
    }

    /// <summary>
    /// The second half of <see cref="PrepareOpening"/>: every level but the opening one, one after another on this
    /// thread, while <paramref name="isCurrent"/>; nothing for an estate of <paramref name="largeEstate"/> instances or fewer.
    /// </summary>
    public static void PrepareOtherLevels(ReachabilityEngine engine, int largeEstate, Func<bool> isCurrent)
    {
        if (engine.Estate.Instances.Length <= largeEstate)
            return;
        var grid = For(engine);
        foreach (var level in grid.AggregatedLevels.Where(l => l != grid.CoarsestLevel))
        {
            if (!isCurrent())
                return;
            try
            {
                grid.Aggregated(level, "", grid.InstanceEnis, null, AggregatedMatrixTable.MaxShown);
            }
            catch (Exception)
            {
                // As above: a view asking for this level reports it.
            }
        }
    }

    // Once, as people call it: a named range by its name, a prefix list by its name, otherwise the CIDR.
    private static string OutsideLabel(Estate estate, Dictionary<Cidr, string> names, OutsideEndpoint endpoint) =>
        endpoint.PrefixListId is { } list
            ? estate.PrefixLists.FirstOrDefault(l => l.Id == list)?.Name ?? list
            : names.GetValueOrDefault(endpoint.Block) ?? endpoint.Block.ToString();

    /// <summary>
    /// What <paramref name="from"/> may open to <paramref name="to"/> on their primary private IPs; with an outside
    /// endpoint, what the instance's own rules allow with all of it; null when both are outside (no rule applies).
    /// </summary>
    public TrafficSet? Allowed(MatrixEndpoint from, MatrixEndpoint to)
    {
        if (from.Outside is not null && to.Outside is not null)
            return null;
        if (_matrix is null || from.Class < 0 && from.Outside is null || to.Class < 0 && to.Outside is null)
            return TrafficSet.Empty;
        if (from.Outside is { } source)
            return OutsideCell(to, source, Direction.Inbound);
        if (to.Outside is { } destination)
            return OutsideCell(from, destination, Direction.Outbound);
        var key = (from.Class, to.Class);
        if (!_cells.TryGetValue(key, out var set))
            _cells[key] = set = _matrix.Allowed(from.Class, to.Class);
        return set;
    }

    // ENIs of one class carry the same groups in the same VPC (and sit behind the same ACLs): one computation per class, family, endpoint and direction.
    private TrafficSet OutsideCell(MatrixEndpoint instance, OutsideEndpoint outside, Direction direction)
    {
        var key = (instance.Class, instance.Eni!.PrimaryIp?.Family, outside.Label, direction);
        if (!_outsideCells.TryGetValue(key, out var set))
            _outsideCells[key] = set = OutsideAccess.Allowed(_matrix!, instance.Eni, outside, direction);
        return set;
    }
}
