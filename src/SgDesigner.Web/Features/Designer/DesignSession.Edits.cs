using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Designer;

public sealed partial class DesignSession
{
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

    /// <summary>Completes when no edit of this session is waiting for the store.</summary>
    public async Task WhenStoredAsync(CancellationToken ct = default)
    {
        await edits.WaitAsync(ct);
        edits.Release();
    }
}
