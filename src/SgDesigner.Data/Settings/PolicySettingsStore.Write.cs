using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Settings;

public sealed partial class PolicySettingsStore
{
    // The opening every settings write shares: the caller may manage the policy's settings; the policy's row is locked, as a
    // merge reads the settings under it (it sees a write before or after, never half); and, with expectedTag, the settings
    // are still the ones the caller read (else the usual stale refusal). Then write changes the row in the same transaction,
    // which commits only when write succeeds.
    private async Task<StoreResult<T>> WriteAsync<T>(
        AuditActor actor, Guid policyId, string? expectedTag, Func<SgDbContext, Rows.PolicyRow, Task<StoreResult<T>>> write, CancellationToken ct)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.ManageSettings, policyId, null, ct) is { } refused)
            return refused;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await RowLocks.PolicyAsync(db, policyId, ct);
        var policy = await db.Policies.FirstOrDefaultAsync(p => p.Id == policyId, ct);
        if (policy is null)
            return StoreFailure.NotFound($"policy {policyId} does not exist");
        if (StateTag.Check(expectedTag, Tag(policy), "the policy's settings") is { } stale)
            return stale;
        var written = await write(db, policy);
        if (written.IsOk)
            await transaction.CommitAsync(ct);
        return written;
    }
}
