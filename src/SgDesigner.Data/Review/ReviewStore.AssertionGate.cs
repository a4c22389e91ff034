using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Review;

// The assertion gate of a merge (MergeGate says which assertions block): computed here, from what is stored, by the
// merge under its locks and by the preview; never from an impact a client sends. An owner may merge past it with a
// reason, recorded in the audit trail and in the request's conversation.
public sealed partial class ReviewStore
{
    /// <summary>The most characters the reason of an override of the assertion gate may have.</summary>
    public const int MaxOverrideReasonLength = 1000;

    /// <summary>
    /// Why <paramref name="reason"/> (already trimmed) cannot be the reason of an override, at <c>overrideReason</c>:
    /// empty, longer than <see cref="MaxOverrideReasonLength"/>, or with a control character other than tab and line breaks.
    /// </summary>
    public static StoreFailure? CheckOverrideReason(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (reason.Length == 0)
            return StoreFailure.Invalid("overrideReason", "say why the request is merged past the assertions that block it; a reason is required");
        return StoredText.Problem(reason, MaxOverrideReasonLength) is { } problem
            ? StoreFailure.Invalid("overrideReason", $"the reason {problem}")
            : null;
    }

    // The assertions that block publishing the rebase's result over the newest revision; empty when the policy's gate is
    // off or the policy has no assertions (then no engine is built).
    private static async Task<ImmutableArray<AssertionImpact>> BlockingAssertionsAsync(
        SgDbContext db, Guid policyId, RequestRebase rebase, CancellationToken ct)
    {
        var policy = await db.Policies.AsNoTracking().Where(p => p.Id == policyId)
            .Select(p => new { p.AssertionsBlockMerge, p.Assertions }).FirstAsync(ct);
        if (!policy.AssertionsBlockMerge || policy.Assertions.Length == 0)
            return [];
        // Lines that do not parse are refused when the assertions are saved; any that slipped through are skipped, as the impact does.
        var assertions = AssertionParser.Parse(policy.Assertions).Assertions;
        if (assertions.IsEmpty)
            return [];
        var newest = await PolicyStore.RevisionEstateAsync(db, policyId, rebase.NewestRevision, ct);
        return MergeGate.Blocking(newest, rebase.Result.Merged, assertions);
    }

    private static ImmutableArray<BlockingAssertion> ToBlocking(ImmutableArray<AssertionImpact> blocking) =>
        [.. blocking.Select(b => new BlockingAssertion(b.Assertion.Line, b.Assertion.ToString(), MergeGate.Why(b)))];

    private static StoreFailure Blocked(ChangeRequestRow request, ImmutableArray<BlockingAssertion> blocking) =>
        StoreFailure.Conflict(
            $"change request #{request.Number} breaks {Assertions(blocking.Length)} of the policy, and the policy's assertions block merging: "
            + $"{Lines(blocking)}. Fix the draft, or an owner of the policy may merge anyway by giving a reason (overrideReason), which is audited",
            blocking.Select(b => new ValidationError($"assertions[line {b.Line}]", $"{b.Assertion}: {b.Why}")));

    // The override, beside the merge: an audit entry (the reason first, so the entry's length limit never cuts it) and a
    // comment in the request's conversation, both by the owner who merged.
    private static void RecordOverride(
        SgDbContext db, ChangeRequestRow request, long draftVersion, AuditActor actor, Guid userId, DateTime now, string reason,
        ImmutableArray<BlockingAssertion> blocking)
    {
        db.AuditEntries.Add(Audit(request, now, actor, OverrideAction,
            $"#{request.Number} merged past {Assertions(blocking.Length)} that block merging; reason: {reason}; broken: {Lines(blocking)}"));
        var list = string.Join("\n", blocking.Select(b => $"- line {b.Line}: {b.Assertion} ({b.Why})"));
        var body = $"Merged past the assertion gate, breaking {Assertions(blocking.Length)}.\nReason: {reason}\n{list}";
        db.ReviewComments.Add(new ReviewCommentRow
        {
            Id = Guid.CreateVersion7(), ChangeRequestId = request.Id, AuthorUserId = userId, DraftVersion = draftVersion, CreatedAt = now,
            Body = body.Length > 10_000 ? body[..9_999] + "…" : body,
        });
    }

    /// <summary>The audit action of a merge past the assertion gate.</summary>
    public const string OverrideAction = "request.merge-override";

    private static string Lines(IEnumerable<BlockingAssertion> blocking) =>
        string.Join("; ", blocking.Select(b => $"line {b.Line}: {b.Assertion} {b.Why}"));

    private static string Assertions(int n) => $"{n} assertion{(n == 1 ? "" : "s")}";
}
