using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Review;

// Merging publishes the request's draft as the next revision, in one transaction with the approval check.
public sealed partial class ReviewStore
{
    /// <summary>
    /// Merges an approved request: enough current approvals, nobody asking for changes, the actor may merge. The
    /// draft's version is claimed first, so an edit racing the merge makes one of them fail instead of publishing
    /// content nobody approved. A draft whose base is no longer the newest revision is refused (Conflict) until the
    /// automatic rebase exists.
    /// </summary>
    public async Task<StoreResult<ChangeRequestInfo>> MergeAsync(AuditActor actor, Guid requestId, string? message = null, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await db.ChangeRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
            return NotFound(requestId);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Merge, request.PolicyId, null, ct) is { } refused)
            return refused;
        if (!Active.Contains(request.Status))
            return StoreFailure.Conflict($"change request #{request.Number} is {Describe(request.Status)}");
        var version = await DraftVersionAsync(db, request, ct);
        var state = await ReviewApprovals.StateAsync(db, request, version, ct);
        if (!state.CanMerge)
            return StoreFailure.Conflict(state.Blocking.Count > 0
                ? $"change request #{request.Number} has {state.Blocking.Count} open request(s) for changes"
                : $"change request #{request.Number} has {state.Approvals} of the {state.Required} approval(s) it needs");
        var now = Now;
        var published = await PolicyStore.PublishInAsync(
            db, request.DraftId, message is { Length: > 0 } m ? m : $"#{request.Number} {request.Title}", actor, version, now, ct);
        if (!published.IsOk)
            return published.Failure!;
        request.Status = ChangeRequestStatus.Merged;
        request.MergedRevisionNumber = published.Value.Number;
        request.UpdatedAt = now;
        db.AuditEntries.Add(Audit(request, now, actor, "request.merged", $"#{request.Number} as revision {published.Value.Number}"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        await transaction.CommitAsync(ct);
        return await InfoAsync(db, request, ct);
    }
}
