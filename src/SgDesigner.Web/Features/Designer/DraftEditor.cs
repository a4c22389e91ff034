using SgDesigner.Core.Editing;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The one way to change a draft's content, for the API and the designer alike: the caller's access (a read token, a
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
}
