using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Drift;
using SgDesigner.Core.Model;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Configurations;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Drift;

/// <summary>
/// Snapshots of what is deployed, kept with a policy to compare its revisions with (issue 18, drift). Uploading and
/// deleting one needs the edit role (the caller checks viewing); both are audited. The estate is kept as a policy
/// document, the format the rest of the app reads and writes, not as the uploaded files.
/// </summary>
public sealed class DeployedSnapshotStore(IDbContextFactory<SgDbContext> contexts, TimeProvider clock)
{
    /// <summary>Audit action of an upload.</summary>
    public const string UploadedAction = "snapshot.uploaded";

    /// <summary>Audit action of a deletion.</summary>
    public const string DeletedAction = "snapshot.deleted";

    /// <summary>The policy's snapshots, newest first; the caller checks the user may view the policy.</summary>
    public async Task<StoreResult<IReadOnlyList<DeployedSnapshotInfo>>> ListAsync(Guid policyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return StoreFailure.NotFound($"policy {policyId} does not exist");
        var rows = await Listed(db.DeployedSnapshots.Where(s => s.PolicyId == policyId)).ToListAsync(ct);
        return rows.OrderByDescending(s => s.TakenAt).ThenByDescending(s => s.Id).ToList();
    }

    /// <summary>
    /// The snapshot <paramref name="snapshotId"/> of the policy with its estate, or the newest when null; not found when the
    /// policy has no such snapshot (or none at all).
    /// </summary>
    public async Task<StoreResult<DeployedSnapshot>> GetAsync(Guid policyId, Guid? snapshotId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.DeployedSnapshots.AsNoTracking().Where(s => s.PolicyId == policyId);
        var row = snapshotId is { } id
            ? await query.FirstOrDefaultAsync(s => s.Id == id, ct)
            : await query.OrderByDescending(s => s.TakenAt).ThenByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        if (row is null)
            return await db.Policies.AnyAsync(p => p.Id == policyId, ct)
                ? StoreFailure.NotFound(snapshotId is null ? $"policy {policyId} has no deployed snapshot" : $"policy {policyId} has no deployed snapshot {snapshotId}")
                : StoreFailure.NotFound($"policy {policyId} does not exist");
        var read = PolicyDocumentJson.Read(row.Document);
        // Written by PolicyDocumentJson.Write below: unreadable only if the stored text was changed outside the app.
        if (read.Document is not { } document)
            throw new InvalidOperationException($"deployed snapshot {row.Id} cannot be read: {read.Error}");
        return new DeployedSnapshot(ToInfo(row), document.Estate);
    }

    /// <summary>
    /// Stores what is deployed as a snapshot of the policy taken now, by <paramref name="actor"/> (the edit role).
    /// Invalid (nothing stored) when the file name is empty or holds control characters, or the estate cannot be
    /// written as a policy document and read back. Audited as <see cref="UploadedAction"/>.
    /// </summary>
    public async Task<StoreResult<DeployedSnapshotInfo>> AddAsync(
        AuditActor actor, Guid policyId, DeployedSource source, string fileName, Estate estate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(estate);
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        fileName = fileName.Trim();
        if (fileName.Length == 0)
            return StoreFailure.Invalid("fileName", "name the uploaded file");
        if (StoredText.Problem(fileName, DeployedSnapshotConfiguration.FileNameLength) is { } problem)
            return StoreFailure.Invalid("fileName", $"the file name {problem}");
        var document = PolicyDocumentJson.Write(new PolicyDocument(fileName, $"Deployed, as {DeployedSnapshotReader.Name(source)}", estate));
        if (PolicyDocumentJson.Read(document).Error is { } unreadable)
            return StoreFailure.Invalid($"{fileName}: {unreadable.Path}", $"the deployed estate cannot be kept: {unreadable.Message}");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Edit, policyId, null, ct) is { } refused)
            return refused;
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new DeployedSnapshotRow
        {
            Id = Guid.CreateVersion7(), PolicyId = policyId, TakenAt = StoredTime.Stored(now), Source = DeployedSnapshotReader.Name(source),
            FileName = fileName, UploadedByUserId = userId, UploadedBy = AuditLog.Clip(actor.Name, 200),
            GroupCount = estate.Groups.Length, RuleCount = estate.Groups.Sum(g => g.Rules.Length), Document = document,
        };
        db.DeployedSnapshots.Add(row);
        db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, UploadedAction, "snapshot", row.Id.ToString(), Details(row)));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        return ToInfo(row);
    }

    /// <summary>Deletes a snapshot of the policy (the edit role); not found when it has no such snapshot. Audited as <see cref="DeletedAction"/>.</summary>
    public async Task<StoreResult<DeployedSnapshotInfo>> DeleteAsync(AuditActor actor, Guid policyId, Guid snapshotId, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Edit, policyId, null, ct) is { } refused)
            return refused;
        var info = await Listed(db.DeployedSnapshots.Where(s => s.PolicyId == policyId && s.Id == snapshotId)).FirstOrDefaultAsync(ct);
        if (info is null)
            return StoreFailure.NotFound($"policy {policyId} has no deployed snapshot {snapshotId}");
        // Removed by its key with the audit entry in one save, without reading the document.
        db.DeployedSnapshots.Remove(new DeployedSnapshotRow { Id = snapshotId, Source = "", FileName = "", UploadedBy = "", Document = "" });
        db.AuditEntries.Add(AuditLog.Row(policyId, clock.GetUtcNow().UtcDateTime, actor, DeletedAction, "snapshot", snapshotId.ToString(),
            $"{info.FileName} of {info.TakenAt:yyyy-MM-dd HH:mm} UTC, uploaded by {info.UploadedBy}"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        return info;
    }

    // The listing columns only: the document can be megabytes.
    private static IQueryable<DeployedSnapshotInfo> Listed(IQueryable<DeployedSnapshotRow> rows) =>
        rows.AsNoTracking().Select(s => new DeployedSnapshotInfo(
            s.Id, s.PolicyId, DateTime.SpecifyKind(s.TakenAt, DateTimeKind.Utc), s.Source == "aws-cli" ? DeployedSource.AwsCli : DeployedSource.TerraformState,
            s.FileName, s.UploadedBy, s.GroupCount, s.RuleCount));

    private static string Details(DeployedSnapshotRow row) =>
        $"{row.Source} {row.FileName}: {row.GroupCount} group(s), {row.RuleCount} rule(s)";

    private static DeployedSnapshotInfo ToInfo(DeployedSnapshotRow s) => new(
        s.Id, s.PolicyId, StoredTime.Utc(s.TakenAt), DeployedSnapshotReader.Parse(s.Source) ?? DeployedSource.AwsCli, s.FileName, s.UploadedBy,
        s.GroupCount, s.RuleCount);
}
