using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>
/// A view's aggregated table (<see cref="MatrixGrid.Aggregated"/>) of a large estate, computed off the circuit. A table
/// of 10,000 instances takes about a second, more while the draft's lint runs: computed in the render, it would hold
/// the whole page (tabs, preview, typing) until it is in, with nothing on screen to say why. One per view.
/// </summary>
/// <param name="rerender">Renders the view again (on its circuit) once a table it waited for is in.</param>
public sealed class BackgroundTable(Func<Task> rerender)
{
    // A class: the background sets the last one computed while the circuit reads it.
    private sealed record Request(MatrixGrid Grid, AggregateChoice Level, string Scope, Traffic? Filter, string RowSearch, string ColumnSearch);

    private Request? _computing, _computed;

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
            _ = ComputeAsync(request, Table);
        }
        return null;
    }

    private async Task ComputeAsync(Request request, Func<AggregatedMatrix> table)
    {
        try
        {
            await Task.Run(table);
        }
        catch (Exception)
        {
            // The render asks again and meets the failure.
        }
        Volatile.Write(ref _computed, request);
        await rerender();
    }
}
