using System.Collections.Immutable;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Matrix;

namespace SgDesigner.Web.Features.Designer;

public sealed partial class DesignSession
{
    /// <summary>Whether the session prepares the matrix's tables of what it shows (a draft of more than <see cref="LintAfterShowing"/> instances).</summary>
    public bool PreparesMatrix => Estate.Instances.Length > LintAfterShowing;

    // A large draft's background work, in the order a user meets it, since on two cores each part slows the others: the
    // matrix's opening table first (a user clicking the Matrix tab at once waits on nothing else), then the lint (whose
    // task this returns: the findings panel says it is checking meanwhile), then the matrix's other levels while the
    // engine is still the draft's newest (an edit stored replaces it in `prepared`).
    private Task<ImmutableArray<Finding>> PrepareLarge(Estate estate, ReachabilityEngine engine, LintOptions options)
    {
        LargePreparations++;
        var lint = MatrixGrid.PrepareOpeningTableAsync(engine, MatrixView.LargeEstate)
            .ContinueWith(_ => Linter.Lint(estate, engine, options), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        _ = lint.ContinueWith(_ => MatrixGrid.PrepareOtherLevels(engine, MatrixView.LargeEstate, () => prepared.Holds(engine)),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return lint;
    }

    /// <summary>How many times this session started a large draft's background work (its matrix tables and lint): for tests.</summary>
    internal int LargePreparations { get; private set; }

    // The content just stored is what the store now hands out for the draft's version: a reload finds its engine and
    // findings (or shares their computation).
    private void KeepPrepared() => prepared.Keep(new PreparedDraft(Info!.Id, Estate, Engine, _lint, _lintOptions));

    /// <summary>
    /// For the page's first, prerendered request: when the user may view the draft, starts reading it, building its
    /// engine and linting it on the server (kept in <see cref="PreparedDrafts"/>) while the browser starts the circuit,
    /// about half a second; the circuit's <see cref="LoadAsync"/> then waits for the read and the engine instead of doing
    /// them again, and shares the lint. Completes once the preparation is started.
    /// </summary>
    public async Task PrepareAheadAsync(Guid draftId, CancellationToken ct = default)
    {
        if (await ViewRefusalAsync(draftId, ct) is not null)
            return;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Singletons only from here on: the request that started it may be over.
        prepared.Ahead(draftId, async () =>
        {
            // One read of the draft's row, with its content. Only an open draft's content is kept by the store, the same
            // instance for every reader: a closed one, read afresh by each load, is not read here (nor at each request for its page).
            if (await store.GetOpenDraftAsync(draftId) is not { } draft || await settings.GetAsync(draft.Info.PolicyId) is not { IsOk: true } policySettings)
                return;
            var (estate, options) = (draft.Estate, new LintOptions(today, policySettings.Value.RequireJustification));
            // Kept already (a reload), or newer content kept meanwhile (an edit stored): nothing to build.
            if (prepared.Find(estate, options) is not null || prepared.Overtaken(draftId))
                return;
            var engine = ReachabilityEngine.Build(estate);
            if (estate.Instances.Length <= LintAfterShowing)
            {
                var findings = Task.FromResult(Linter.Lint(estate, engine, options));
                prepared.KeepAhead(draftId, () => new PreparedDraft(draftId, estate, engine, findings, options));
            }
            else
            {
                // A large draft's matrix table and lint start only once kept: overtaken while the engine was built, they would be thrown away.
                prepared.KeepAhead(draftId, () => new PreparedDraft(draftId, estate, engine, PrepareLarge(estate, engine, options), options));
            }
        });
    }
}
