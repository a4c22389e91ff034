using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Mapping;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Store;

public sealed partial class PolicyStore
{
    /// <summary>A policy's drafts, newest first; closed (published, abandoned) ones only when asked.</summary>
    public async Task<StoreResult<IReadOnlyList<DraftInfo>>> ListDraftsAsync(Guid policyId, bool includeClosed = false, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return PolicyNotFound(policyId);
        var rows = await db.Drafts.AsNoTracking()
            .Where(d => d.PolicyId == policyId && (includeClosed || d.Status == DraftStatus.Open))
            .ToListAsync(ct);
        return rows.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Select(ToInfo).ToList();
    }

    /// <summary>Opens a draft holding a copy of revision <paramref name="baseRevision"/> (default: the latest).</summary>
    public async Task<StoreResult<DraftInfo>> CreateDraftAsync(
        Guid policyId, int? baseRevision, string title, AuditActor author, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return PolicyNotFound(policyId);
        var query = db.Revisions.AsNoTracking().Where(r => r.PolicyId == policyId);
        var revision = baseRevision is { } n
            ? await query.FirstOrDefaultAsync(r => r.Number == n, ct)
            : await query.OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        if (revision is null && baseRevision is not null)
            return StoreFailure.NotFound($"policy {policyId} has no revision {baseRevision}");
        title = string.IsNullOrWhiteSpace(title) ? "Untitled change" : title.Trim();
        return await OpenDraftAsync(db, policyId, revision, revision, title, author, "draft.created", $"'{title}' from revision {revision?.Number}", ct);
    }

    // A new draft based on revision `based` holding a copy of revision `content`'s snapshot (an empty one when null),
    // with its audit entry, in one transaction.
    private async Task<StoreResult<DraftInfo>> OpenDraftAsync(
        SgDbContext db, Guid policyId, RevisionRow? based, RevisionRow? content, string title, AuditActor author, string action, string details,
        CancellationToken ct)
    {
        var now = Now;
        var source = content is null ? null : await db.Snapshots.AsNoTracking().FirstAsync(s => s.Id == content.SnapshotId, ct);
        var snapshot = NewSnapshot(policyId, source is null ? Quotas.Default : new Quotas(source.RulesPerDirection, source.GroupsPerEni), now);
        var draft = new DraftRow
        {
            Id = Guid.CreateVersion7(), PolicyId = policyId, SnapshotId = snapshot.Id, BaseRevisionNumber = based?.Number,
            Title = title, Author = author.Name, Status = DraftStatus.Open, Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        db.Snapshots.Add(snapshot);
        db.Drafts.Add(draft);
        db.AuditEntries.Add(Audit(policyId, now, author, action, "draft", draft.Id, details));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await SaveAsync(db, ct) is { } failure)
            return failure;
        if (source is not null)
            await SnapshotCopy.CopyAsync(db, source.Id, snapshot.Id, ct);
        await transaction.CommitAsync(ct);
        return ToInfo(draft);
    }

    /// <summary>
    /// Runs the queries that read a draft and its content once, for no draft: the first person to open a draft after a
    /// start then does not wait for them to be compiled. With <paramref name="sample"/> (an estate not stored), its rows
    /// are also mapped back to an estate several times, a moment apart, until the mapping's per-row code runs
    /// optimized: compiled only once, on a large draft's first read, that code ran unoptimized for its 100,000 rows
    /// (300 ms at 10,000 instances instead of 40, and slower for the next two drafts read too). Reads nothing, writes
    /// nothing, keeps nothing.
    /// </summary>
    public async Task WarmUpAsync(Estate? sample = null, CancellationToken ct = default)
    {
        await GetOpenDraftAsync(Guid.Empty, ct);
        await GetDraftAsync(Guid.Empty, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Snapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == Guid.Empty, ct);
        var rows = await SnapshotContent.LoadSideBySideAsync(contexts, db, new SnapshotRow { Id = Guid.Empty }, ct);
        EstateMapping.ToEstate(rows);
        if (sample is null)
            return;
        var sampleRows = EstateMapping.ToRows(sample, Guid.NewGuid());
        for (var round = 0; round < MappingWarmUpRounds; round++)
        {
            EstateMapping.ToEstate(sampleRows);
            // The runtime optimizes a method once it has been called 30 times after a pause in compiling new code: the
            // sorts and look-ups are called about ten times a round, and the pause lets the runtime start counting.
            await Task.Delay(MappingWarmUpPause, ct);
        }
    }

    private const int MappingWarmUpRounds = 8;

    private static readonly TimeSpan MappingWarmUpPause = TimeSpan.FromMilliseconds(120);

    /// <summary>A draft and its content, with the version to send back with the next edit.</summary>
    public async Task<StoreResult<DraftContent>> GetDraftAsync(Guid draftId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var draft = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == draftId, ct);
        return draft is null ? DraftNotFound(draftId) : await ContentAsync(db, draft, ct);
    }

    /// <summary>
    /// An open draft and its content as <see cref="GetDraftAsync"/> gives it, in one read of the draft's row; null when
    /// there is no such draft or it is closed: a closed draft's content is never kept, and is then not read at all.
    /// </summary>
    public async Task<DraftContent?> GetOpenDraftAsync(Guid draftId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var draft = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == draftId && d.Status == DraftStatus.Open, ct);
        return draft is null ? null : await ContentAsync(db, draft, ct);
    }

    // The content of the draft whose row was just read in db: the kept content of its version, else read and kept.
    private async Task<DraftContent> ContentAsync(SgDbContext db, DraftRow draft, CancellationToken ct)
    {
        var draftId = draft.Id;
        if (drafts.Get(draftId, draft.Version) is { } kept)
            return new DraftContent(ToInfo(draft), kept.Estate);
        var snapshot = await db.Snapshots.AsNoTracking().FirstAsync(s => s.Id == draft.SnapshotId, ct);
        var rows = await SnapshotContent.LoadSideBySideAsync(contexts, db, snapshot, ct);
        var content = new DraftContent(ToInfo(draft), EstateMapping.ToEstate(rows));
        // Whoever reads a draft is about to edit it: keeping what was read spares the first edit loading it all again.
        // Only if no edit committed during the read (versions only grow, and every content change moves the version in
        // its own transaction, so an unchanged version means the tables were read at that version).
        if (draft.Status == DraftStatus.Open
            && await db.Drafts.Where(d => d.Id == draftId).Select(d => d.Version).FirstOrDefaultAsync(ct) == draft.Version)
            drafts.Put(content.Info, snapshot.Id, content.Estate);
        return content;
    }

    /// <summary>Replaces a draft's whole content (an import); only rows that differ are written.</summary>
    /// <remarks>Validated as imported data, like a new policy's content (see <see cref="CreatePolicyAsync"/>).</remarks>
    public Task<StoreResult<DraftInfo>> ReplaceDraftContentAsync(
        Guid draftId, Estate estate, long expectedVersion, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, ContentEdits.Replace(estate), actor, ct);

    /// <summary>
    /// Applies <paramref name="edit"/> (which validates its result) to the draft's content at
    /// <paramref name="expectedVersion"/> and stores only the rows that changed, provided the draft is still at that
    /// version. The version check and the write happen in one transaction, so of two people editing the same draft the
    /// second gets a conflict instead of silently overwriting the first. <paramref name="actor"/> is recorded as the
    /// author of every object the edit changes (see <see cref="DraftAuthorship"/>). The caller has checked that the actor
    /// may edit the draft's policy.
    /// </summary>
    /// <remarks>
    /// With the content at that version kept by <see cref="DraftContentCache"/> (every edit after the first), an edit is
    /// one batch (the version claim, the changed rows, the authorship rows, the audit entry, the policy's last change),
    /// one statement dismissing stale approvals, and the commit.
    /// </remarks>
    public async Task<StoreResult<DraftInfo>> EditDraftAsync(
        Guid draftId, long expectedVersion, EstateEdit edit, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var current = drafts.Get(draftId, expectedVersion) ?? await LoadForEditAsync(db, draftId, expectedVersion, ct);
        if (current is null)
            return await ClaimRefusalAsync(db, draftId, expectedVersion, ct);
        var edited = edit(current.Estate);
        if (!edited.IsOk)
            return StoreFailure.Refused(edited);
        var after = edited.Estate!;
        // An edit of some groups is checked, diffed and recorded on those groups alone (EditScope).
        var scope = EditScope.Of(current.Estate, after);
        if (StorageIntegrity.Check(after, scope) is { Count: > 0 } unstorable)
            return StoreFailure.Invalid(unstorable.DistinctBy(e => (e.Path, e.Message)));
        var now = Now;
        var version = expectedVersion + 1;
        var draft = ToRow(current.Info, current.SnapshotId);
        QueueClaim(db, draft, expectedVersion, now);
        QueueContent(db, current, after, scope);
        if (after.Quotas != current.Estate.Quotas)
            QueueQuotas(db, current.SnapshotId, after.Quotas);
        DraftAuthorship.Record(db, draft, version, now, actor, current.Estate, after, scope);
        // In the batch EF writes the draft's row (the claim) before the policy's: RowLocks' order, draft before policy.
        var policy = db.Policies.Attach(new PolicyRow { Id = current.Info.PolicyId, Name = "", NormalizedName = "" });
        policy.Entity.UpdatedAt = now;
        policy.Property(p => p.UpdatedAt).IsModified = true;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The claim found the draft at another version or gone: say which, as ClaimAsync does.
            await transaction.RollbackAsync(ct);
            return await ClaimRefusalAsync(db, draftId, expectedVersion, ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.Classify(e) is { } failure)
        {
            return failure;
        }
        // In the edit's own transaction: no path changes a draft's content without dismissing the approvals of it.
        await ReviewApprovals.DismissStaleAsync(db, draftId, version, now, ct);
        await transaction.CommitAsync(ct);
        var info = current.Info with { Version = version, UpdatedAt = StoredTime.Utc(now) };
        drafts.Put(info, current.SnapshotId, after);
        return info;
    }

    // The open draft at the expected version with its content, read outside the write's transaction: the claim in the
    // write refuses it if another edit committed in between, so what was read is what the edit changes.
    private static async Task<DraftContentCache.Entry?> LoadForEditAsync(SgDbContext db, Guid draftId, long expectedVersion, CancellationToken ct)
    {
        var draft = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == draftId, ct);
        if (draft is not { Status: DraftStatus.Open } || draft.Version != expectedVersion)
            return null;
        var snapshot = await db.Snapshots.AsNoTracking().FirstAsync(s => s.Id == draft.SnapshotId, ct);
        var rows = await SnapshotContent.LoadAsync(db, snapshot, ct);
        return new DraftContentCache.Entry(ToInfo(draft), snapshot.Id, EstateMapping.ToEstate(rows));
    }

    // The draft moves from expectedVersion to the next in the write's own batch: DraftRow.Version is the concurrency
    // token, so the UPDATE matches only while the draft is at that version (and therefore open: closing a draft moves
    // its version too). On PostgreSQL it takes the draft's row lock; a concurrent edit then finds the version moved on.
    private static void QueueClaim(SgDbContext db, DraftRow draft, long expectedVersion, DateTime now)
    {
        var entry = db.Drafts.Attach(draft);
        entry.Property(d => d.Version).OriginalValue = expectedVersion;
        entry.Entity.Version = expectedVersion + 1;
        entry.Entity.UpdatedAt = now;
        entry.Property(d => d.Version).IsModified = true;
        entry.Property(d => d.UpdatedAt).IsModified = true;
        db.ClaimedDraftSnapshots.Add(draft.SnapshotId);
    }

    // Only rows that differ are written; for an edit of some groups only those groups' rows are compared.
    private static void QueueContent(SgDbContext db, DraftContentCache.Entry current, Estate after, EditScope? scope)
    {
        var id = current.SnapshotId;
        if (scope is null)
        {
            SnapshotContent.QueueChanges(db, EstateMapping.ToRows(current.Estate, id), EstateMapping.ToRows(after, id));
            return;
        }
        var groups = EstateMapping.GroupsToRewrite(current.Estate, after, scope.Groups);
        SnapshotContent.QueueChanges(db, EstateMapping.GroupRows(current.Estate, id, groups), EstateMapping.GroupRows(after, id, groups));
    }

    private static void QueueQuotas(SgDbContext db, Guid snapshotId, Quotas quotas)
    {
        var snapshot = db.Snapshots.Attach(new SnapshotRow { Id = snapshotId });
        snapshot.Entity.RulesPerDirection = quotas.RulesPerDirection;
        snapshot.Entity.GroupsPerEni = quotas.GroupsPerEni;
        snapshot.Property(s => s.RulesPerDirection).IsModified = true;
        snapshot.Property(s => s.GroupsPerEni).IsModified = true;
    }

    private static DraftRow ToRow(DraftInfo info, Guid snapshotId) => new()
    {
        Id = info.Id, PolicyId = info.PolicyId, SnapshotId = snapshotId, BaseRevisionNumber = info.BaseRevision, Title = info.Title,
        Author = info.Author, Status = info.Status, PublishedRevisionNumber = info.PublishedRevision, Version = info.Version,
        CreatedAt = info.CreatedAt, UpdatedAt = info.UpdatedAt,
    };

    /// <summary>
    /// Publishes an open draft as the policy's next revision, atomically: the draft's content becomes the
    /// revision's and is sealed, the draft is closed. A draft based on an older revision than the latest is a
    /// conflict (publishing it would silently undo the newer revision); rebase it first.
    /// </summary>
    public async Task<StoreResult<RevisionInfo>> PublishDraftAsync(
        Guid draftId, string message, AuditActor author, long? expectedVersion = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A draft under review is published by merging its request, which checks the approvals.
        if (await ReviewApprovals.ActiveRequestNumberAsync(db, draftId, ct) is { } number)
            return StoreFailure.Conflict($"the draft is change request #{number}; merge the request to publish it");
        var published = await PublishInAsync(db, draftId, message, author, expectedVersion, Now, ct);
        if (!published.IsOk)
            return published.Failure!;
        await transaction.CommitAsync(ct);
        return ToInfo(published.Value);
    }

    // The publish itself, inside the caller's transaction (merging a change request publishes its draft the same way).
    internal static async Task<StoreResult<RevisionRow>> PublishInAsync(
        SgDbContext db, Guid draftId, string message, AuditActor actor, long? expectedVersion, DateTime now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(message))
            return StoreFailure.Invalid("message", "a revision needs a message saying what changed");
        var current = await db.Drafts.AsNoTracking().Where(d => d.Id == draftId).Select(d => (long?)d.Version).FirstOrDefaultAsync(ct);
        if (current is null)
            return DraftNotFound(draftId);
        if (await ClaimAsync(db, draftId, expectedVersion ?? current.Value, now, ct) is { } refused)
            return refused;
        var draft = await db.Drafts.FirstAsync(d => d.Id == draftId, ct);
        var latest = await db.Revisions.Where(r => r.PolicyId == draft.PolicyId).MaxAsync(r => (int?)r.Number, ct);
        if (latest != draft.BaseRevisionNumber)
            return StoreFailure.Conflict(
                $"the draft is based on revision {draft.BaseRevisionNumber} but revision {latest} has been published since; rebase it first");
        var number = (latest ?? 0) + 1;
        var revision = new RevisionRow
        {
            Id = Guid.CreateVersion7(), PolicyId = draft.PolicyId, Number = number, ParentNumber = draft.BaseRevisionNumber,
            SnapshotId = draft.SnapshotId, SourceDraftId = draft.Id, Message = message.Trim(), Author = actor.Name, CreatedAt = now,
        };
        db.Revisions.Add(revision);
        await db.Snapshots.Where(s => s.Id == draft.SnapshotId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Sealed, true), ct);
        draft.Status = DraftStatus.Published;
        draft.PublishedRevisionNumber = number;
        db.AuditEntries.Add(Audit(draft.PolicyId, now, actor, "draft.published", "draft", draft.Id, $"'{draft.Title}' as revision {number}"));
        if (await SaveAsync(db, ct) is { } failure)
            return failure;
        await db.Policies.Where(p => p.Id == draft.PolicyId).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, now), ct);
        return revision;
    }

    /// <summary>Closes an open draft without publishing it; it stays listed for the audit trail.</summary>
    public async Task<StoreResult<DraftInfo>> AbandonDraftAsync(Guid draftId, long expectedVersion, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = Now;
        if (await ClaimAsync(db, draftId, expectedVersion, now, ct) is { } refused)
            return refused;
        var draft = await db.Drafts.FirstAsync(d => d.Id == draftId, ct);
        draft.Status = DraftStatus.Abandoned;
        await ReviewApprovals.CloseForAbandonedDraftAsync(db, draftId, now, ct);
        db.AuditEntries.Add(Audit(draft.PolicyId, now, actor, "draft.abandoned", "draft", draft.Id, $"'{draft.Title}'"));
        if (await SaveAsync(db, ct) is { } failure)
            return failure;
        await transaction.CommitAsync(ct);
        return ToInfo(draft);
    }

    // Moves an open draft from expectedVersion to the next version, or says why it cannot.
    internal static async Task<StoreFailure?> ClaimAsync(SgDbContext db, Guid draftId, long expectedVersion, DateTime now, CancellationToken ct)
    {
        var claimed = await db.Drafts
            .Where(d => d.Id == draftId && d.Version == expectedVersion && d.Status == DraftStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Version, expectedVersion + 1).SetProperty(d => d.UpdatedAt, now), ct);
        return claimed == 1 ? null : await ClaimRefusalAsync(db, draftId, expectedVersion, ct);
    }

    // Why a draft could not be moved on from expectedVersion: gone, closed, or at another version.
    private static async Task<StoreFailure> ClaimRefusalAsync(SgDbContext db, Guid draftId, long expectedVersion, CancellationToken ct)
    {
        var draft = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == draftId, ct);
        return draft switch
        {
            null => DraftNotFound(draftId),
            { Status: not DraftStatus.Open } => StoreFailure.Conflict($"the draft is {draft.Status.ToString().ToLowerInvariant()} and can no longer be changed"),
            _ => StoreFailure.Stale($"the draft was changed by someone else (you have version {expectedVersion}, it is now at {draft.Version}); reload it", draft.Version),
        };
    }

    internal static async Task<StoreFailure?> SaveAsync(SgDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (DatabaseErrors.Classify(e) is { } failure)
        {
            return failure;
        }
    }

    // Saves the tracked metadata rows, then bulk-writes a new snapshot's content, in one transaction.
    private static async Task<StoreFailure?> SaveWithContentAsync(SgDbContext db, EstateRows content, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await SaveAsync(db, ct) is { } failure)
            return failure;
        await BulkInsert.WriteAsync(db, content, ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    private static StoreFailure DraftNotFound(Guid draftId) => StoreFailure.NotFound($"draft {draftId} does not exist");
}
