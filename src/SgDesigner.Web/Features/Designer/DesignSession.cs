using System.Collections.Immutable;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Matrix;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The draft being designed in one circuit: its content, the version to send with the next edit, the
/// reachability engine and the lint findings of that content. Every edit is shown at once and goes to
/// <see cref="DraftEditor"/> at once, one at a time; on a stale version the draft is reloaded and the edit is
/// refused, never written over the other one; an edit the store refuses is taken back from the screen.
/// The circuit's user must be allowed to view the policy to load it, and to edit it for every edit: the role is
/// checked again before each write, so a role taken away stops the next edit.
/// </summary>
public sealed class DesignSession(
    PolicyStore store, PolicyAccess access, CircuitCaller circuit, DraftEditor editor, PolicySettingsStore settings, PreparedDrafts prepared,
    TimeProvider clock) : IDisposable
{
    /// <summary>The draft's metadata, or null before <see cref="LoadAsync"/> succeeded.</summary>
    public DraftInfo? Info { get; private set; }

    /// <summary>
    /// The draft's content as stored at <see cref="DraftInfo.Version"/>, plus the edit in flight while
    /// <see cref="Storing"/>.
    /// </summary>
    public Estate Estate { get; private set; } = Estate.Empty;

    /// <summary>The engine of <see cref="Estate"/>; updated incrementally after each edit.</summary>
    public ReachabilityEngine Engine { get; private set; } = ReachabilityEngine.Build(Estate.Empty);

    /// <summary>Linter findings for <see cref="Estate"/>; empty while <see cref="Linting"/>.</summary>
    public ImmutableArray<Finding> Findings { get; private set; } = [];

    /// <summary>
    /// True while the findings of a large draft just loaded (and of the edits made since) are computed, off the circuit:
    /// the page shows the draft, and stores edits, without waiting for them (<see cref="LintAfterShowing"/>);
    /// <see cref="Changed"/> tells when they are in.
    /// </summary>
    public bool Linting { get; private set; }

    /// <summary>Drafts of more instances than this are shown before their whole findings are computed (about 0.7 s at 10,000).</summary>
    public const int LintAfterShowing = 2_000;

    // The findings of Estate: known, or computed off the circuit (a large draft just loaded, and the edits made since, each
    // linted incrementally from the findings before it once those are in). An edit never waits for them.
    private Task<ImmutableArray<Finding>> _lint = Task.FromResult(ImmutableArray<Finding>.Empty);

    /// <summary>True once a draft is loaded, still open for edits, and the user may edit the policy.</summary>
    public bool CanEdit => Info is { Status: Data.Rows.DraftStatus.Open } && MayEdit;

    /// <summary>Whether the user's role allows editing the policy's drafts (checked at load).</summary>
    public bool MayEdit { get; private set; }

    /// <summary>Whether the user may publish without a change request (owners), checked at load.</summary>
    public bool MayPublish { get; private set; }

    /// <summary>Why the last edit was refused because someone else changed the draft first, or null.</summary>
    public string? Conflict { get; private set; }

    /// <summary>Where the objects this session creates get their ids.</summary>
    public IdSource Ids => editor.Ids;

    /// <summary>Raised when the content or its stored state changed: an edit shown, stored or taken back, a reload.</summary>
    public event Action? Changed;

    /// <summary>Loads the draft; returns why it could not be, or null.</summary>
    public async Task<StoreFailure?> LoadAsync(Guid draftId, CancellationToken ct = default)
    {
        // On the draft's id alone, first: someone who may not view it waits for nothing and reads nothing of it, whose
        // time would tell its size (a member's preparation under way, the content read).
        if (await ViewRefusalAsync(draftId, ct) is { } refused)
            return refused;
        await prepared.WhenAhead(draftId);
        var draft = await store.GetDraftAsync(draftId, ct);
        if (!draft.IsOk)
            return draft.Failure;
        MayEdit = await RefusalAsync(PolicyAction.Edit, draft.Value.Info.PolicyId, ct) is null;
        MayPublish = await RefusalAsync(PolicyAction.Publish, draft.Value.Info.PolicyId, ct) is null;
        if (Info?.Id != draft.Value.Info.Id)
            undo.Clear();
        // Read at each load (the page reloads when the policy's settings change): SGD041 follows the policy's choice.
        var policySettings = await settings.GetAsync(draft.Value.Info.PolicyId, ct);
        if (!policySettings.IsOk)
            return policySettings.Failure;
        _requireJustification = policySettings.Value.RequireJustification;
        Info = draft.Value.Info;
        Show(draft.Value.Estate, rebuild: true);
        return null;
    }

    /// <summary>
    /// True while <see cref="Estate"/> shows an edit that the store has not confirmed yet; it is taken back if
    /// the store refuses it.
    /// </summary>
    public bool Storing { get; private set; }

    /// <summary>What <see cref="UndoAsync"/> would take back, or null when there is nothing to undo.</summary>
    public string? UndoDescription => undo.First?.Value.What;

    /// <summary>
    /// Applies <paramref name="edit"/> to the draft and stores it. The preview and findings show the edited
    /// content at once; storing then confirms it (the store's version check makes sure nobody changed the draft
    /// in between). Returns null when stored; otherwise the failure, with the content put back, and on a
    /// conflict the draft reloaded so that the user sees the other change.
    /// </summary>
    public Task<StoreFailure?> EditAsync(EstateEdit edit, CancellationToken ct = default) =>
        EditAsync(edit, "the last change", ct);

    /// <inheritdoc cref="EditAsync(EstateEdit, CancellationToken)"/>
    /// <param name="edit">The change, one of Core's edits (it validates its result).</param>
    /// <param name="what">How the undo button names this change, e.g. "add inbound rule of db".</param>
    /// <param name="ct">Cancels the store call.</param>
    public async Task<StoreFailure?> EditAsync(EstateEdit edit, string what, CancellationToken ct = default)
    {
        if (Info is null)
            return StoreFailure.NotFound("no draft is loaded");
        await edits.WaitAsync(ct);
        try
        {
            var before = Estate;
            var next = edit(before);
            if (!next.IsOk)
                return StoreFailure.Refused(next);
            return await ShowAndStoreAsync(before, next, () => Remember(new UndoStep(before, what)), () => { }, ct);
        }
        finally
        {
            edits.Release();
        }
    }

    /// <summary>Takes back the last change made in this session, as a new edit (so it too is version-checked).</summary>
    public async Task<StoreFailure?> UndoAsync(CancellationToken ct = default)
    {
        await edits.WaitAsync(ct);
        try
        {
            if (Info is null || undo.First is not { } newest)
                return null;
            var step = newest.Value;
            undo.RemoveFirst();
            var back = EditCheck.Designer(Estate, step.Estate);
            if (!back.IsOk)
                return StoreFailure.Refused(back);
            return await ShowAndStoreAsync(Estate, back, () => { }, () => undo.AddFirst(step), ct);
        }
        finally
        {
            edits.Release();
        }
    }

    // `stored` and `refused` run before the last Changed, so that what listens sees the undo list as it is.
    private async Task<StoreFailure?> ShowAndStoreAsync(Estate before, EditResult edited, Action stored, Action refused, CancellationToken ct)
    {
        Storing = true;
        Show(edited.Estate!, rebuild: false);
        // The session's content is the stored content at Info.Version (it was loaded or stored at that version), and
        // the store refuses the write unless the draft is still at that version, so the edit's result, computed and
        // validated against that content, is stored as it is. Applying the edit a second time would draw new ids.
        StoreResult<DraftInfo> result;
        try
        {
            // Off the circuit's thread: SQLite does its I/O synchronously, which would hold back the render
            // of the edited preview until the write is done.
            var (draftId, version) = (Info!.Id, Info.Version);
            result = await Task.Run(async () => await circuit.GetAsync() is { } caller
                ? await editor.EditAsync(caller, draftId, version, _ => edited, ct)
                : StoreFailure.Forbidden("sign in to edit drafts"), ct);
        }
        catch
        {
            // The database is unreachable or the call was cancelled: the screen must not show what was not stored.
            Storing = false;
            refused();
            Show(before, rebuild: false);
            throw;
        }
        Storing = false;
        if (result.IsOk)
        {
            Info = result.Value;
            Conflict = null;
            KeepPrepared();
            stored();
            Changed?.Invoke();
            return null;
        }
        if (result.Failure!.Kind == StoreFailureKind.Conflict)
        {
            Conflict = $"Your last change was not saved: {result.Failure.Message}. The draft now shows the other change.";
            undo.Clear();
            await LoadAsync(Info.Id, ct);
        }
        else
        {
            refused();
            Show(before, rebuild: false);
        }
        return result.Failure;
    }

    private void Remember(UndoStep step)
    {
        undo.AddFirst(step);
        if (undo.Count > MaxUndo)
            undo.RemoveLast();
    }

    private const int MaxUndo = 50;

    // Newest first.
    private readonly LinkedList<UndoStep> undo = new();

    // One edit at a time per circuit: each must be stored at the version the previous one produced.
    private readonly SemaphoreSlim edits = new(1, 1);

    /// <summary>
    /// Releases the edit lock when the circuit ends, once the edits still under way are done: a tab closed while an edit
    /// is stored must not fail that edit as it lets go of the lock.
    /// </summary>
    public void Dispose() => _ = edits.WaitAsync().ContinueWith(_ => edits.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    private sealed record UndoStep(Estate Estate, string What);

    /// <summary>Publishes the draft as the policy's next revision, once the edits in flight are stored.</summary>
    public async Task<StoreResult<RevisionInfo>> PublishAsync(string message, CancellationToken ct = default)
    {
        await edits.WaitAsync(ct);
        try
        {
            if (Info is null)
                return StoreFailure.NotFound("no draft is loaded");
            var result = await editor.PublishAsync(await circuit.RequireAsync(), Info.Id, message, Info.Version, ct);
            await LoadAsync(Info.Id, ct);
            return result;
        }
        finally
        {
            edits.Release();
        }
    }

    // One query for the role (the caller, administrator flag included, is loaded once per circuit); the wording of a
    // refusal is asked for only when there is one.
    private async Task<StoreFailure?> RefusalAsync(PolicyAction action, Guid policyId, CancellationToken ct)
    {
        if (await circuit.GetAsync() is not { } caller)
            return StoreFailure.Forbidden("sign in to open drafts");
        var role = await access.RoleAsync(caller.UserId, policyId, ct);
        return PolicyAccess.Allows(role, caller.IsAdministrator, action, policyId, caller.Token)
            ? null
            : await access.RefusalAsync(caller.UserId, action, policyId, caller.Token, ct);
    }

    // Why the circuit's user may not view the draft (one query, its content not read), or null.
    private async Task<StoreFailure?> ViewRefusalAsync(Guid draftId, CancellationToken ct) =>
        await circuit.GetAsync() is not { } caller ? StoreFailure.Forbidden("sign in to open drafts")
        : await access.DraftRefusalAsync(caller.UserId, PolicyAction.View, draftId, caller.Token, ct);

    /// <summary>Completes when no edit of this session is waiting for the store.</summary>
    public async Task WhenStoredAsync(CancellationToken ct = default)
    {
        await edits.WaitAsync(ct);
        edits.Release();
    }

    // Today's date for SGD040 (rules past their review-by date), as of the last lint, and the policy's SGD041 choice.
    private LintOptions _lintOptions = LintOptions.None;

    private bool _requireJustification;

    private void Show(Estate estate, bool rebuild)
    {
        var options = new LintOptions(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), _requireJustification);
        if (rebuild && prepared.Find(estate, options) is { } kept)
        {
            Engine = kept.Engine;
            ShowFindings(estate, kept.Findings);
        }
        else
        {
            Engine = rebuild ? ReachabilityEngine.Build(estate) : Engine.Update(estate);
            if (rebuild && estate.Instances.Length > LintAfterShowing)
            {
                var engine = Engine;
                var lint = PrepareLarge(estate, engine, options);
                prepared.Keep(new PreparedDraft(Info!.Id, estate, engine, lint, options));
                ShowFindings(estate, lint);
            }
            else if (!rebuild && Linting)
            {
                // An edit while the findings before it are computed: its own follow from them, off the circuit as they are.
                var (before, beforeOptions, engine) = (Estate, _lintOptions, Engine);
                ShowFindings(estate, _lint.ContinueWith(
                    lint => lint.IsCompletedSuccessfully && options == beforeOptions
                        ? IncrementalLint.After(before, lint.Result, estate, engine, options)
                        : Linter.Lint(estate, engine, options),
                    CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default));
            }
            else
            {
                Linting = false;
                // An edit re-checks only the groups it can affect; a load (or a new day, which can make any rule overdue) lints the whole draft.
                Findings = rebuild || options != _lintOptions
                    ? Linter.Lint(estate, Engine, options)
                    : IncrementalLint.After(Estate, Findings, estate, Engine, options);
                _lint = Task.FromResult(Findings);
                if (rebuild)
                    prepared.Keep(new PreparedDraft(Info!.Id, estate, Engine, _lint, options));
            }
        }
        _lintOptions = options;
        Estate = estate;
        Changed?.Invoke();
    }

    private void ShowFindings(Estate estate, Task<ImmutableArray<Finding>> lint)
    {
        _lint = lint;
        if (lint.IsCompletedSuccessfully)
            (Findings, Linting) = (lint.Result, false);
        else
        {
            (Findings, Linting) = ([], true);
            _ = FindingsWhenLintedAsync(estate, lint);
        }
    }

    // Continues on the circuit (the caller's context), where the session's state is read and written.
    private async Task FindingsWhenLintedAsync(Estate estate, Task<ImmutableArray<Finding>> lint)
    {
        var findings = await lint;
        if (!ReferenceEquals(Estate, estate))
            return;
        (Findings, Linting) = (findings, false);
        Changed?.Invoke();
    }

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
