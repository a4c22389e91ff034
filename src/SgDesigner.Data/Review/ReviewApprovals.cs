using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Review;

/// <summary>
/// Which reviews count, and the status that follows. Only a reviewer's latest non-dismissed review counts. An
/// approval counts only while the draft is still at the version it approved, the reviewer still holds the
/// reviewer or owner role and authored no change in the draft (<see cref="DraftAuthors"/>): this is computed every time, so no write path (a direct edit, a race between an
/// approval and an edit) can make a stale approval count. The dismissal recorded on the row by
/// <c>DismissStaleAsync</c> is what the page shows; the version comparison is what the rules rely on.
/// </summary>
internal static class ReviewApprovals
{
    public const string EditedReason = "the draft was edited after this approval";

    /// <summary>The statuses of a request still under review.</summary>
    public static readonly ChangeRequestStatus[] Active =
        [ChangeRequestStatus.Open, ChangeRequestStatus.ChangesRequested, ChangeRequestStatus.Approved];

    /// <summary>Why approvals were dismissed when the author rebased the draft onto <paramref name="revision"/>.</summary>
    public static string RebasedReason(int? revision) => $"rebased onto revision {revision}";

    /// <summary>Called inside every draft edit's transaction, once the draft has moved to <paramref name="newVersion"/>.</summary>
    public static Task DismissStaleAsync(SgDbContext db, Guid draftId, long newVersion, DateTime now, CancellationToken ct) =>
        DismissStaleAsync(db, draftId, newVersion, now, EditedReason, ct);

    /// <summary>As above, with the <paramref name="reason"/> the page shows beside each dismissed approval.</summary>
    /// <remarks>
    /// One statement when there is nothing to dismiss (every edit pays it); the request's status is recomputed only when
    /// an approval was dismissed, since otherwise no approval counted at the old version either.
    /// </remarks>
    public static async Task DismissStaleAsync(SgDbContext db, Guid draftId, long newVersion, DateTime now, string reason, CancellationToken ct)
    {
        var dismissed = await db.Reviews
            .Where(r => r.Verdict == ReviewVerdict.Approve && !r.Dismissed && r.DraftVersion < newVersion
                && db.ChangeRequests.Any(c => c.Id == r.ChangeRequestId && c.DraftId == draftId && Active.Contains(c.Status)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Dismissed, true)
                .SetProperty(r => r.DismissedAt, now)
                .SetProperty(r => r.DismissedReason, reason), ct);
        if (dismissed == 0)
            return;
        var request = await db.ChangeRequests.FirstAsync(r => r.DraftId == draftId && Active.Contains(r.Status), ct);
        await RefreshStatusAsync(db, request, newVersion, now, ct);
    }

    /// <summary>The number of the draft's open, approved or changes-requested request, if any.</summary>
    public static Task<int?> ActiveRequestNumberAsync(SgDbContext db, Guid draftId, CancellationToken ct) =>
        db.ChangeRequests.Where(r => r.DraftId == draftId && Active.Contains(r.Status)).Select(r => (int?)r.Number).FirstOrDefaultAsync(ct);

    /// <summary>An abandoned draft's request cannot be merged any more: it is closed with it.</summary>
    public static Task CloseForAbandonedDraftAsync(SgDbContext db, Guid draftId, DateTime now, CancellationToken ct) =>
        db.ChangeRequests.Where(r => r.DraftId == draftId && Active.Contains(r.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ChangeRequestStatus.Closed).SetProperty(r => r.UpdatedAt, now), ct);

    /// <summary>The state of a request's reviews with the draft at <paramref name="draftVersion"/>.</summary>
    public static async Task<ApprovalState> StateAsync(SgDbContext db, ChangeRequestRow request, long draftVersion, CancellationToken ct)
    {
        var required = await db.Policies.Where(p => p.Id == request.PolicyId).Select(p => p.RequiredApprovals).FirstAsync(ct);
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.ChangeRequestId == request.Id).ToListAsync(ct);
        // Each reviewer's latest verdict, dismissed or not: a dismissed approval counts for nothing, and must not
        // bring back the request for changes that it answered.
        var latest = reviews.GroupBy(r => r.ReviewerUserId)
            .Select(g => g.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).First())
            .Where(r => !r.Dismissed)
            .ToList();
        var reviewerIds = latest.Select(r => r.ReviewerUserId).ToList();
        var entitled = (await db.PolicyMemberships.AsNoTracking()
                .Where(m => m.PolicyId == request.PolicyId && reviewerIds.Contains(m.UserId))
                .Select(m => new { m.UserId, m.Role })
                .ToListAsync(ct))
            .Where(m => m.Role >= PolicyRole.Reviewer)
            .Select(m => m.UserId)
            .ToHashSet();
        // Whoever changed anything in the draft is one of its authors: their approval counts for nothing, even one given
        // before their edit that some path forgot to dismiss.
        var approverIds = latest.Where(r => r.Verdict == ReviewVerdict.Approve).Select(r => r.ReviewerUserId).ToList();
        var authors = await DraftAuthors.AmongAsync(db, request.DraftId, approverIds, ct);
        var approvals = latest.Count(r =>
            r.Verdict == ReviewVerdict.Approve && r.DraftVersion == draftVersion && entitled.Contains(r.ReviewerUserId)
            && r.ReviewerUserId != request.AuthorUserId && !authors.Contains(r.ReviewerUserId));
        var blocking = latest.Where(r => r.Verdict == ReviewVerdict.RequestChanges).Select(r => r.ReviewerUserId).ToList();
        return new ApprovalState(approvals, required, blocking);
    }

    /// <summary>The status of an active request in this state.</summary>
    public static ChangeRequestStatus StatusOf(ApprovalState state) =>
        state.Blocking.Count > 0 ? ChangeRequestStatus.ChangesRequested
        : state.Approvals >= state.Required ? ChangeRequestStatus.Approved
        : ChangeRequestStatus.Open;

    /// <summary>Recomputes the status of every open request of the policy (after its required approvals changed), under the policy's lock.</summary>
    public static async Task RefreshOpenRequestsAsync(SgDbContext db, Guid policyId, DateTime now, CancellationToken ct)
    {
        foreach (var request in await db.ChangeRequests.Where(r => r.PolicyId == policyId && Active.Contains(r.Status)).ToListAsync(ct))
            await RefreshStatusAsync(db, request, await db.Drafts.Where(d => d.Id == request.DraftId).Select(d => d.Version).FirstAsync(ct), now, ct);
    }

    /// <summary>Recomputes and stores an active request's status (merged and closed ones stay as they are).</summary>
    public static async Task<ApprovalState> RefreshStatusAsync(
        SgDbContext db, ChangeRequestRow request, long draftVersion, DateTime now, CancellationToken ct)
    {
        var state = await StateAsync(db, request, draftVersion, ct);
        if (!Active.Contains(request.Status))
            return state;
        var status = StatusOf(state);
        if (status != request.Status)
        {
            // Only while still active: a merge that committed after this request was read must not be undone.
            await db.ChangeRequests.Where(r => r.Id == request.Id && Active.Contains(r.Status))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.UpdatedAt, now), ct);
            request.Status = status;
        }
        return state;
    }
}

/// <summary>How far a change request is from being mergeable.</summary>
/// <param name="Approvals">Current approvals: latest verdict of a reviewer still entitled to review who changed nothing in the draft, at the draft's version.</param>
/// <param name="Required">The policy's setting.</param>
/// <param name="Blocking">Reviewers whose latest verdict asks for changes.</param>
public sealed record ApprovalState(int Approvals, int Required, IReadOnlyList<Guid> Blocking)
{
    /// <summary>Enough approvals and nobody asking for changes.</summary>
    public bool CanMerge => Approvals >= Required && Blocking.Count == 0;
}
