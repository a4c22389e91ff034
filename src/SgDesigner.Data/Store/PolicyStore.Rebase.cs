using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Mapping;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Store;

// What a rebase needs from storage, inside the caller's transaction: the estates of revisions and drafts, a lock that
// serialises publishing, and replacing a draft's content with the merged estate on a new base.
public sealed partial class PolicyStore
{
    /// <summary>The number of the policy's newest revision, or null when it has none.</summary>
    internal static Task<int?> NewestRevisionAsync(SgDbContext db, Guid policyId, CancellationToken ct) =>
        db.Revisions.Where(r => r.PolicyId == policyId).MaxAsync(r => (int?)r.Number, ct);

    /// <summary>A revision's content; the empty estate for a missing number (a draft of a policy without revisions).</summary>
    internal static async Task<Estate> RevisionEstateAsync(SgDbContext db, Guid policyId, int? number, CancellationToken ct)
    {
        var snapshotId = number is null
            ? (Guid?)null
            : await db.Revisions.Where(r => r.PolicyId == policyId && r.Number == number).Select(r => (Guid?)r.SnapshotId).FirstOrDefaultAsync(ct);
        return snapshotId is { } id ? await SnapshotEstateAsync(db, id, ct) : Estate.Empty;
    }

    /// <summary>A snapshot's content (a revision's or a draft's).</summary>
    internal static async Task<Estate> SnapshotEstateAsync(SgDbContext db, Guid snapshotId, CancellationToken ct)
    {
        var snapshot = await db.Snapshots.AsNoTracking().FirstAsync(s => s.Id == snapshotId, ct);
        return EstateMapping.ToEstate(await SnapshotContent.LoadAsync(db, snapshot, ct));
    }

    /// <summary>
    /// Makes <paramref name="merged"/> the content of an open draft based on revision <paramref name="onto"/>: only the rows
    /// that differ are written. The caller has claimed the draft's version (which is what dismisses approvals and
    /// refuses a concurrent edit) and validated the merged estate. <paramref name="actor"/> is recorded as the author of
    /// what the rebase changes in the draft (choosing a side of a conflict is authoring).
    /// </summary>
    internal static async Task<StoreResult<DraftInfo>> RebaseDraftInAsync(
        SgDbContext db, Guid draftId, int? onto, Estate merged, AuditActor actor, DateTime now, CancellationToken ct)
    {
        var draft = await db.Drafts.AsNoTracking().FirstAsync(d => d.Id == draftId, ct);
        var snapshot = await db.Snapshots.FirstAsync(s => s.Id == draft.SnapshotId, ct);
        var before = await SnapshotContent.LoadAsync(db, snapshot, ct);
        DraftAuthorship.Record(db, draft, draft.Version, now, actor, EstateMapping.ToEstate(before), merged, action: "draft.rebased");
        var after = EstateMapping.ToRows(merged, snapshot.Id);
        try
        {
            SnapshotContent.QueueChanges(db, before, after);
            snapshot.RulesPerDirection = after.Quotas.RulesPerDirection;
            snapshot.GroupsPerEni = after.Quotas.GroupsPerEni;
            db.Entry(snapshot).DetectChanges();
            if (await SaveAsync(db, ct) is { } failure)
                return failure;
        }
        finally
        {
            // QueueChanges turns automatic detection off; the caller goes on to change tracked rows (a request's status).
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        // Not through a tracked row: the draft's version (its concurrency token) moves on again when it is published.
        await db.Drafts.Where(d => d.Id == draftId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.BaseRevisionNumber, onto).SetProperty(d => d.UpdatedAt, now), ct);
        await db.Policies.Where(p => p.Id == draft.PolicyId).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, now), ct);
        return ToInfo(await db.Drafts.AsNoTracking().FirstAsync(d => d.Id == draftId, ct));
    }
}
