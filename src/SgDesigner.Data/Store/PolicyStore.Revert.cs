using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Audit;

namespace SgDesigner.Data.Store;

public sealed partial class PolicyStore
{
    /// <summary>
    /// Opens a draft that reverts the policy to revision <paramref name="number"/>: based on the latest revision and holding
    /// revision <paramref name="number"/>'s content, so that its diff against the latest undoes every later change and it
    /// publishes (or merges) like any other draft. Audited as <c>draft.reverted</c>.
    /// </summary>
    public async Task<StoreResult<DraftInfo>> RevertToRevisionAsync(
        Guid policyId, int number, string? title, AuditActor author, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return PolicyNotFound(policyId);
        var revisions = db.Revisions.AsNoTracking().Where(r => r.PolicyId == policyId);
        var content = await revisions.FirstOrDefaultAsync(r => r.Number == number, ct);
        if (content is null)
            return StoreFailure.NotFound($"policy {policyId} has no revision {number}");
        var latest = await revisions.OrderByDescending(r => r.Number).FirstAsync(ct);
        var text = string.IsNullOrWhiteSpace(title) ? $"Revert to revision {number}" : title.Trim();
        return await OpenDraftAsync(db, policyId, latest, content, text, author, "draft.reverted",
            $"'{text}': revision {number}'s content on revision {latest.Number}", ct);
    }
}
