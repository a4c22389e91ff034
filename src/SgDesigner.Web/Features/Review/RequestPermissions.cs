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
/// <param name="CanReview">An active request, not the author, reviewer or owner.</param>
/// <param name="CanMerge">An active request with enough approvals and nobody asking for changes, and a role that merges.</param>
/// <param name="CanClose">An active request, and its author or an owner.</param>
public sealed record RequestPermissions(bool IsAuthor, bool CanComment, bool CanReview, bool CanMerge, bool CanClose)
{
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
        return new RequestPermissions(
            isAuthor,
            await May(PolicyAction.Comment),
            !isAuthor && await May(PolicyAction.Review),
            details.Approvals.CanMerge && await May(PolicyAction.Merge),
            isAuthor ? active : await May(PolicyAction.ManageSettings));
    }
}
