using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Review;

// Requested reviewers: who the author asks to review, and the requests waiting for someone's review.
public sealed partial class ReviewStore
{
    /// <summary>How many reviewers one request can name.</summary>
    public const int MaxReviewers = 20;

    /// <summary>
    /// Replaces the request's requested reviewers with <paramref name="reviewers"/> (user ids or e-mails of members with
    /// the reviewer or owner role, never the author), or with <paramref name="addToCurrent"/> adds them to those asked
    /// already; by the author or an owner, while the request is under review. Audited as <c>request.reviewers-changed</c>
    /// naming who was added and removed.
    /// </summary>
    public async Task<StoreResult<IReadOnlyList<RequestedReviewerInfo>>> SetReviewersAsync(
        AuditActor actor, Guid requestId, IReadOnlyList<string?> reviewers, bool addToCurrent = false, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Step 4 of RowLocks' order and nothing earlier: two changes of one request's reviewers take turns.
        await RowLocks.RequestAsync(db, requestId, ct);
        var request = await db.ChangeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
            return NotFound(requestId);
        if (request.AuthorUserId != userId
            && await PolicyAccess.CheckAsync(db, userId, PolicyAction.ManageSettings, request.PolicyId, null, ct) is not null)
            return StoreFailure.Forbidden("only the author or an owner can change who is asked to review");
        if (!Active.Contains(request.Status))
            return StoreFailure.Conflict($"change request #{request.Number} is {Describe(request.Status)}; its reviewers stand as they were");
        var wanted = await ResolveReviewersAsync(db, request.PolicyId, request.AuthorUserId, reviewers, ct);
        if (!wanted.IsOk)
            return wanted.Failure!;
        var current = await db.RequestedReviewers.Where(r => r.ChangeRequestId == requestId).ToListAsync(ct);
        var removed = addToCurrent ? [] : current.Where(r => !wanted.Value.Contains(r.UserId)).ToList();
        var added = wanted.Value.Where(id => current.All(r => r.UserId != id)).ToList();
        if (removed.Count + added.Count > 0)
        {
            var now = Now;
            db.RequestedReviewers.RemoveRange(removed);
            AddReviewers(db, requestId, added, userId, now);
            var names = await NamesAsync(db, [.. added, .. removed.Select(r => r.UserId)], ct);
            db.AuditEntries.Add(Audit(request, now, actor, "request.reviewers-changed", ReviewersChange(request.Number, added, removed, names)));
            if (await PolicyStore.SaveAsync(db, ct) is { } failure)
                return failure;
        }
        await transaction.CommitAsync(ct);
        return StoreResult<IReadOnlyList<RequestedReviewerInfo>>.Ok(await ReviewersAsync(db, request, ct));
    }

    /// <summary>
    /// The active requests that wait for <paramref name="userId"/>'s review (on one policy when given), newest first: they
    /// are asked to review, still hold the reviewer or owner role, and have given no review that stands for the draft
    /// as it is now (none yet, or one dismissed, or one of an older draft version).
    /// </summary>
    public async Task<IReadOnlyList<ChangeRequestInfo>> WaitingForReviewAsync(Guid userId, Guid? policyId = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await WaitingFor(db, userId, policyId).ToListAsync(ct);
        var names = await NamesAsync(db, [.. rows.Select(r => r.AuthorUserId)], ct);
        return [.. rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Number).Select(r => ToInfo(r, Name(names, r.AuthorUserId)))];
    }

    // The requests waiting for the user's review, as a query (the whole list and its pages share it).
    private static IQueryable<ChangeRequestRow> WaitingFor(SgDbContext db, Guid userId, Guid? policyId) => (
        from asked in db.RequestedReviewers
        where asked.UserId == userId
        join request in db.ChangeRequests on asked.ChangeRequestId equals request.Id
        where Active.Contains(request.Status) && (policyId == null || request.PolicyId == policyId)
        join draft in db.Drafts on request.DraftId equals draft.Id
        where !db.Reviews.Any(v => v.ChangeRequestId == request.Id && v.ReviewerUserId == userId && !v.Dismissed && v.DraftVersion == draft.Version)
        where db.PolicyMemberships.Any(m => m.PolicyId == request.PolicyId && m.UserId == userId
                                            && (m.Role == PolicyRole.Reviewer || m.Role == PolicyRole.Owner))
        select request).AsNoTracking();

    // Each entry a user id or an e-mail; every problem is reported at reviewers[i]. An unknown user and a user who is not a
    // reviewer of the policy get the same answer, so the field tells nobody which e-mails have an account.
    private static async Task<StoreResult<List<Guid>>> ResolveReviewersAsync(
        SgDbContext db, Guid policyId, Guid authorId, IReadOnlyList<string?> reviewers, CancellationToken ct)
    {
        if (reviewers.Count > MaxReviewers)
            return StoreFailure.Invalid("reviewers", $"a change request can name at most {MaxReviewers} reviewers");
        var errors = new List<ValidationError>();
        var ids = new List<Guid>();
        for (var i = 0; i < reviewers.Count; i++)
        {
            var path = $"reviewers[{i}]";
            var text = reviewers[i]?.Trim() ?? "";
            if (text.Length == 0)
            {
                errors.Add(new ValidationError(path, "name a reviewer by user id or e-mail"));
                continue;
            }
            // Checked before the lookup: PostgreSQL refuses a NUL even as a query parameter.
            if (StoredText.Problem(text, 256) is { } problem)
            {
                errors.Add(new ValidationError(path, $"the reviewer {problem}"));
                continue;
            }
            var normalized = text.Normalize().ToUpperInvariant();
            var user = Guid.TryParse(text, out var id)
                ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct)
                : await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
            if (user is not null && user.Id == authorId)
                errors.Add(new ValidationError(path, $"{user.DisplayName} opened the request and cannot review it"));
            else if (user is null || await PolicyAccess.CheckAsync(db, user.Id, PolicyAction.Review, policyId, null, ct) is not null)
                errors.Add(new ValidationError(path, $"{QuotedValue.Of(text)} is not a member of this policy with the reviewer or owner role"));
            else if (ids.Contains(user.Id))
                errors.Add(new ValidationError(path, $"{user.DisplayName} is named twice"));
            else
                ids.Add(user.Id);
        }
        return errors.Count > 0 ? StoreFailure.Invalid(errors) : ids;
    }

    private static async Task<IReadOnlyList<RequestedReviewerInfo>> ReviewersAsync(SgDbContext db, ChangeRequestRow request, CancellationToken ct)
    {
        var version = await DraftVersionAsync(db, request, ct);
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.ChangeRequestId == request.Id).ToListAsync(ct);
        return await ReviewersAsync(db, request.Id, version, reviews, ct);
    }

    // Each requested reviewer with the verdict that stands for the draft as it is now (their latest review, not
    // dismissed, at the current version), or null while they have yet to review it.
    private static async Task<IReadOnlyList<RequestedReviewerInfo>> ReviewersAsync(
        SgDbContext db, Guid requestId, long draftVersion, List<ReviewRow> reviews, CancellationToken ct)
    {
        var rows = await (
            from asked in db.RequestedReviewers
            where asked.ChangeRequestId == requestId
            join user in db.Users on asked.UserId equals user.Id
            select new { asked.UserId, user.DisplayName, user.Email, asked.RequestedAt }).AsNoTracking().ToListAsync(ct);
        return [.. rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase).Select(r => new RequestedReviewerInfo(
            r.UserId, r.DisplayName, r.Email ?? "", Utc(r.RequestedAt),
            reviews.Where(v => v.ReviewerUserId == r.UserId).MaxBy(v => (v.CreatedAt, v.Id)) is { Dismissed: false } latest && latest.DraftVersion == draftVersion
                ? latest.Verdict
                : null))];
    }

    private static void AddReviewers(SgDbContext db, Guid requestId, IEnumerable<Guid> reviewers, Guid requestedBy, DateTime at) =>
        db.RequestedReviewers.AddRange(reviewers.Select(id => new RequestedReviewerRow
        {
            ChangeRequestId = requestId, UserId = id, RequestedByUserId = requestedBy, RequestedAt = at,
        }));

    private static string ReviewersChange(int number, List<Guid> added, List<RequestedReviewerRow> removed, Dictionary<Guid, string> names)
    {
        var parts = new List<string>();
        if (added.Count > 0)
            parts.Add($"asked {string.Join(", ", added.Select(id => Name(names, id)))}");
        if (removed.Count > 0)
            parts.Add($"no longer asked {string.Join(", ", removed.Select(r => Name(names, r.UserId)))}");
        return $"#{number}: {string.Join("; ", parts)}";
    }
}
