using Microsoft.Extensions.Logging.Abstractions;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Matrix;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// The part of the warm-up that opens a draft as a user does, off any user's request: a <see cref="DesignSession"/> shows
/// a synthetic draft (its engine, its lint and the matrix's opening table computed as for a real one), then the designer
/// page, its Matrix tab's aggregated table and the aggregated graph are rendered once (<see cref="WarmUpRenderer"/>), so
/// that the first circuit does not also pay for the first render's code (measured: about 0.35 s less of the app's CPU for
/// the first page after a start, of the 0.9 s it added to a later first arrival; what is left, not measured part by part, is
/// likely the first prerendered request, the circuit's and SignalR's first use and the after-render JS interop, which no
/// render off a circuit reaches). Nothing is stored nor shared: the draft is not in the store, the session keeps its
/// engine in a <see cref="PreparedDrafts"/> of its own, and the matrix's tables are kept by that engine, which is dropped
/// with the session.
/// </summary>
internal static class DesignerWarmUp
{
    /// <summary>Runs it on <paramref name="estate"/>; returns the components rendered: how many, and their types.</summary>
    public static async Task<(int Count, IReadOnlySet<Type> Types)> RunAsync(IServiceProvider services, Estate estate, CancellationToken ct)
    {
        await OptimizeAsync(estate, ct);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        // A fresh id, for a draft no store holds: nothing keyed by it can meet a real draft.
        var now = DateTime.UtcNow;
        var info = new DraftInfo(Guid.NewGuid(), Guid.NewGuid(), 1, "Warm-up", "warm-up", DraftStatus.Open, null, 1, now, now);
        WarmUpServices.ForCircuit(provider, info.Id);
        // Made here, not resolved from the scope: the scope's would keep the synthetic draft in the server's PreparedDrafts.
        using var session = ActivatorUtilities.CreateInstance<DesignSession>(provider, new PreparedDrafts(NullLogger<PreparedDrafts>.Instance));
        session.ShowUnstored(info, estate);
        ct.ThrowIfCancellationRequested();
        // The opening table before the render, as a large draft's session prepares it: the view then renders the table at
        // once (not its "computing" line, with the table in the background after the render is over).
        MatrixGrid.For(session.Engine).OpeningTable();
        ct.ThrowIfCancellationRequested();
        await using var renderer = new WarmUpRenderer(new WarmUpServices(provider, session), provider.GetRequiredService<ILoggerFactory>());
        await renderer.RenderAsync<DesignerWarmUpView>(new Dictionary<string, object?> { [nameof(DesignerWarmUpView.DraftId)] = info.Id });
        return (renderer.Components, renderer.Types);
    }

    // A draft's engine and opening table run once per draft, and their per-class and per-cell code ran unoptimized on a
    // large draft's first arrival (the runtime optimizes a method once it has been called 30 times after a pause in
    // compiling new code). Built a few times here, a moment apart, on the synthetic estate, that code is optimized before.
    private static async Task OptimizeAsync(Estate estate, CancellationToken ct)
    {
        for (var round = 0; round < OptimizeRounds; round++)
        {
            MatrixGrid.For(ReachabilityEngine.Build(estate)).OpeningTable();
            await Task.Delay(OptimizePause, ct);
        }
    }

    private const int OptimizeRounds = 6;

    private static readonly TimeSpan OptimizePause = TimeSpan.FromMilliseconds(120);
}
