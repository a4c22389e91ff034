using System.Globalization;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>
/// A view's grid (<see cref="MatrixGrid.For"/>) and aggregated table (<see cref="MatrixGrid.Aggregated"/>) of a large
/// estate, computed off the circuit. A table of 10,000 instances takes about a second, more while the draft's lint runs,
/// and the grid of each edited version a few hundred ms: computed in the render, they would hold the whole page (tabs,
/// preview, typing) until they are in, with nothing on screen to say why. One per view.
/// </summary>
/// <param name="rerender">Renders the view again (on its circuit) once a grid or table it waited for is in.</param>
public sealed class BackgroundTable(Func<Task> rerender)
{
    // A class: the background sets the last one computed while the circuit reads it.
    private sealed record Request(MatrixGrid Grid, AggregateChoice Level, string Scope, Traffic? Filter, string RowSearch, string ColumnSearch);

    private Request? _computing, _computed;
    private ReachabilityEngine? _building, _built;

    /// <summary>
    /// The grid of <paramref name="engine"/>'s snapshot, when it answers at once (built already, or an estate of
    /// <paramref name="atOnceUpTo"/> instances or fewer, built here); otherwise null while it is built, and the view is
    /// rendered again once it is in. A build that failed answers "at once" with its failure, as the render always met it.
    /// </summary>
    public MatrixGrid? GridOf(ReachabilityEngine engine, int atOnceUpTo)
    {
        if (engine.Estate.Instances.Length <= atOnceUpTo || MatrixGrid.IsBuilt(engine) || ReferenceEquals(engine, Volatile.Read(ref _built)))
            return MatrixGrid.For(engine);
        if (!ReferenceEquals(_building, engine))
        {
            _building = engine;
            _ = InBackgroundAsync(() => _ = MatrixGrid.For(engine).Endpoints, () => Volatile.Write(ref _built, engine));
        }
        return null;
    }

    /// <summary>
    /// The table, when it answers at once (computed already, or an estate of <paramref name="atOnceUpTo"/> instances or
    /// fewer, computed here); otherwise null while it is computed, and the view is rendered again once it is in. A
    /// computation that failed answers "at once" with its failure, as the render always met it.
    /// </summary>
    public AggregatedMatrix? Get(MatrixGrid grid, int atOnceUpTo, AggregateChoice level, string scope, IEnumerable<NetworkInterface> members,
        Traffic? filter, string rowSearch = "", string columnSearch = "")
    {
        AggregatedMatrix Table() => grid.Aggregated(level, scope, members, filter, AggregatedMatrixTable.MaxShown, rowSearch, columnSearch);
        var request = new Request(grid, level, scope, filter, rowSearch, columnSearch);
        if (grid.InstanceCount <= atOnceUpTo || request == Volatile.Read(ref _computed)
            || grid.IsComputed(level, scope, filter, AggregatedMatrixTable.MaxShown, rowSearch, columnSearch))
            return Table();
        if (_computing != request)
        {
            _computing = request;
            _ = InBackgroundAsync(() => Table(), () => Volatile.Write(ref _computed, request));
        }
        return null;
    }

    /// <summary>
    /// What a view says while its table, or the grid under it, is computed ("Computing the matrix by subnet for 10,000
    /// instances…"), with the level when aggregated and the count when known.
    /// </summary>
    public static string ComputingText(string what, AggregateChoice? level, int? instances) =>
        $"Computing the {what}"
        + (level is { IsAggregated: true } aggregated ? $" by {aggregated.Label}" : "")
        + (instances is { } count ? $" for {count.ToString("N0", CultureInfo.InvariantCulture)} instances" : "")
        + "…";

    private async Task InBackgroundAsync(Action work, Action done)
    {
        try
        {
            await Task.Run(work);
        }
        catch (Exception)
        {
            // The render asks again and meets the failure.
        }
        done();
        await rerender();
    }
}
