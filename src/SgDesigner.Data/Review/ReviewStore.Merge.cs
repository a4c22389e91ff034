using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Review;

// Merging publishes the request's draft as the next revision, in one transaction with the approval check; a draft
// whose base is no longer the newest revision is rebased on the way (RequestRebase), or refused at a conflict.
public sealed partial class ReviewStore
{
    /// <summary>
    /// Merges an approved request: enough current approvals, nobody asking for changes, the actor may merge. Everything
    /// the decision rests on is held still first, then checked: the draft's version is claimed (an edit racing the merge
    /// makes one of them fail instead of publishing content nobody approved), the policy is locked (publishing is
    /// serialised, see <see cref="RowLocks"/>, and its required approvals cannot change), and on PostgreSQL the
    /// policy's memberships and the request's reviews are share-locked and the request row locked (a role removed, a
    /// review dismissed or a verdict added waits for the merge, or lands before it and is counted). Only then are the
    /// approvals computed (<see cref="ReviewApprovals.StateAsync"/>: versions, roles, authorship, required count), so
    /// nothing the check saw can change before the commit.
    /// A draft based on an older revision is merged three-way onto the newest one: when every change of both sides
    /// combines, the merged content is published (audited as rebased); otherwise the merge is refused (Conflict, naming
    /// how many conflicts the author must resolve with <see cref="ResolveConflictsAsync"/>) and nothing is stored.
    /// When the policy's assertions block merging, the assertions are checked on what would be published against the newest
    /// revision, under the same locks (<see cref="MergeGate"/>): one broken or not evaluable refuses the merge (Conflict,
    /// naming each at <c>assertions[line N]</c>), unless <paramref name="overrideReason"/> is given by an owner of the
    /// policy; the override is audited as <see cref="OverrideAction"/> with the reason and the assertions, and said in the
    /// request's conversation. A reason that is empty, too long or holds control characters is invalid at
    /// <c>overrideReason</c>, checked before anything else; given when nothing blocks, it changes nothing.
    /// </summary>
    /// <remarks>With <paramref name="expectedDraftVersion"/>, only while the draft is at the version the merger saw.</remarks>
    public async Task<StoreResult<ChangeRequestInfo>> MergeAsync(
        AuditActor actor, Guid requestId, string? message = null, long? expectedDraftVersion = null, string? overrideReason = null,
        CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        overrideReason = overrideReason?.Trim();
        if (overrideReason is not null && CheckOverrideReason(overrideReason) is { } badReason)
            return badReason;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await db.ChangeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
            return NotFound(requestId);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Merge, request.PolicyId, null, ct) is { } refused)
            return refused;
        if (!Active.Contains(request.Status))
            return StoreFailure.Conflict($"change request #{request.Number} is {Describe(request.Status)}");
        var version = expectedDraftVersion ?? await DraftVersionAsync(db, request, ct);
        var now = Now;
        // The draft, the policy, the memberships and reviews, the request: the one order of RowLocks.
        if (await PolicyStore.ClaimAsync(db, request.DraftId, version, now, ct) is { } stale)
            return stale;
        await RowLocks.PolicyAsync(db, request.PolicyId, ct);
        await RowLocks.ReviewStateAsync(db, request.PolicyId, request.Id, ct);
        // Read again under the locks: the status, the merger's role and the approvals as they are at the commit.
        request = await db.ChangeRequests.FirstAsync(r => r.Id == requestId, ct);
        if (!Active.Contains(request.Status))
            return StoreFailure.Conflict($"change request #{request.Number} is {Describe(request.Status)}");
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Merge, request.PolicyId, null, ct) is { } revoked)
            return revoked;
        // Computed before the rebase below, which records the merger as the author of what it brings in.
        var state = await ReviewApprovals.StateAsync(db, request, version, ct);
        if (!state.CanMerge)
            return StoreFailure.Conflict(state.Blocking.Count > 0
                ? $"change request #{request.Number} has {state.Blocking.Count} open request(s) for changes"
                : $"change request #{request.Number} has {state.Approvals} of the {state.Required} approval(s) it needs");
        var rebase = await RequestRebase.ComputeAsync(db, request.DraftId, RequestRebase.NoChoices, ct);
        if (!rebase.UpToDate && !rebase.IsClean)
            return StoreFailure.Conflict(rebase.Refusal(request.Number));
        var blocking = ToBlocking(await BlockingAssertionsAsync(db, request.PolicyId, rebase, ct));
        if (!blocking.IsEmpty)
        {
            if (overrideReason is null)
                return Blocked(request, blocking);
            if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.OverrideAssertions, request.PolicyId, null, ct) is { } notOwner)
                return notOwner;
        }
        if (!rebase.UpToDate)
        {
            var rebased = await PolicyStore.RebaseDraftInAsync(db, request.DraftId, rebase.NewestRevision, rebase.Result.Merged, actor, now, ct);
            if (!rebased.IsOk)
                return rebased.Failure!;
            request.BaseRevisionNumber = rebase.NewestRevision;
        }
        var published = await PolicyStore.PublishInAsync(
            db, request.DraftId, message is { Length: > 0 } m ? m : $"#{request.Number} {request.Title}", actor, version + 1, now, ct);
        if (!published.IsOk)
            return published.Failure!;
        request.Status = ChangeRequestStatus.Merged;
        request.MergedRevisionNumber = published.Value.Number;
        request.UpdatedAt = now;
        db.AuditEntries.Add(Audit(request, now, actor, "request.merged", $"#{request.Number} as revision {published.Value.Number}"
            + (rebase.UpToDate ? "" : $", rebased onto revision {rebase.NewestRevision}")));
        if (!blocking.IsEmpty)
            RecordOverride(db, request, version, actor, userId, now, overrideReason!, blocking);
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        await transaction.CommitAsync(ct);
        return await InfoAsync(db, request, ct);
    }

    /// <summary>
    /// What merging the request would do now: whether its draft is up to date, and if not, whether it rebases cleanly
    /// onto the newest revision or which conflicts (with both sides' values) the author must resolve; and the assertions
    /// that would block it (<see cref="MergePreview.BlockingAssertions"/>). Needs the view
    /// role, which the caller checks. A merged or closed request is a conflict: there is nothing left to merge.
    /// </summary>
    public async Task<StoreResult<MergePreview>> PreviewMergeAsync(Guid requestId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var request = await db.ChangeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
            return NotFound(requestId);
        if (!Active.Contains(request.Status))
            return StoreFailure.Conflict($"change request #{request.Number} is {Describe(request.Status)}; there is nothing to merge");
        var version = await DraftVersionAsync(db, request, ct);
        var rebase = await RequestRebase.ComputeAsync(db, request.DraftId, RequestRebase.NoChoices, ct);
        var preview = rebase.ToPreview(request.Id, version);
        // While conflicts are unresolved there is no content to check yet: they stop the merge first.
        return rebase.IsClean ? preview with { BlockingAssertions = ToBlocking(await BlockingAssertionsAsync(db, request.PolicyId, rebase, ct)) } : preview;
    }

    /// <summary>
    /// The author's resolution of a stale request: the draft becomes the three-way merge of itself onto the newest
    /// revision, with every conflict settled by <paramref name="choices"/> (keyed by <see cref="MergeConflict.Key"/>), and
    /// is based on that revision from now on. Nothing is lost: a rule both sides changed is whichever side was chosen,
    /// everything else keeps both sides' changes. The draft's version moves on, so current approvals are dismissed
    /// ("rebased onto revision N") and reviewers approve the rebased content. Needs the edit role; a conflict without a
    /// choice is invalid (naming its key), a stale <paramref name="expectedDraftVersion"/> a conflict.
    /// </summary>
    public async Task<StoreResult<DraftInfo>> ResolveConflictsAsync(
        AuditActor actor, Guid requestId, long expectedDraftVersion, IReadOnlyDictionary<string, MergeSide> choices,
        CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        ArgumentNullException.ThrowIfNull(choices);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await db.ChangeRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
            return NotFound(requestId);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Edit, request.PolicyId, null, ct) is { } refused)
            return refused;
        if (!Active.Contains(request.Status))
            return StoreFailure.Conflict($"change request #{request.Number} is {Describe(request.Status)}; it can no longer be rebased");
        var now = Now;
        if (await PolicyStore.ClaimAsync(db, request.DraftId, expectedDraftVersion, now, ct) is { } stale)
            return stale;
        var rebase = await RequestRebase.ComputeAsync(db, request.DraftId, choices, ct);
        if (rebase.UpToDate)
            return StoreFailure.Conflict($"change request #{request.Number} is already based on the newest revision {rebase.NewestRevision}; there is nothing to resolve");
        if (rebase.Result.Unresolved.ToList() is { Count: > 0 } missing)
            return StoreFailure.Invalid(missing.Select(c => new ValidationError(
                $"choices[{c.Key}]", $"choose ours or theirs: ours {Show(c.Ours)}, theirs {Show(c.Theirs)} (base {Show(c.Base)})")));
        if (!rebase.Errors.IsEmpty)
            return StoreFailure.Invalid(rebase.Errors);
        var rebased = await PolicyStore.RebaseDraftInAsync(db, request.DraftId, rebase.NewestRevision, rebase.Result.Merged, actor, now, ct);
        if (!rebased.IsOk)
            return rebased.Failure!;
        await ReviewApprovals.DismissStaleAsync(
            db, request.DraftId, expectedDraftVersion + 1, now, ReviewApprovals.RebasedReason(rebase.NewestRevision), ct);
        request.BaseRevisionNumber = rebase.NewestRevision;
        request.UpdatedAt = now;
        var conflicts = rebase.Result.Conflicts;
        var ours = conflicts.Count(c => c.Resolution == MergeSide.Ours);
        db.AuditEntries.Add(Audit(request, now, actor, "request.rebased",
            $"#{request.Number} onto revision {rebase.NewestRevision} from revision {rebase.BaseRevision}: "
            + $"{conflicts.Length} conflict(s) resolved, {ours} ours and {conflicts.Length - ours} theirs"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        await transaction.CommitAsync(ct);
        return rebased;
    }

    private static string Show(string? value) => value is null ? "(absent)" : $"'{value}'";
}
