using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Paging;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Review;

// The API's lists of requests and comments, a page at a time, in the database.
public sealed partial class ReviewStore
{
    /// <summary>
    /// A policy's requests, newest first by number (unique in a policy); merged and closed ones only when asked. Key: Number.
    /// </summary>
    public async Task<StoreResult<KeysetPage<ChangeRequestInfo>>> ListAsync(
        Guid policyId, bool includeClosed, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return StoreFailure.NotFound($"policy {policyId} does not exist");
        var rows = db.ChangeRequests.AsNoTracking().Where(r => r.PolicyId == policyId && (includeClosed || Active.Contains(r.Status)));
        if (page.After is { } after)
            rows = rows.Where(r => r.Number < after.Number);
        var read = await Keyset.ReadAsync(rows.OrderByDescending(r => r.Number), page.Limit, r => new PageKey(r.Number), ct);
        return await WithNamesAsync(db, read, ct);
    }

    /// <summary>
    /// As <see cref="WaitingForReviewAsync(Guid, Guid?, CancellationToken)"/>, a page at a time: newest first by creation time, then by id (descending).
    /// Key: Number = ticks, Id.
    /// </summary>
    public async Task<KeysetPage<ChangeRequestInfo>> WaitingForReviewAsync(Guid userId, Guid? policyId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = WaitingFor(db, userId, policyId);
        if (page.After is { } after)
        {
            var at = after.Time;
            rows = rows.Where(r => r.CreatedAt < at || (r.CreatedAt == at && r.Id.CompareTo(after.Id) < 0));
        }
        var read = await Keyset.ReadAsync(rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id), page.Limit,
            r => PageKey.At(r.CreatedAt, r.Id), ct);
        return await WithNamesAsync(db, read, ct);
    }

    /// <summary>A request's comments, oldest first by time, then by id. Key: Number = ticks, Id.</summary>
    public async Task<StoreResult<KeysetPage<ReviewCommentInfo>>> ListCommentsAsync(Guid requestId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.ChangeRequests.AnyAsync(r => r.Id == requestId, ct))
            return NotFound(requestId);
        var rows = db.ReviewComments.AsNoTracking().Where(c => c.ChangeRequestId == requestId);
        if (page.After is { } after)
        {
            var at = after.Time;
            rows = rows.Where(c => c.CreatedAt > at || (c.CreatedAt == at && c.Id.CompareTo(after.Id) > 0));
        }
        var read = await Keyset.ReadAsync(rows.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id), page.Limit, c => PageKey.At(c.CreatedAt, c.Id), ct);
        var names = await NamesAsync(db, [.. read.Items.Select(c => c.AuthorUserId)], ct);
        return read.Select(c => new ReviewCommentInfo(
            c.Id, c.AuthorUserId, Name(names, c.AuthorUserId), c.Body, c.GroupId, c.RuleId, c.DraftVersion, Utc(c.CreatedAt)));
    }

    private static async Task<KeysetPage<ChangeRequestInfo>> WithNamesAsync(SgDbContext db, KeysetPage<ChangeRequestRow> read, CancellationToken ct)
    {
        var names = await NamesAsync(db, [.. read.Items.Select(r => r.AuthorUserId)], ct);
        return read.Select(r => ToInfo(r, Name(names, r.AuthorUserId)));
    }
}
