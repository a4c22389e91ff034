using System.Collections.Immutable;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The draft being designed in one circuit: its content, the version to send with the next edit, the
/// reachability engine and the lint findings of that content. Every edit goes to <see cref="PolicyStore"/> at
/// once; on a stale version the draft is reloaded and the edit is refused, never written over the other one.
/// </summary>
public sealed class DesignSession(PolicyStore store)
{
    /// <summary>The draft's metadata, or null before <see cref="LoadAsync"/> succeeded.</summary>
    public DraftInfo? Info { get; private set; }

    /// <summary>The draft's content as stored at <see cref="DraftInfo.Version"/>.</summary>
    public Estate Estate { get; private set; } = Estate.Empty;

    /// <summary>The engine of <see cref="Estate"/>; updated incrementally after each edit.</summary>
    public ReachabilityEngine Engine { get; private set; } = ReachabilityEngine.Build(Estate.Empty);

    /// <summary>Linter findings for <see cref="Estate"/>.</summary>
    public ImmutableArray<Finding> Findings { get; private set; } = [];

    /// <summary>True once a draft is loaded and still open for edits.</summary>
    public bool CanEdit => Info is { Status: Data.Rows.DraftStatus.Open };

    /// <summary>Why the last edit was refused because someone else changed the draft first, or null.</summary>
    public string? Conflict { get; private set; }

    /// <summary>Raised after the content changed (an edit, or a reload after a conflict).</summary>
    public event Action? Changed;

    /// <summary>Loads the draft; returns why it could not be, or null.</summary>
    public async Task<StoreFailure?> LoadAsync(Guid draftId, CancellationToken ct = default)
    {
        var draft = await store.GetDraftAsync(draftId, ct);
        if (!draft.IsOk)
            return draft.Failure;
        Info = draft.Value.Info;
        Show(draft.Value.Estate, rebuild: true);
        return null;
    }

    /// <summary>
    /// Applies <paramref name="edit"/> to the draft and stores it. Returns null when stored; otherwise the
    /// failure, and on a conflict the draft has been reloaded so that the user sees the other change.
    /// </summary>
    public async Task<StoreFailure?> EditAsync(Func<Estate, StoreResult<Estate>> edit, CancellationToken ct = default)
    {
        if (Info is null)
            return StoreFailure.NotFound("no draft is loaded");
        Estate? edited = null;
        var result = await store.EditDraftAsync(Info.Id, Info.Version, current =>
        {
            var next = edit(current);
            edited = next.IsOk ? next.Value : null;
            return next;
        }, ct);
        if (!result.IsOk)
        {
            if (result.Failure!.Kind == StoreFailureKind.Conflict)
            {
                Conflict = $"Your last change was not saved: {result.Failure.Message}. The draft now shows the other change.";
                await LoadAsync(Info.Id, ct);
            }
            return result.Failure;
        }
        Info = result.Value;
        Conflict = null;
        Show(edited!, rebuild: false);
        return null;
    }

    /// <summary>Publishes the draft as the policy's next revision.</summary>
    public async Task<StoreResult<RevisionInfo>> PublishAsync(string message, string author, CancellationToken ct = default)
    {
        if (Info is null)
            return StoreFailure.NotFound("no draft is loaded");
        var result = await store.PublishDraftAsync(Info.Id, message, author, Info.Version, ct);
        await LoadAsync(Info.Id, ct);
        return result;
    }

    private void Show(Estate estate, bool rebuild)
    {
        Engine = rebuild ? ReachabilityEngine.Build(estate) : Engine.Update(estate);
        Estate = estate;
        Findings = Linter.Lint(estate);
        Changed?.Invoke();
    }
}
