using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Review;

/// <summary>
/// Change requests: an editor proposes a draft, reviewers comment, approve or request changes, and an approved
/// request is merged (published). Every operation checks the actor's role with <see cref="PolicyAccess"/> in the
/// same context and audits itself in the same transaction. Reviews count per <see cref="ReviewApprovals"/>.
/// </summary>
public sealed partial class ReviewStore(IDbContextFactory<SgDbContext> contexts, TimeProvider clock)
{
    private static readonly ChangeRequestStatus[] Active = ReviewApprovals.Active;

    // The audit action of an owner's dismissal, whose actor the conversation shows as "dismissed by".
    private const string DismissedAction = "request.review-dismissed";

    /// <summary>Opens a change request for an open draft, asking nobody to review it yet; a draft has at most one request.</summary>
    public Task<StoreResult<ChangeRequestInfo>> OpenAsync(
        AuditActor actor, Guid draftId, string title, string? description, CancellationToken ct = default) =>
        OpenAsync(actor, draftId, title, description, [], ct);

    /// <summary>
    /// Opens a change request for an open draft; a draft has at most one request. <paramref name="reviewers"/> (user ids
    /// or e-mails of the policy's reviewers and owners) are asked to review it; a bad one stores nothing.
    /// </summary>
    public async Task<StoreResult<ChangeRequestInfo>> OpenAsync(
        AuditActor actor, Guid draftId, string title, string? description, IReadOnlyList<string?> reviewers, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
            return StoreFailure.Invalid("title", "a change request needs a title of 1 to 200 characters");
        if (description?.Length > 10000)
            return StoreFailure.Invalid("description", "a description can have at most 10,000 characters");
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var draft = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == draftId, ct);
        if (draft is null)
            return StoreFailure.NotFound($"draft {draftId} does not exist");
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Edit, draft.PolicyId, null, ct) is { } refused)
            return refused;
        if (draft.Status != DraftStatus.Open)
            return StoreFailure.Conflict($"the draft is {draft.Status.ToString().ToLowerInvariant()}; only an open draft can be proposed");
        if (await db.ChangeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.DraftId == draftId, ct) is { } existing)
            return StoreFailure.Conflict($"this draft is already change request #{existing.Number}");
        var now = Now;
        var number = (await db.ChangeRequests.Where(r => r.PolicyId == draft.PolicyId).MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;
        var request = new ChangeRequestRow
        {
            Id = Guid.CreateVersion7(), PolicyId = draft.PolicyId, Number = number, DraftId = draftId, Title = title,
            Description = description?.Trim() ?? "", AuthorUserId = userId, Status = ChangeRequestStatus.Open,
            BaseRevisionNumber = draft.BaseRevisionNumber, CreatedAt = now, UpdatedAt = now,
        };
        var asked = await ResolveReviewersAsync(db, draft.PolicyId, userId, reviewers, ct);
        if (!asked.IsOk)
            return asked.Failure!;
        db.ChangeRequests.Add(request);
        AddReviewers(db, request.Id, asked.Value, userId, now);
        var names = await NamesAsync(db, asked.Value, ct);
        db.AuditEntries.Add(Audit(request, now, actor, "request.opened",
            $"#{number} '{title}'{(asked.Value.Count == 0 ? "" : $"; asked {string.Join(", ", asked.Value.Select(id => Name(names, id)))} to review")}"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        await transaction.CommitAsync(ct);
        return await InfoAsync(db, request, ct);
    }

    /// <summary>A request with its comments, reviews and approval state.</summary>
    public async Task<StoreResult<ChangeRequestDetails>> GetAsync(Guid requestId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var request = await db.ChangeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
            return NotFound(requestId);
        var version = await DraftVersionAsync(db, request, ct);
        var comments = await db.ReviewComments.AsNoTracking().Where(c => c.ChangeRequestId == requestId).ToListAsync(ct);
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.ChangeRequestId == requestId).ToListAsync(ct);
        var names = await NamesAsync(db, [.. comments.Select(c => c.AuthorUserId), .. reviews.Select(r => r.ReviewerUserId)], ct);
        var state = await ReviewApprovals.StateAsync(db, request, version, ct);
        var authorship = await DraftAuthors.OfDraftAsync(db, request.DraftId, ct);
        var dismissers = await DismissersAsync(db, request.PolicyId, reviews, ct);
        // The stored status of an active request can trail a race (an approval and an edit at once); show the computed one.
        if (Active.Contains(request.Status))
            request.Status = ReviewApprovals.StatusOf(state);
        return new ChangeRequestDetails(
            await InfoAsync(db, request, ct), version,
            [.. comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => new ReviewCommentInfo(
                c.Id, c.AuthorUserId, Name(names, c.AuthorUserId), c.Body, c.GroupId, c.RuleId, c.DraftVersion, Utc(c.CreatedAt)))],
            [.. reviews.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => ToInfo(r, names, dismissers.GetValueOrDefault(r.Id.ToString())))],
            state, authorship, await ReviewersAsync(db, requestId, version, reviews, ct));
    }

    /// <summary>Who changed each object of a draft, in one query: what the request page shows beside each rule change.</summary>
    public async Task<IReadOnlyList<ObjectAuthors>> AuthorsAsync(Guid draftId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await DraftAuthors.OfDraftAsync(db, draftId, ct);
    }

    // The owner who dismissed each review, from the audit trail (edits and rebases dismiss without one).
    private static async Task<Dictionary<string, string>> DismissersAsync(SgDbContext db, Guid policyId, List<ReviewRow> reviews, CancellationToken ct)
    {
        List<string?> ids = [.. reviews.Where(r => r.Dismissed).Select(r => (string?)r.Id.ToString())];
        if (ids.Count == 0)
            return [];
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PolicyId == policyId && a.Action == DismissedAction && a.TargetKind == "review" && ids.Contains(a.TargetId))
            .Select(a => new { a.TargetId, a.ActorUserId, a.Actor })
            .ToListAsync(ct);
        var names = await NamesAsync(db, [.. entries.Where(e => e.ActorUserId is not null).Select(e => e.ActorUserId!.Value)], ct);
        return entries.DistinctBy(e => e.TargetId).ToDictionary(
            e => e.TargetId!, e => e.ActorUserId is { } id ? Name(names, id) : e.Actor);
    }

    /// <summary>A policy's requests, newest first; merged and closed ones only when asked.</summary>
    public async Task<StoreResult<IReadOnlyList<ChangeRequestInfo>>> ListAsync(Guid policyId, bool includeClosed = false, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return StoreFailure.NotFound($"policy {policyId} does not exist");
        var rows = await db.ChangeRequests.AsNoTracking()
            .Where(r => r.PolicyId == policyId && (includeClosed || Active.Contains(r.Status))).ToListAsync(ct);
        var names = await NamesAsync(db, [.. rows.Select(r => r.AuthorUserId)], ct);
        return rows.OrderByDescending(r => r.Number).Select(r => ToInfo(r, Name(names, r.AuthorUserId))).ToList();
    }

    /// <summary>Closes a request without merging; by its author or an owner. The draft stays open.</summary>
    public async Task<StoreResult<ChangeRequestInfo>> CloseAsync(AuditActor actor, Guid requestId, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var request = await db.ChangeRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
            return NotFound(requestId);
        if (request.AuthorUserId != userId
            && await PolicyAccess.CheckAsync(db, userId, PolicyAction.ManageSettings, request.PolicyId, null, ct) is not null)
            return StoreFailure.Forbidden("only the author or an owner can close a change request");
        if (!Active.Contains(request.Status))
            return StoreFailure.Conflict($"change request #{request.Number} is already {Describe(request.Status)}");
        request.Status = ChangeRequestStatus.Closed;
        request.UpdatedAt = Now;
        db.AuditEntries.Add(Audit(request, request.UpdatedAt, actor, "request.closed", $"#{request.Number} '{request.Title}'"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        return await InfoAsync(db, request, ct);
    }

    /// <summary>Sets how many approvals a request of the policy needs (at least 1); owners and administrators only.</summary>
    /// <remarks>With <paramref name="expectedTag"/>, only while the settings are the ones it was read with (<see cref="Settings.PolicySettingsStore.Tag(int, string, bool, bool)"/>).</remarks>
    public async Task<StoreResult<int>> SetRequiredApprovalsAsync(
        AuditActor actor, Guid policyId, int required, string? expectedTag = null, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        if (required is < 1 or > 20)
            return StoreFailure.Invalid("requiredApprovals", "a policy needs between 1 and 20 approvals per change request");
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.ManageSettings, policyId, null, ct) is { } refused)
            return refused;
        // The policy before its requests (RowLocks' order); the requests are read under the lock, so none is missed.
        await RowLocks.PolicyAsync(db, policyId, ct);
        var policy = await db.Policies.FirstAsync(p => p.Id == policyId, ct);
        if (StateTag.Check(expectedTag, Settings.PolicySettingsStore.Tag(policy), "the policy's settings") is { } stale)
            return stale;
        var old = policy.RequiredApprovals;
        policy.RequiredApprovals = required;
        var now = Now;
        db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, "policy.settings-changed", "policy", policyId.ToString(),
            $"required approvals {old} → {required}"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        // Open requests become approved, or stop being, under the new rule.
        await ReviewApprovals.RefreshOpenRequestsAsync(db, policyId, now, ct);
        await transaction.CommitAsync(ct);
        return required;
    }

    private static Task<long> DraftVersionAsync(SgDbContext db, ChangeRequestRow request, CancellationToken ct) =>
        db.Drafts.Where(d => d.Id == request.DraftId).Select(d => d.Version).FirstAsync(ct);

    private static async Task<Dictionary<Guid, string>> NamesAsync(SgDbContext db, List<Guid> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private static string Name(Dictionary<Guid, string> names, Guid userId) => names.GetValueOrDefault(userId, userId.ToString());

    private static async Task<ChangeRequestInfo> InfoAsync(SgDbContext db, ChangeRequestRow r, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == r.AuthorUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return ToInfo(r, name ?? r.AuthorUserId.ToString());
    }

    private static ChangeRequestInfo ToInfo(ChangeRequestRow r, string authorName) => new(
        r.Id, r.PolicyId, r.Number, r.DraftId, r.Title, r.Description, r.AuthorUserId, authorName, r.Status,
        r.BaseRevisionNumber, r.MergedRevisionNumber, Utc(r.CreatedAt), Utc(r.UpdatedAt));

    private static ReviewInfo ToInfo(ReviewRow r, Dictionary<Guid, string> names, string? dismissedBy = null) => new(
        r.Id, r.ReviewerUserId, Name(names, r.ReviewerUserId), r.Verdict, r.Body, r.DraftVersion, Utc(r.CreatedAt),
        r.Dismissed, r.DismissedAt is { } at ? Utc(at) : null, r.DismissedReason, dismissedBy);

    private static AuditEntryRow Audit(ChangeRequestRow request, DateTime at, AuditActor actor, string action, string details) =>
        AuditLog.Row(request.PolicyId, at, actor, action, "change-request", request.Id.ToString(), details);

    private static StoreFailure NotFound(Guid requestId) => StoreFailure.NotFound($"change request {requestId} does not exist");

    private static string Describe(ChangeRequestStatus status) => status switch
    {
        ChangeRequestStatus.ChangesRequested => "waiting for changes",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static DateTime Utc(DateTime value) => StoredTime.Utc(value);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
