namespace SgDesigner.Data.Rows;

/// <summary>Where a change request is in its life.</summary>
public enum ChangeRequestStatus
{
    /// <summary>Waiting for reviews (or for more approvals).</summary>
    Open,
    /// <summary>A reviewer asked for changes and has not approved since.</summary>
    ChangesRequested,
    /// <summary>Enough current approvals and no open request for changes: it can be merged.</summary>
    Approved,
    /// <summary>Published as a revision.</summary>
    Merged,
    /// <summary>Closed without merging.</summary>
    Closed,
}

/// <summary>A reviewer's verdict.</summary>
public enum ReviewVerdict
{
    /// <summary>Good to merge at the reviewed draft version.</summary>
    Approve,
    /// <summary>Needs changes before it can be merged.</summary>
    RequestChanges,
}

/// <summary>A draft proposed for review: numbered 1, 2, 3… per policy; one per draft.</summary>
public sealed class ChangeRequestRow
{
    public Guid Id { get; set; }
    public Guid PolicyId { get; set; }
    public int Number { get; set; }
    public Guid DraftId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public Guid AuthorUserId { get; set; }
    public ChangeRequestStatus Status { get; set; }
    public int? BaseRevisionNumber { get; set; }
    public int? MergedRevisionNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A comment on a change request, or on one group or rule of it.</summary>
public sealed class ReviewCommentRow
{
    public Guid Id { get; set; }
    public Guid ChangeRequestId { get; set; }
    public Guid AuthorUserId { get; set; }
    public required string Body { get; set; }
    public string? GroupId { get; set; }
    public string? RuleId { get; set; }
    /// <summary>The draft version the comment was written against.</summary>
    public long DraftVersion { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A verdict on a change request at one draft version. An approval counts only while the draft is still at
/// <see cref="DraftVersion"/>; when an edit moves the draft on, the approval is dismissed (flag, time, reason).
/// </summary>
public sealed class ReviewRow
{
    public Guid Id { get; set; }
    public Guid ChangeRequestId { get; set; }
    public Guid ReviewerUserId { get; set; }
    public ReviewVerdict Verdict { get; set; }
    public string? Body { get; set; }
    public long DraftVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool Dismissed { get; set; }
    public DateTime? DismissedAt { get; set; }
    public string? DismissedReason { get; set; }
}

/// <summary>A reviewer the author (or an owner) asked to review a change request; one row per request and user.</summary>
public sealed class RequestedReviewerRow
{
    public Guid ChangeRequestId { get; set; }
    public Guid UserId { get; set; }
    public Guid RequestedByUserId { get; set; }
    public DateTime RequestedAt { get; set; }
}
