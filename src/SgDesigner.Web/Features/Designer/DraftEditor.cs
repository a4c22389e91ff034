using SgDesigner.Core.Editing;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The one way to change a draft, for the API and the designer alike (its content here; opening, publishing and
/// abandoning it below, with the same access check and event): the caller's access (a read token, a
/// token bound to another policy or a role below editor is refused), then the draft's content at the expected version,
/// the edit (a pure function from <see cref="SgDesigner.Core.Editing"/>, which validates its result), the write under
/// the version check with the caller recorded as author in the audit trail, and the live-update event.
/// </summary>
public sealed class DraftEditor(PolicyStore store, PolicyAccess access, IdSource ids, ReviewEvents? events = null)
{
    /// <summary>Where new objects get their ids (random in the app; counted in tests that compare two drafts).</summary>
    public IdSource Ids => ids;

    /// <summary>
    /// Applies <paramref name="edit"/> to the draft at <paramref name="expectedVersion"/> for <paramref name="caller"/>
    /// and stores it; the draft's new metadata, or why nothing was stored (forbidden, not found, a conflict when the
    /// draft has moved on or is closed, invalid with the problems at their places).
    /// </summary>
    public async Task<StoreResult<DraftInfo>> EditAsync(Caller caller, Guid draftId, long expectedVersion, EstateEdit edit, CancellationToken ct = default)
    {
        if (await access.DraftRefusalAsync(caller.UserId, PolicyAction.Edit, draftId, caller.Token, ct) is { } refused)
            return refused;
        var stored = await store.EditDraftAsync(draftId, expectedVersion, edit, caller.Actor, ct);
        if (stored.IsOk)
            events?.DraftEdited(stored.Value.PolicyId, stored.Value.Id);
        return stored;
    }

    /// <summary>Opens a draft of the policy from <paramref name="baseRevision"/> (null: the latest); the edit role.</summary>
    public async Task<StoreResult<DraftInfo>> OpenAsync(Caller caller, Guid policyId, int? baseRevision, string title, CancellationToken ct = default)
    {
        if (await access.RefusalAsync(caller.UserId, PolicyAction.Edit, policyId, caller.Token, ct) is { } refused)
            return refused;
        // Nothing listens for a new draft: it has no request yet, and the policy page lists drafts when it loads.
        return await store.CreateDraftAsync(policyId, baseRevision, title, caller.Actor, ct);
    }

    /// <summary>
    /// Opens a draft that reverts the policy to revision <paramref name="number"/> (based on the latest revision, holding that
    /// revision's content); the edit role, as for any new draft.
    /// </summary>
    public async Task<StoreResult<DraftInfo>> RevertAsync(Caller caller, Guid policyId, int number, CancellationToken ct = default)
    {
        if (await access.RefusalAsync(caller.UserId, PolicyAction.Edit, policyId, caller.Token, ct) is { } refused)
            return refused;
        return await store.RevertToRevisionAsync(policyId, number, null, caller.Actor, ct);
    }

    /// <summary>
    /// Publishes the draft as the policy's next revision without a change request (an owner's bypass of review, so the
    /// publish role); at <paramref name="expectedVersion"/>, or as it stands when null.
    /// </summary>
    public async Task<StoreResult<RevisionInfo>> PublishAsync(Caller caller, Guid draftId, string message, long? expectedVersion, CancellationToken ct = default)
    {
        if (await access.DraftRefusalAsync(caller.UserId, PolicyAction.Publish, draftId, caller.Token, ct) is { } refused)
            return refused;
        var published = await store.PublishDraftAsync(draftId, message, caller.Actor, expectedVersion, ct);
        if (published.IsOk)
            events?.DraftEdited(published.Value.PolicyId, draftId);
        return published;
    }

    /// <summary>Closes the draft at <paramref name="expectedVersion"/> without publishing it, and its request with it (the edit role).</summary>
    public async Task<StoreResult<DraftInfo>> AbandonAsync(Caller caller, Guid draftId, long expectedVersion, CancellationToken ct = default)
    {
        if (await access.DraftRefusalAsync(caller.UserId, PolicyAction.Edit, draftId, caller.Token, ct) is { } refused)
            return refused;
        var abandoned = await store.AbandonDraftAsync(draftId, expectedVersion, caller.Actor, ct);
        if (abandoned.IsOk)
            events?.DraftEdited(abandoned.Value.PolicyId, draftId);
        return abandoned;
    }
}
