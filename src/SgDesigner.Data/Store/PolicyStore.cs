using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Mapping;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Store;

/// <summary>
/// Policies, their immutable revisions and editable drafts. One context per operation (Blazor Server circuits
/// outlive any one unit of work); every operation returns a <see cref="StoreResult{T}"/> instead of throwing
/// for missing things, stale versions and invalid input.
/// </summary>
public sealed partial class PolicyStore(IDbContextFactory<SgDbContext> contexts, TimeProvider clock, DraftContentCache drafts)
{
    private const int MaxNameLength = AwsLimits.PolicyNameMaxLength;

    /// <summary>Every policy with the size of its history and its last change, by name.</summary>
    public async Task<IReadOnlyList<PolicySummary>> ListPoliciesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await SummaryQuery(db, db.Policies).ToListAsync(ct);
        return [.. list.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>One policy's summary.</summary>
    public async Task<StoreResult<PolicySummary>> GetPolicyAsync(Guid policyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var summary = await SummaryQuery(db, db.Policies.Where(p => p.Id == policyId)).FirstOrDefaultAsync(ct);
        return summary is null ? PolicyNotFound(policyId) : summary;
    }

    /// <summary>
    /// Creates a policy whose revision 1 holds <paramref name="initial"/> (or an empty estate). The name must be
    /// unique ignoring case. A signed-in <paramref name="author"/> becomes its owner.
    /// </summary>
    public async Task<StoreResult<PolicySummary>> CreatePolicyAsync(
        string name, string? description, Estate? initial, AuditActor author, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (CheckName(name) is { } bad)
            return bad;
        var estate = initial ?? Estate.Empty;
        if (ValidateWhole(estate) is { } invalid)
            return invalid;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await NameTakenAsync(db, name, null, ct))
            return NameTaken(name);
        var now = Now;
        var policy = new PolicyRow
        {
            Id = Guid.CreateVersion7(), Name = name, NormalizedName = EstateMapping.Normalize(name),
            Description = description?.Trim() ?? "", CreatedAt = now, UpdatedAt = now,
        };
        var snapshot = NewSnapshot(policy.Id, estate.Quotas, now);
        snapshot.Sealed = true;
        db.Policies.Add(policy);
        db.Snapshots.Add(snapshot);
        db.Revisions.Add(new RevisionRow
        {
            Id = Guid.CreateVersion7(), PolicyId = policy.Id, Number = 1, SnapshotId = snapshot.Id,
            Message = "Initial revision", Author = author.Name, CreatedAt = now,
        });
        db.AuditEntries.Add(Audit(policy.Id, now, author, "policy.created", "policy", policy.Id, $"'{name}' with revision 1"));
        // A signed-in creator owns what they create, in the same transaction (nobody else could grant it).
        if (author.UserId is { } ownerId)
        {
            db.PolicyMemberships.Add(new PolicyMembershipRow
            {
                Id = Guid.CreateVersion7(), PolicyId = policy.Id, UserId = ownerId, Role = PolicyRole.Owner, CreatedAt = now, UpdatedAt = now,
            });
            db.AuditEntries.Add(Audit(policy.Id, now, author, "membership.added", "membership", ownerId, $"{author.Name} as owner (creator)"));
        }
        if (await SaveWithContentAsync(db, EstateMapping.ToRows(estate, snapshot.Id), ct) is { } failure)
            return failure;
        return new PolicySummary(policy.Id, name, policy.Description, 1, 1, 0, now, now);
    }

    /// <summary>The validator of a policy's name and description (what a rename replaces and a delete removes).</summary>
    public static string PolicyTag(string name, string? description) => StateTag.Of(name, description);

    /// <summary>
    /// Renames a policy and, when given, replaces its description; with <paramref name="expectedTag"/>, only while the
    /// name and description are still the ones it was read with (<see cref="PolicyTag"/>).
    /// </summary>
    public async Task<StoreResult<PolicySummary>> RenamePolicyAsync(
        Guid policyId, string name, string? description, AuditActor actor, string? expectedTag = null, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (CheckName(name) is { } bad)
            return bad;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await RowLocks.PolicyAsync(db, policyId, ct);
        var policy = await db.Policies.FirstOrDefaultAsync(p => p.Id == policyId, ct);
        if (policy is null)
            return PolicyNotFound(policyId);
        if (StateTag.Check(expectedTag, PolicyTag(policy.Name, policy.Description), "the policy's name or description") is { } stale)
            return stale;
        if (await NameTakenAsync(db, name, policyId, ct))
            return NameTaken(name);
        var old = policy.Name;
        policy.Name = name;
        policy.NormalizedName = EstateMapping.Normalize(name);
        policy.Description = description?.Trim() ?? policy.Description;
        policy.UpdatedAt = Now;
        db.AuditEntries.Add(Audit(policyId, policy.UpdatedAt, actor, "policy.renamed", "policy", policyId, $"'{old}' → '{name}'"));
        if (await SaveAsync(db, ct) is { } failure)
            return failure;
        await transaction.CommitAsync(ct);
        return await GetPolicyAsync(policyId, ct);
    }

    /// <summary>
    /// Deletes a policy with its whole history (revisions, drafts, requests, memberships). Its audit trail stays:
    /// entries are never deleted, and this deletion is one more of them.
    /// </summary>
    /// <remarks>With <paramref name="expectedTag"/>, only while the name and description are the ones it was read with.</remarks>
    public async Task<StoreResult<bool>> DeletePolicyAsync(Guid policyId, AuditActor actor, string? expectedTag = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await RowLocks.PolicyAsync(db, policyId, ct);
        var read = await db.Policies.Where(p => p.Id == policyId).Select(p => new { p.Name, p.Description }).FirstOrDefaultAsync(ct);
        if (read is null)
            return PolicyNotFound(policyId);
        if (StateTag.Check(expectedTag, PolicyTag(read.Name, read.Description), "the policy's name or description") is { } stale)
            return stale;
        var name = read.Name;
        // The database cascades from the policy to its snapshots and every content row in one statement.
        await db.Policies.Where(p => p.Id == policyId).ExecuteDeleteAsync(ct);
        db.AuditEntries.Add(Audit(policyId, Now, actor, "policy.deleted", "policy", policyId, $"'{name}'"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>A policy's revisions, newest first.</summary>
    public async Task<StoreResult<IReadOnlyList<RevisionInfo>>> ListRevisionsAsync(Guid policyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return PolicyNotFound(policyId);
        var rows = await db.Revisions.AsNoTracking().Where(r => r.PolicyId == policyId)
            .OrderByDescending(r => r.Number).ToListAsync(ct);
        return rows.Select(ToInfo).ToList();
    }

    /// <summary>A revision and its content; <paramref name="number"/> null means the latest.</summary>
    public async Task<StoreResult<RevisionContent>> GetRevisionAsync(Guid policyId, int? number = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Revisions.AsNoTracking().Where(r => r.PolicyId == policyId);
        var revision = number is { } n
            ? await query.FirstOrDefaultAsync(r => r.Number == n, ct)
            : await query.OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        if (revision is null)
            return StoreFailure.NotFound(number is null ? $"policy {policyId} has no revision" : $"policy {policyId} has no revision {number}");
        var snapshot = await db.Snapshots.AsNoTracking().FirstAsync(s => s.Id == revision.SnapshotId, ct);
        var rows = await SnapshotContent.LoadSideBySideAsync(contexts, db, snapshot, ct);
        return new RevisionContent(ToInfo(revision), EstateMapping.ToEstate(rows));
    }

    /// <summary>A policy's audit trail, oldest first.</summary>
    public async Task<StoreResult<IReadOnlyList<AuditEntry>>> ListAuditAsync(Guid policyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return PolicyNotFound(policyId);
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.PolicyId == policyId).ToListAsync(ct);
        return rows.OrderBy(a => a.At).ThenBy(a => a.Id).Select(AuditLog.ToEntry).ToList();
    }

    private static IQueryable<PolicySummary> SummaryQuery(SgDbContext db, IQueryable<PolicyRow> policies) =>
        policies.AsNoTracking().Select(p => new PolicySummary(
            p.Id, p.Name, p.Description,
            db.Revisions.Count(r => r.PolicyId == p.Id),
            db.Revisions.Where(r => r.PolicyId == p.Id).Max(r => (int?)r.Number) ?? 0,
            db.Drafts.Count(d => d.PolicyId == p.Id && d.Status == DraftStatus.Open),
            Utc(p.CreatedAt), Utc(p.UpdatedAt)));

    // Checked before any query: PostgreSQL refuses a NUL even as a query parameter (the name-taken lookup).
    private static StoreFailure? CheckName(string name) =>
        name.Length == 0 ? StoreFailure.Invalid("name", "a policy needs a name")
        : name.Length > MaxNameLength ? StoreFailure.Invalid("name", $"a policy name can have at most {MaxNameLength} characters")
        : StoredText.Problem(name, MaxNameLength) is { } problem ? StoreFailure.Invalid("name", $"the name {problem}")
        : null;

    private static Task<bool> NameTakenAsync(SgDbContext db, string name, Guid? except, CancellationToken ct)
    {
        var normalized = EstateMapping.Normalize(name);
        return db.Policies.AnyAsync(p => p.NormalizedName == normalized && p.Id != except, ct);
    }

    private static StoreFailure NameTaken(string name) =>
        StoreFailure.Invalid("name", $"a policy named {QuotedValue.Of(name)} already exists (names are unique ignoring case)");

    private static StoreFailure PolicyNotFound(Guid policyId) => StoreFailure.NotFound($"policy {policyId} does not exist");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static DateTime Utc(DateTime value) => StoredTime.Utc(value);

    private static SnapshotRow NewSnapshot(Guid policyId, Quotas quotas, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), PolicyId = policyId, CreatedAt = now,
        RulesPerDirection = quotas.RulesPerDirection, GroupsPerEni = quotas.GroupsPerEni,
    };

    private static AuditEntryRow Audit(
        Guid policyId, DateTime at, AuditActor actor, string action, string targetKind, Guid targetId, string? details) =>
        AuditLog.Row(policyId, at, actor, action, targetKind, targetId.ToString(), details);

    private static RevisionInfo ToInfo(RevisionRow r) =>
        new(r.PolicyId, r.Number, r.ParentNumber, r.Message, r.Author, Utc(r.CreatedAt), r.SourceDraftId);

    private static DraftInfo ToInfo(DraftRow d) => new(
        d.Id, d.PolicyId, d.BaseRevisionNumber, d.Title, d.Author, d.Status, d.PublishedRevisionNumber, d.Version,
        Utc(d.CreatedAt), Utc(d.UpdatedAt));

    // A whole estate arriving at once (a new policy, an import) is checked as imported data: what AWS itself lets
    // happen (stale references, raised quotas) is kept, with Core's warnings; anything else is refused.
    private static StoreFailure? ValidateWhole(Estate estate) =>
        Failure([.. EstateValidator.Validate(estate, EstateValidationMode.Import), .. StorageIntegrity.Check(estate)]);

    private static StoreFailure? Failure(List<ValidationError> errors) =>
        errors.Count == 0 ? null : StoreFailure.Invalid(errors.DistinctBy(e => (e.Path, e.Message)));
}
