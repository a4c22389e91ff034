using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Review;

// The conversation: comments by anyone who may comment, verdicts by reviewers who are not the author.
public sealed partial class ReviewStore
{
    /// <summary>Comments on a request, or on one group or rule of it (give <paramref name="groupId"/> and/or <paramref name="ruleId"/>).</summary>
    public async Task<StoreResult<ReviewCommentInfo>> CommentAsync(
        AuditActor actor, Guid requestId, string body, string? groupId = null, string? ruleId = null, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        body = body?.Trim() ?? "";
        if (body.Length is 0 or > 10000)
            return StoreFailure.Invalid("body", "a comment needs 1 to 10,000 characters");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var request = await db.ChangeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
            return NotFound(requestId);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Comment, request.PolicyId, null, ct) is { } refused)
            return refused;
        if (!Active.Contains(request.Status))
            return StoreFailure.Conflict($"change request #{request.Number} is {Describe(request.Status)}; comments are closed");
        if (await UnknownSubjectAsync(db, request, Blank(groupId), Blank(ruleId), ct) is { } unknown)
            return unknown;
        var now = Now;
        var comment = new ReviewCommentRow
        {
            Id = Guid.CreateVersion7(), ChangeRequestId = requestId, AuthorUserId = userId, Body = body,
            GroupId = Blank(groupId), RuleId = Blank(ruleId), DraftVersion = await DraftVersionAsync(db, request, ct), CreatedAt = now,
        };
        db.ReviewComments.Add(comment);
        var on = comment.RuleId ?? comment.GroupId;
        db.AuditEntries.Add(Audit(request, now, actor, "request.commented", $"#{request.Number}{(on is null ? "" : $" on {on}")}"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        return new ReviewCommentInfo(comment.Id, userId, await DisplayNameAsync(db, userId, ct), body, comment.GroupId, comment.RuleId,
            comment.DraftVersion, now);
    }

    /// <summary>
    /// Records a verdict on the draft as it is now. Refused for the request's author (nobody approves their own
    /// change) and for anyone without the reviewer or owner role on the policy; an approval is also refused from anyone
    /// who changed something in the draft (<see cref="DraftAuthors"/>), who may still ask for changes.
    /// </summary>
    public async Task<StoreResult<ReviewInfo>> ReviewAsync(
        AuditActor actor, Guid requestId, ReviewVerdict verdict, string? body = null, long? expectedDraftVersion = null, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        if (body?.Length > 10000)
            return StoreFailure.Invalid("body", "a review note can have at most 10,000 characters");
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A verdict and a merge of the same request take turns: the merge counts this verdict or refuses it as too late.
        await RowLocks.RequestAsync(db, requestId, ct);
        var request = await db.ChangeRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
            return NotFound(requestId);
        if (request.AuthorUserId == userId)
            return StoreFailure.Forbidden(verdict == ReviewVerdict.Approve
                ? "you cannot approve your own change request; another reviewer must"
                : "you cannot review your own change request; push new edits or close it instead");
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Review, request.PolicyId, null, ct) is { } refused)
            return refused;
        if (!Active.Contains(request.Status))
            return StoreFailure.Conflict($"change request #{request.Number} is {Describe(request.Status)}; it can no longer be reviewed");
        if (verdict == ReviewVerdict.Approve
            && DraftAuthors.ApprovalRefusal(await DraftAuthors.OfDraftAsync(db, request.DraftId, ct), userId) is { } authored)
            return StoreFailure.Forbidden(authored);
        var now = Now;
        var version = await DraftVersionAsync(db, request, ct);
        // A verdict on a draft the reviewer has not seen would vouch for changes they never read.
        if (expectedDraftVersion is { } seen && seen != version)
            return StoreFailure.Stale($"the draft of change request #{request.Number} changed since you read it (you saw version {seen}, it is now at {version}); review it again", version);
        var review = new ReviewRow
        {
            Id = Guid.CreateVersion7(), ChangeRequestId = requestId, ReviewerUserId = userId, Verdict = verdict,
            Body = string.IsNullOrWhiteSpace(body) ? null : body.Trim(), DraftVersion = version, CreatedAt = now,
        };
        db.Reviews.Add(review);
        db.AuditEntries.Add(Audit(request, now, actor, verdict == ReviewVerdict.Approve ? "request.approved" : "request.changes-requested",
            $"#{request.Number} at draft version {version}"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        await ReviewApprovals.RefreshStatusAsync(db, request, version, now, ct);
        await transaction.CommitAsync(ct);
        return ToInfo(review, new Dictionary<Guid, string> { [userId] = await DisplayNameAsync(db, userId, ct) });
    }

    /// <summary>
    /// Dismisses a review so it no longer counts (a request for changes from someone who has left, say): by an owner,
    /// with a reason (1 to 500 characters) that the conversation shows with the owner's name. A dismissed request for
    /// changes stops blocking the merge; a dismissed approval stops counting. Audited as <c>request.review-dismissed</c>
    /// on the review, naming the reviewer and the reason.
    /// </summary>
    public async Task<StoreResult<ReviewInfo>> DismissReviewAsync(
        AuditActor actor, Guid requestId, Guid reviewId, string reason, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        reason = reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
            return StoreFailure.Invalid("reason", "say why the review is dismissed (1 to 500 characters)");
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == reviewId && r.ChangeRequestId == requestId, ct);
        if (review is null)
            return StoreFailure.NotFound($"change request {requestId} has no review {reviewId}");
        var request = await db.ChangeRequests.FirstAsync(r => r.Id == review.ChangeRequestId, ct);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.ManageSettings, request.PolicyId, null, ct) is { } refused)
            return refused;
        if (!Active.Contains(request.Status))
            return StoreFailure.Conflict($"change request #{request.Number} is {Describe(request.Status)}; its reviews stand as they were");
        if (review.Dismissed)
            return StoreFailure.Conflict("the review is already dismissed");
        var now = Now;
        review.Dismissed = true;
        review.DismissedAt = now;
        review.DismissedReason = reason;
        var reviewer = await DisplayNameAsync(db, review.ReviewerUserId, ct);
        var verdict = review.Verdict == ReviewVerdict.Approve ? "approval" : "request for changes";
        db.AuditEntries.Add(AuditLog.Row(request.PolicyId, now, actor, DismissedAction, "review", review.Id.ToString(),
            $"#{request.Number}: {reviewer}'s {verdict} at draft version {review.DraftVersion} dismissed: {reason}"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        await ReviewApprovals.RefreshStatusAsync(db, request, await DraftVersionAsync(db, request, ct), now, ct);
        await transaction.CommitAsync(ct);
        var names = new Dictionary<Guid, string> { [review.ReviewerUserId] = reviewer };
        return ToInfo(review, names, await DisplayNameAsync(db, userId, ct));
    }

    private static async Task<string> DisplayNameAsync(SgDbContext db, Guid userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? userId.ToString();

    // A comment about a group or rule is about one in the draft or in the revision it started from (a rule the draft
    // removes is still worth a word); anything else is a typo that would be stored as a dangling reference.
    private static async Task<StoreFailure?> UnknownSubjectAsync(SgDbContext db, ChangeRequestRow request, string? groupId, string? ruleId, CancellationToken ct)
    {
        if (groupId is null && ruleId is null)
            return null;
        // Checked before the lookup: PostgreSQL refuses a NUL even as a query parameter.
        foreach (var (field, id) in new[] { ("groupId", groupId), ("ruleId", ruleId) })
            if (id is not null && StoredText.Problem(id, 50) is { } problem)
                return StoreFailure.Invalid(field, $"the id {problem}");
        var draftSnapshot = await db.Drafts.Where(d => d.Id == request.DraftId).Select(d => d.SnapshotId).FirstAsync(ct);
        var baseSnapshot = await db.Revisions.Where(r => r.PolicyId == request.PolicyId && r.Number == request.BaseRevisionNumber)
            .Select(r => (Guid?)r.SnapshotId).FirstOrDefaultAsync(ct) ?? draftSnapshot;
        if (groupId is not null && !await db.SecurityGroups.AnyAsync(g => (g.SnapshotId == draftSnapshot || g.SnapshotId == baseSnapshot) && g.Id == groupId, ct))
            return StoreFailure.Invalid("groupId", $"group {QuotedValue.Of(groupId)} is not in the draft or the revision it started from");
        if (ruleId is not null && !await db.Rules.AnyAsync(
                r => (r.SnapshotId == draftSnapshot || r.SnapshotId == baseSnapshot) && r.Id == ruleId && (groupId == null || r.GroupId == groupId), ct))
            return StoreFailure.Invalid("ruleId", $"rule {QuotedValue.Of(ruleId)} is not in {(groupId is null ? "the draft" : $"group {QuotedValue.Of(groupId)} of the draft")} or the revision it started from");
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
