using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// What the caller may do on a request, so that the page hides what their role cannot do and a script knows before
/// trying. The stores decide again when the action is taken: this is a courtesy, not the check.
/// </summary>
/// <param name="IsAuthor">The caller opened the request.</param>
/// <param name="CanComment">An active request and a role that comments (editor and up).</param>
/// <param name="CanReview">An active request, not the author, reviewer or owner: may request changes.</param>
/// <param name="CanApprove">May review and changed nothing in the draft (<see cref="DraftAuthors"/>).</param>
/// <param name="WhyNotApprove">For a reviewer who may not approve, why (naming what they changed); otherwise null.</param>
/// <param name="CanMerge">An active request with enough approvals and nobody asking for changes, and a role that merges.</param>
/// <param name="CanClose">An active request, and its author or an owner.</param>
/// <param name="CanDismiss">An active request and an owner: may dismiss someone's review.</param>
/// <param name="HasApproved">The caller's review that stands for the draft as it is now is an approval: the page hides
/// Approve (as on GitHub, they can still change their review to a request for changes).</param>
public sealed record RequestPermissions(
    bool IsAuthor, bool CanComment, bool CanReview, bool CanApprove, string? WhyNotApprove, bool CanMerge, bool CanClose, bool CanDismiss,
    bool HasApproved)
{
    /// <summary>Whether <paramref name="userId"/>'s latest review approves the draft at its current version and still counts.</summary>
    public static bool Approved(ChangeRequestDetails details, Guid userId) =>
        details.Reviews.Where(r => r.ReviewerUserId == userId).MaxBy(r => (r.CreatedAt, r.Id)) is
            { Verdict: ReviewVerdict.Approve, Dismissed: false } latest
        && latest.DraftVersion == details.DraftVersion;

    /// <summary>The statuses under review (not merged, not closed).</summary>
    public static bool IsActive(ChangeRequestStatus status) =>
        status is ChangeRequestStatus.Open or ChangeRequestStatus.ChangesRequested or ChangeRequestStatus.Approved;

    /// <summary>Asks <see cref="PolicyAccess"/> for each action on the request's policy.</summary>
    public static async Task<RequestPermissions> ForAsync(Caller caller, PolicyAccess access, ChangeRequestDetails details, CancellationToken ct = default)
    {
        var info = details.Info;
        var active = IsActive(info.Status);
        var isAuthor = info.AuthorUserId == caller.UserId;
        async Task<bool> May(PolicyAction action) => active && await caller.MayAsync(access, action, info.PolicyId, ct);
        var canReview = !isAuthor && await May(PolicyAction.Review);
        var whyNot = canReview ? DraftAuthors.ApprovalRefusal(details.Authorship, caller.UserId) : null;
        var owner = await May(PolicyAction.ManageSettings);
        return new RequestPermissions(
            isAuthor,
            await May(PolicyAction.Comment),
            canReview,
            canReview && whyNot is null,
            whyNot,
            details.Approvals.CanMerge && await May(PolicyAction.Merge),
            isAuthor ? active : owner,
            owner,
            Approved(details, caller.UserId));
    }
}
