using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Paging;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Store;

// The API's lists, a page at a time, in the database (the pages of the app read the whole lists above).
public sealed partial class PolicyStore
{
    /// <summary>
    /// The policies <paramref name="userId"/> may see (all of them for an administrator; only
    /// <paramref name="onlyPolicyId"/> when a token is bound to it), by name ignoring case, then by id. Key: Text = the
    /// normalised name, Id.
    /// </summary>
    public async Task<KeysetPage<PolicySummary>> ListPoliciesAsync(Guid userId, Guid? onlyPolicyId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var admin = await db.Users.AnyAsync(u => u.Id == userId && u.IsAdministrator, ct);
        var visible = db.Policies.AsNoTracking()
            .Where(p => admin || db.PolicyMemberships.Any(m => m.PolicyId == p.Id && m.UserId == userId))
            .Where(p => onlyPolicyId == null || p.Id == onlyPolicyId);
        if (page.After is { } after)
            visible = visible.Where(p => string.Compare(p.NormalizedName, after.Text) > 0
                                         || (p.NormalizedName == after.Text && p.Id.CompareTo(after.Id) > 0));
        var keys = await Keyset.ReadAsync(
            visible.OrderBy(p => p.NormalizedName).ThenBy(p => p.Id).Select(p => new { p.Id, p.NormalizedName }),
            page.Limit, p => new PageKey(Text: p.NormalizedName, Id: p.Id), ct);
        var ids = keys.Items.Select(k => k.Id).ToList();
        var summaries = (await SummaryQuery(db, db.Policies.Where(p => ids.Contains(p.Id))).ToListAsync(ct)).ToDictionary(p => p.Id);
        return keys.Select(k => summaries[k.Id]);
    }

    /// <summary>A policy's revisions, newest first (by number, which is unique in a policy). Key: Number.</summary>
    public async Task<StoreResult<KeysetPage<RevisionInfo>>> ListRevisionsAsync(Guid policyId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return PolicyNotFound(policyId);
        var rows = db.Revisions.AsNoTracking().Where(r => r.PolicyId == policyId);
        if (page.After is { } after)
            rows = rows.Where(r => r.Number < after.Number);
        var read = await Keyset.ReadAsync(rows.OrderByDescending(r => r.Number), page.Limit, r => new PageKey(r.Number), ct);
        return read.Select(ToInfo);
    }

    /// <summary>A policy's open drafts, newest first by creation time, then by id (descending). Key: Number = ticks, Id.</summary>
    public async Task<StoreResult<KeysetPage<DraftInfo>>> ListDraftsAsync(Guid policyId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return PolicyNotFound(policyId);
        var rows = db.Drafts.AsNoTracking().Where(d => d.PolicyId == policyId && d.Status == DraftStatus.Open);
        if (page.After is { } after)
        {
            var at = after.Time;
            rows = rows.Where(d => d.CreatedAt < at || (d.CreatedAt == at && d.Id.CompareTo(after.Id) < 0));
        }
        var read = await Keyset.ReadAsync(rows.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id), page.Limit,
            d => PageKey.At(d.CreatedAt, d.Id), ct);
        return read.Select(ToInfo);
    }
}
