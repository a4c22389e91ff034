using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The draft being designed in one circuit: its content, the version to send with the next edit, the
/// reachability engine and the lint findings of that content. Every edit is shown at once and goes to
/// <see cref="DraftEditor"/> at once, one at a time; on a stale version the draft is reloaded and the edit is
/// refused, never written over the other one; an edit the store refuses is taken back from the screen.
/// The circuit's user must be allowed to view the policy to load it, and to edit it for every edit: the role is
/// checked again before each write, so a role taken away stops the next edit.
/// </summary>
/// <remarks>
/// In parts: this one loads the draft and checks the user's role; <c>DesignSession.Edits.cs</c> applies, stores, undoes and
/// publishes edits one at a time; <c>DesignSession.Showing.cs</c> shows a content (its engine and findings, a large
/// draft's linted off the circuit); <c>DesignSession.Preparation.cs</c> prepares a draft ahead of its circuit and a large
/// draft's background work.
/// </remarks>
public sealed partial class DesignSession(
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
}
