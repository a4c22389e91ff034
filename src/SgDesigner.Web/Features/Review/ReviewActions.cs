using SgDesigner.Core.Review;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// The one way to act on a change request, for the API and the request pages alike: the caller's access (through
/// their token when they have one: a read token, a token bound to another policy or a role too low is refused), then
/// <see cref="ReviewStore"/>, which loads the request, checks the review rules, stores the change with its audit entry
/// under its locks; then the live-update event every open page of the request listens to.
/// </summary>
public sealed class ReviewActions(ReviewStore reviews, PolicyAccess access, ReviewEvents events)
{
    /// <summary>Proposes the open draft <paramref name="draftId"/> as a change request (the edit role), asking nobody to review it yet.</summary>
    public Task<StoreResult<ChangeRequestInfo>> OpenAsync(Caller caller, Guid draftId, string title, string? description, CancellationToken ct = default) =>
        OpenAsync(caller, draftId, title, description, [], ct);

    /// <summary>
    /// Proposes the open draft <paramref name="draftId"/> as a change request (the edit role), asking
    /// <paramref name="reviewers"/> (user ids or e-mails of the policy's reviewers and owners) to review it.
    /// </summary>
    public async Task<StoreResult<ChangeRequestInfo>> OpenAsync(
        Caller caller, Guid draftId, string title, string? description, IReadOnlyList<string?>? reviewers, CancellationToken ct = default)
    {
        if (await access.DraftRefusalAsync(caller.UserId, PolicyAction.Edit, draftId, caller.Token, ct) is { } refused)
            return refused;
        var opened = await reviews.OpenAsync(caller.Actor, draftId, title, description, reviewers ?? [], ct);
        if (opened.IsOk)
            events.RequestChanged(ReviewEventKind.Opened, opened.Value.Id, opened.Value.PolicyId, draftId);
        return opened;
    }

    /// <summary>
    /// Sets who is asked to review the request (replacing those asked, or adding to them with <paramref name="addToCurrent"/>):
    /// the edit role to ask at all, then the store lets the author or an owner.
    /// </summary>
    public Task<StoreResult<IReadOnlyList<RequestedReviewerInfo>>> SetReviewersAsync(
        Caller caller, Guid requestId, IReadOnlyList<string?> reviewers, bool addToCurrent = false, CancellationToken ct = default) =>
        RunAsync(caller, requestId, PolicyAction.Edit, ReviewEventKind.ReviewersChanged,
            () => reviews.SetReviewersAsync(caller.Actor, requestId, reviewers, addToCurrent, ct), ct);

    /// <summary>Comments on the request, or on one of its groups or rules (the comment role).</summary>
    public Task<StoreResult<ReviewCommentInfo>> CommentAsync(
        Caller caller, Guid requestId, string body, string? groupId, string? ruleId, CancellationToken ct = default) =>
        RunAsync(caller, requestId, PolicyAction.Comment, ReviewEventKind.CommentAdded,
            () => reviews.CommentAsync(caller.Actor, requestId, body, groupId, ruleId, ct), ct);

    /// <summary>Approves or asks for changes (the reviewer role; never the author, and no approval from a co-author).</summary>
    /// <remarks>With <paramref name="expectedDraftVersion"/>, only while the draft is at the version the reviewer saw.</remarks>
    public Task<StoreResult<ReviewInfo>> ReviewAsync(
        Caller caller, Guid requestId, ReviewVerdict verdict, string? body, long? expectedDraftVersion = null, CancellationToken ct = default) =>
        RunAsync(caller, requestId, PolicyAction.Review, ReviewEventKind.ReviewAdded,
            () => reviews.ReviewAsync(caller.Actor, requestId, verdict, body, expectedDraftVersion, ct), ct);

    /// <summary>Dismisses someone's review with a reason (owners).</summary>
    public Task<StoreResult<ReviewInfo>> DismissReviewAsync(Caller caller, Guid requestId, Guid reviewId, string reason, CancellationToken ct = default) =>
        RunAsync(caller, requestId, PolicyAction.ManageSettings, ReviewEventKind.ReviewDismissed,
            () => reviews.DismissReviewAsync(caller.Actor, requestId, reviewId, reason, ct), ct);

    /// <summary>
    /// Merges an approved request as the policy's next revision (the merge role; the store re-checks everything). With
    /// <paramref name="overrideReason"/>, past the assertions that block it: that needs the owner role, and a token
    /// that may write to this policy, whether or not an assertion turns out to block.
    /// </summary>
    /// <remarks>With <paramref name="expectedDraftVersion"/>, only while the draft is at the version the merger saw.</remarks>
    public Task<StoreResult<ChangeRequestInfo>> MergeAsync(
        Caller caller, Guid requestId, string? message, long? expectedDraftVersion = null, string? overrideReason = null,
        CancellationToken ct = default) =>
        RunAsync(caller, requestId, overrideReason is null ? PolicyAction.Merge : PolicyAction.OverrideAssertions, ReviewEventKind.StatusChanged,
            () => reviews.MergeAsync(caller.Actor, requestId, message, expectedDraftVersion, overrideReason, ct), ct);

    /// <summary>Closes the request without merging (its author or an owner; the edit role to ask at all).</summary>
    public Task<StoreResult<ChangeRequestInfo>> CloseAsync(Caller caller, Guid requestId, CancellationToken ct = default) =>
        RunAsync(caller, requestId, PolicyAction.Edit, ReviewEventKind.StatusChanged, () => reviews.CloseAsync(caller.Actor, requestId, ct), ct);

    /// <summary>Rebases the request's draft onto the newest revision with a side chosen per conflict (the edit role).</summary>
    public Task<StoreResult<DraftInfo>> ResolveConflictsAsync(
        Caller caller, Guid requestId, long expectedDraftVersion, IReadOnlyDictionary<string, MergeSide> choices, CancellationToken ct = default) =>
        RunAsync(caller, requestId, PolicyAction.Edit, ReviewEventKind.StatusChanged,
            () => reviews.ResolveConflictsAsync(caller.Actor, requestId, expectedDraftVersion, choices, ct), ct);

    // Access, the store's change, then the event naming the request, its policy and its draft (the pages filter on them).
    private async Task<StoreResult<T>> RunAsync<T>(
        Caller caller, Guid requestId, PolicyAction action, ReviewEventKind kind, Func<Task<StoreResult<T>>> change, CancellationToken ct)
    {
        if (await access.PlaceOfRequestAsync(requestId, ct) is not { } place)
            return StoreFailure.NotFound($"change request {requestId} does not exist");
        if (await access.RefusalAsync(caller.UserId, action, place.PolicyId, caller.Token, ct) is { } refused)
            return refused;
        var changed = await change();
        if (changed.IsOk)
            events.RequestChanged(kind, requestId, place.PolicyId, place.DraftId);
        return changed;
    }
}
