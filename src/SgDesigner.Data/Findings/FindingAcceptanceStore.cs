using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Findings;

/// <summary>
/// Lint findings a policy's editors accept with a reason, so a team can live with an intended exception. An acceptance
/// belongs to the policy and takes effect at once (no review): it changes no rule and no reachability, only which
/// findings count, and every acceptance and revocation is in the audit trail with its reason, who and from where.
/// Editors (and above) may accept and revoke; viewers and read-only tokens may not.
/// </summary>
public sealed class FindingAcceptanceStore(IDbContextFactory<SgDbContext> contexts, TimeProvider clock, PolicyStore policies)
{
    /// <summary>Audit action of an acceptance.</summary>
    public const string AcceptedAction = "finding.accepted";

    /// <summary>Audit action of a revocation.</summary>
    public const string RevokedAction = "finding.acceptance-revoked";

    /// <summary>Every acceptance stored for the policy, in force or not, oldest first; the caller checks the user may view it.</summary>
    public async Task<StoreResult<IReadOnlyList<FindingAcceptance>>> ListAsync(Guid policyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return StoreFailure.NotFound($"policy {policyId} does not exist");
        var rows = await db.FindingAcceptances.AsNoTracking().Where(a => a.PolicyId == policyId).ToListAsync(ct);
        return rows.OrderBy(a => a.AcceptedAt).ThenBy(a => a.Id).Select(ToAcceptance).ToList();
    }

    /// <summary>
    /// Accepts the finding <paramref name="key"/> with <paramref name="reason"/>. The finding must fire now in
    /// <paramref name="draftId"/>'s content when given (a draft of this policy), otherwise in the newest revision:
    /// not found when it does not. Invalid (nothing stored) when the reason is missing, longer than
    /// <see cref="AcceptedFinding.MaxReasonLength"/> or holds control characters, or the expiry is not in the future;
    /// a conflict when the finding is accepted already. Audited as <see cref="AcceptedAction"/>.
    /// </summary>
    public async Task<StoreResult<FindingAcceptance>> AcceptAsync(
        AuditActor actor, Guid policyId, FindingKey key, string? reason, DateTime? expiresAt = null, Guid? draftId = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        var now = clock.GetUtcNow().UtcDateTime;
        reason = reason?.Trim() ?? "";
        if (CheckInput(key, reason, expiresAt, now) is { } invalid)
            return invalid;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Edit, policyId, null, ct) is { } refused)
            return refused;
        var estate = await EstateAsync(policyId, draftId, ct);
        if (!estate.IsOk)
            return estate.Failure!;
        // Linted as the findings list lints it: today's review-by dates, and justifications when the policy requires them.
        var requireJustification = await db.Policies.Where(p => p.Id == policyId).Select(p => p.RequireJustification).FirstOrDefaultAsync(ct);
        if (!Linter.Lint(estate.Value, null, new LintOptions(DateOnly.FromDateTime(now), requireJustification)).Any(f => FindingKey.Of(f) == key))
            return StoreFailure.NotFound($"finding {key} does not fire in {(draftId is null ? "the newest revision" : "the draft")}; only a current finding can be accepted");
        if (await FindAsync(db, policyId, key, ct) is { } existing)
            return StoreFailure.Conflict($"finding {key} is already accepted by {existing.AcceptedBy}; revoke that acceptance first");
        var row = new FindingAcceptanceRow
        {
            Id = Guid.CreateVersion7(), PolicyId = policyId, CheckId = key.Check, GroupId = key.GroupId, RuleId = key.RuleId, EniId = key.EniId,
            Reason = reason, AcceptedByUserId = userId, AcceptedBy = AuditLog.Clip(actor.Name, 200), AcceptedAt = StoredTime.Stored(now),
            ExpiresAt = expiresAt is { } end ? StoredTime.Stored(end.ToUniversalTime()) : null,
        };
        db.FindingAcceptances.Add(row);
        db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, AcceptedAction, "finding", key.ToString(), Details(row)));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        return ToAcceptance(row);
    }

    /// <summary>
    /// Revokes an acceptance: the finding counts again. Not found when the policy has no such acceptance. Audited as
    /// <see cref="RevokedAction"/> with the reason it had.
    /// </summary>
    public async Task<StoreResult<FindingAcceptance>> RevokeAsync(AuditActor actor, Guid policyId, Guid acceptanceId, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Edit, policyId, null, ct) is { } refused)
            return refused;
        var row = await db.FindingAcceptances.FirstOrDefaultAsync(a => a.Id == acceptanceId && a.PolicyId == policyId, ct);
        if (row is null)
            return StoreFailure.NotFound($"policy {policyId} has no finding acceptance {acceptanceId}");
        db.FindingAcceptances.Remove(row);
        var acceptance = ToAcceptance(row);
        db.AuditEntries.Add(AuditLog.Row(policyId, clock.GetUtcNow().UtcDateTime, actor, RevokedAction, "finding", acceptance.Key.ToString(),
            $"{Details(row)}; accepted by {row.AcceptedBy}"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        return acceptance;
    }

    /// <summary>
    /// Why the request cannot be stored, each problem at its field (<c>check</c>, <c>reason</c>, <c>expiresAt</c>), or null.
    /// Checked before any query: PostgreSQL refuses a NUL even as a parameter.
    /// </summary>
    public static StoreFailure? CheckInput(FindingKey key, string reason, DateTime? expiresAt, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(reason);
        var errors = new List<ValidationError>();
        if (key.Check.Length == 0)
            errors.Add(new("check", "name the finding's check (SGD001…)"));
        else if (LintCatalogue.Find(key.Check) is null)
            errors.Add(new("check", $"{QuotedValue.Of(key.Check)} is not a check of the linter (SGD001…)"));
        if (reason.Length == 0)
            errors.Add(new("reason", "say why the finding is accepted; a reason is required"));
        else if (StoredText.Problem(reason, AcceptedFinding.MaxReasonLength) is { } problem)
            errors.Add(new("reason", $"the reason {problem}"));
        if (expiresAt is { } end && end.ToUniversalTime() <= now)
            errors.Add(new("expiresAt", "an acceptance must expire in the future, or not at all"));
        return errors.Count > 0 ? StoreFailure.Invalid(errors) : null;
    }

    private async Task<StoreResult<Estate>> EstateAsync(Guid policyId, Guid? draftId, CancellationToken ct)
    {
        if (draftId is { } id)
        {
            var draft = await policies.GetDraftAsync(id, ct);
            if (!draft.IsOk || draft.Value.Info.PolicyId != policyId)
                return StoreFailure.NotFound($"policy {policyId} has no draft {id}");
            return draft.Value.Estate;
        }
        var revision = await policies.GetRevisionAsync(policyId, null, ct);
        return revision.IsOk ? revision.Value.Estate : revision.Failure!;
    }

    private static Task<FindingAcceptanceRow?> FindAsync(SgDbContext db, Guid policyId, FindingKey key, CancellationToken ct) =>
        db.FindingAcceptances.AsNoTracking().FirstOrDefaultAsync(a => a.PolicyId == policyId && a.CheckId == key.Check &&
            a.GroupId == key.GroupId && a.RuleId == key.RuleId && a.EniId == key.EniId, ct);

    private static string Details(FindingAcceptanceRow row) =>
        $"reason: {row.Reason}{(row.ExpiresAt is { } end ? $" (until {StoredTime.Utc(end):yyyy-MM-dd HH:mm} UTC)" : "")}";

    private static FindingAcceptance ToAcceptance(FindingAcceptanceRow a) => new(
        a.Id, a.PolicyId, new FindingKey(a.CheckId, a.GroupId, a.RuleId, a.EniId), a.Reason, a.AcceptedBy, a.AcceptedByUserId,
        StoredTime.Utc(a.AcceptedAt), StoredTime.Utc(a.ExpiresAt));
}
