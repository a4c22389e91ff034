using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Review;

/// <summary>A change request as listed.</summary>
/// <param name="Id">Its id.</param>
/// <param name="PolicyId">Its policy.</param>
/// <param name="Number">1, 2, 3… per policy.</param>
/// <param name="DraftId">The draft it proposes.</param>
/// <param name="Title">Short summary.</param>
/// <param name="Description">What and why.</param>
/// <param name="AuthorUserId">Who opened it.</param>
/// <param name="AuthorName">Their display name.</param>
/// <param name="Status">Open, changes requested, approved, merged or closed.</param>
/// <param name="BaseRevision">The revision the draft started from.</param>
/// <param name="MergedRevision">The revision it became, once merged.</param>
/// <param name="CreatedAt">When it was opened (UTC).</param>
/// <param name="UpdatedAt">Its last status change (UTC).</param>
public sealed record ChangeRequestInfo(
    Guid Id, Guid PolicyId, int Number, Guid DraftId, string Title, string Description, Guid AuthorUserId, string AuthorName,
    ChangeRequestStatus Status, int? BaseRevision, int? MergedRevision, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A comment on a request, or on one of its groups or rules.</summary>
/// <param name="Id">Its id.</param>
/// <param name="AuthorUserId">Who wrote it.</param>
/// <param name="AuthorName">Their display name.</param>
/// <param name="Body">The text.</param>
/// <param name="GroupId">The group it is about, or null.</param>
/// <param name="RuleId">The rule it is about, or null.</param>
/// <param name="DraftVersion">The draft version it was written against.</param>
/// <param name="CreatedAt">When (UTC).</param>
public sealed record ReviewCommentInfo(
    Guid Id, Guid AuthorUserId, string AuthorName, string Body, string? GroupId, string? RuleId, long DraftVersion, DateTime CreatedAt);

/// <summary>A reviewer's verdict.</summary>
/// <param name="Id">Its id.</param>
/// <param name="ReviewerUserId">The reviewer.</param>
/// <param name="ReviewerName">Their display name.</param>
/// <param name="Verdict">Approve or request changes.</param>
/// <param name="Body">Their note, or null.</param>
/// <param name="DraftVersion">The draft version reviewed.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="Dismissed">Whether it no longer counts.</param>
/// <param name="DismissedAt">When it was dismissed (UTC).</param>
/// <param name="DismissedReason">Why (an edit after the approval, or an owner's reason).</param>
/// <param name="DismissedBy">The owner who dismissed it, or null when an edit or a rebase did.</param>
public sealed record ReviewInfo(
    Guid Id, Guid ReviewerUserId, string ReviewerName, ReviewVerdict Verdict, string? Body, long DraftVersion, DateTime CreatedAt,
    bool Dismissed, DateTime? DismissedAt, string? DismissedReason, string? DismissedBy = null);

/// <summary>A request with its conversation and where its approvals stand.</summary>
/// <param name="Info">The request.</param>
/// <param name="DraftVersion">The draft's current version.</param>
/// <param name="Comments">Oldest first.</param>
/// <param name="Reviews">Oldest first, dismissed ones included.</param>
/// <param name="Approvals">Current approvals against the policy's requirement; <see cref="ApprovalState.CanMerge"/>.</param>
/// <param name="Authorship">Who authored each object the draft changed (see <see cref="DraftAuthors"/>).</param>
/// <param name="RequestedReviewers">Who the author asked to review, by name.</param>
public sealed record ChangeRequestDetails(
    ChangeRequestInfo Info, long DraftVersion, IReadOnlyList<ReviewCommentInfo> Comments, IReadOnlyList<ReviewInfo> Reviews,
    ApprovalState Approvals, IReadOnlyList<ObjectAuthors> Authorship, IReadOnlyList<RequestedReviewerInfo> RequestedReviewers);

/// <summary>A reviewer the author asked to review a request.</summary>
/// <param name="UserId">The reviewer.</param>
/// <param name="Name">Their display name.</param>
/// <param name="Email">Their e-mail.</param>
/// <param name="RequestedAt">When they were asked (UTC).</param>
/// <param name="Verdict">Their review that stands for the draft as it is now, or null while they have yet to review it.</param>
public sealed record RequestedReviewerInfo(Guid UserId, string Name, string Email, DateTime RequestedAt, ReviewVerdict? Verdict);

/// <summary>Everyone who changed one object of a draft, in the order of their first change to it.</summary>
/// <param name="ObjectKind">rule, group, instance…, or "content" for an edit too large to itemise.</param>
/// <param name="ObjectId">The object's id ("*" for content).</param>
/// <param name="GroupId">For a rule, its group.</param>
/// <param name="Authors">Who changed it.</param>
public sealed record ObjectAuthors(string ObjectKind, string ObjectId, string? GroupId, IReadOnlyList<ChangeAuthor> Authors);

/// <summary>An author of draft changes.</summary>
/// <param name="UserId">The signed-in user, or null for a name-only caller (seeding, the system).</param>
/// <param name="Name">Their display name (the name recorded with the edit when they have no account).</param>
public sealed record ChangeAuthor(Guid? UserId, string Name);

/// <summary>
/// What merging a change request would do now: publish its draft as it is (up to date), rebase it cleanly onto the
/// newest revision, or stop at conflicts the author must resolve (<see cref="ReviewStore.ResolveConflictsAsync"/>).
/// </summary>
/// <param name="RequestId">The request.</param>
/// <param name="DraftVersion">The draft's current version (send it back with the author's choices).</param>
/// <param name="BaseRevision">The revision the draft is based on.</param>
/// <param name="NewestRevision">The policy's newest revision.</param>
/// <param name="UpToDate">True when the draft is based on the newest revision: merging publishes it unchanged.</param>
/// <param name="IsClean">True when merging would publish without anyone's choice: up to date, or every change of both sides
/// combines without conflict and without breaking a rule of the model.</param>
/// <param name="Conflicts">Objects or fields both sides changed differently, with the base, ours (the draft) and theirs
/// (the newest revision) as text, keyed by <see cref="MergeConflict.Key"/>; empty when up to date.</param>
/// <param name="Errors">What combining the two sides breaks that neither side broke on its own (e.g. our rule naming a
/// group they deleted); the author must edit the draft to fix these.</param>
/// <param name="Merged">The estate merging would publish (conflicts at THEIR value until resolved); the draft when up to date.</param>
public sealed record MergePreview(
    Guid RequestId, long DraftVersion, int? BaseRevision, int? NewestRevision, bool UpToDate, bool IsClean,
    IReadOnlyList<MergeConflict> Conflicts, IReadOnlyList<ValidationError> Errors, Estate Merged)
{
    /// <summary>
    /// When the policy's assertions block merging: those the merge would break or could not evaluate (<see cref="MergeGate"/>),
    /// which stop it unless an owner overrides; empty otherwise, and while conflicts are unresolved.
    /// </summary>
    public IReadOnlyList<BlockingAssertion> BlockingAssertions { get; init; } = [];
}

/// <summary>An assertion that blocks a merge.</summary>
/// <param name="Line">Its line in the policy's assertions.</param>
/// <param name="Assertion">The assertion as text ("web -> db tcp 5432 expect allow").</param>
/// <param name="Why">What the merge does to it ("holds now, but would be denied after the change").</param>
public sealed record BlockingAssertion(int Line, string Assertion, string Why);
