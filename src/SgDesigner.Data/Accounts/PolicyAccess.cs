using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Accounts;

/// <summary>Something a user may or may not do on a policy.</summary>
public enum PolicyAction
{
    /// <summary>Read the policy, its revisions, drafts, requests and audit trail.</summary>
    View,
    /// <summary>Open, edit, publish or abandon drafts; open change requests.</summary>
    Edit,
    /// <summary>Comment on change requests.</summary>
    Comment,
    /// <summary>Merge an approved change request (the review rules still apply).</summary>
    Merge,
    /// <summary>Approve or request changes (never on one's own request).</summary>
    Review,
    /// <summary>Add, change and remove members; invite people to the policy.</summary>
    ManageMembers,
    /// <summary>Rename, change settings (required approvals), delete.</summary>
    ManageSettings,
    /// <summary>Publish a draft directly, without a change request: an owner's bypass of review.</summary>
    Publish,
    /// <summary>Merge a request that breaks assertions which block merging, giving a reason: an owner's bypass of the gate.</summary>
    OverrideAssertions,
}

/// <summary>What a personal access token grants, as verified; null when the caller signed in interactively.</summary>
/// <param name="TokenId">The token.</param>
/// <param name="UserId">Its owner, whose role applies.</param>
/// <param name="Scope">Read (view only) or write (whatever the role allows).</param>
/// <param name="PolicyId">When set, the token works on this policy only.</param>
/// <param name="ExpiresAt">When it stops working (UTC), or null for never; a token it creates may not outlive it.</param>
public sealed record TokenGrant(Guid TokenId, Guid UserId, TokenScope Scope, Guid? PolicyId, DateTime? ExpiresAt = null);

/// <summary>Where a change request lives: its policy and the draft it proposes.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="DraftId">The draft.</param>
public sealed record RequestPlace(Guid PolicyId, Guid DraftId);

/// <summary>
/// The one place that answers "may user U do action A on policy P" (every page and endpoint asks it). Roles form a
/// ladder: viewer (view) ⊂ editor (edit, comment, merge) ⊂ reviewer (review) ⊂ owner (members, settings, publishing
/// without review, merging past the assertion gate).
/// Administrators view and manage members and settings of every policy; they review or edit only through a
/// membership of their own, so administering the tool does not by itself approve anyone's change. A personal access
/// token narrows the user's rights: read scope to viewing, and a policy-bound token to that policy.
/// </summary>
public sealed class PolicyAccess(IDbContextFactory<SgDbContext> contexts)
{
    /// <summary>The least role that allows <paramref name="action"/>.</summary>
    public static PolicyRole LeastRole(PolicyAction action) => action switch
    {
        PolicyAction.View => PolicyRole.Viewer,
        PolicyAction.Edit or PolicyAction.Comment or PolicyAction.Merge => PolicyRole.Editor,
        PolicyAction.Review => PolicyRole.Reviewer,
        PolicyAction.ManageMembers or PolicyAction.ManageSettings or PolicyAction.Publish or PolicyAction.OverrideAssertions => PolicyRole.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown action"),
    };

    /// <summary>The decision itself, from what is known about the user (the role matrix, without the database).</summary>
    public static bool Allows(PolicyRole? role, bool isAdministrator, PolicyAction action, Guid policyId, TokenGrant? token = null)
    {
        if (token is not null && (token.PolicyId is { } only && only != policyId || token.Scope == TokenScope.Read && action != PolicyAction.View))
            return false;
        if (isAdministrator && action is PolicyAction.View or PolicyAction.ManageMembers or PolicyAction.ManageSettings)
            return true;
        return role is { } r && r >= LeastRole(action);
    }

    /// <summary>The user's role on the policy, or null when they are not a member.</summary>
    public async Task<PolicyRole?> RoleAsync(Guid userId, Guid policyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await RoleAsync(db, userId, policyId, ct);
    }

    /// <summary>Whether the user (through <paramref name="token"/>, if given) may do <paramref name="action"/> on the policy.</summary>
    public async Task<bool> MayAsync(Guid userId, PolicyAction action, Guid policyId, TokenGrant? token = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CheckAsync(db, userId, action, policyId, token, ct) is null;
    }

    /// <summary>The user's role on each policy they are a member of.</summary>
    public async Task<IReadOnlyDictionary<Guid, PolicyRole>> RolesAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PolicyMemberships.Where(m => m.UserId == userId).ToDictionaryAsync(m => m.PolicyId, m => m.Role, ct);
    }

    /// <summary>Ids of the policies the user may view (all of them for an administrator).</summary>
    public async Task<IReadOnlyList<Guid>> VisiblePoliciesAsync(Guid userId, TokenGrant? token = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var admin = await db.Users.AnyAsync(u => u.Id == userId && u.IsAdministrator, ct);
        var ids = admin
            ? await db.Policies.Select(p => p.Id).ToListAsync(ct)
            : await db.PolicyMemberships.Where(m => m.UserId == userId).Select(m => m.PolicyId).ToListAsync(ct);
        return token?.PolicyId is { } only ? [.. ids.Where(id => id == only)] : ids;
    }

    /// <summary>
    /// Null when the user (through <paramref name="token"/>, if given) may do <paramref name="action"/> on the policy;
    /// otherwise why not, in words fit for the user (not found when the policy does not exist).
    /// </summary>
    public async Task<StoreFailure?> RefusalAsync(Guid userId, PolicyAction action, Guid policyId, TokenGrant? token = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CheckAsync(db, userId, action, policyId, token, ct);
    }

    /// <summary>
    /// As <see cref="RefusalAsync"/> for the policy of <paramref name="draftId"/>, in one query (every draft edit asks
    /// this); not found when there is no such draft.
    /// </summary>
    public async Task<StoreFailure?> DraftRefusalAsync(Guid userId, PolicyAction action, Guid draftId, TokenGrant? token = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await StandingAsync(db, db.Drafts.Where(d => d.Id == draftId).Select(d => d.PolicyId), userId, ct);
        return found is null ? StoreFailure.NotFound($"draft {draftId} does not exist") : found.Refusal(action, token);
    }

    /// <summary>As <see cref="RefusalAsync"/> for the policy of <paramref name="requestId"/>, in one query; not found when there is no such request.</summary>
    public async Task<StoreFailure?> RequestRefusalAsync(Guid userId, PolicyAction action, Guid requestId, TokenGrant? token = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await StandingAsync(db, db.ChangeRequests.Where(r => r.Id == requestId).Select(r => r.PolicyId), userId, ct);
        return found is null ? StoreFailure.NotFound($"change request {requestId} does not exist") : found.Refusal(action, token);
    }

    /// <summary>The policy and the draft of a change request, or null when there is no such request.</summary>
    public async Task<RequestPlace?> PlaceOfRequestAsync(Guid requestId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ChangeRequests.Where(r => r.Id == requestId).Select(r => new RequestPlace(r.PolicyId, r.DraftId)).FirstOrDefaultAsync(ct);
    }

    // Null when allowed; otherwise a failure that says what is missing (not-found when the policy does not exist).
    // One query: the access check runs in front of every write and most reads.
    internal static async Task<StoreFailure?> CheckAsync(
        SgDbContext db, Guid userId, PolicyAction action, Guid policyId, TokenGrant? token, CancellationToken ct)
    {
        var found = await StandingAsync(db, db.Policies.Where(p => p.Id == policyId).Select(p => p.Id), userId, ct);
        return found is null ? StoreFailure.NotFound($"policy {policyId} does not exist") : found.Refusal(action, token);
    }

    // The user's standing on the one policy the query names (a policy, or the policy of a draft or request), in one query;
    // null when the query finds nothing.
    private static Task<Standing?> StandingAsync(SgDbContext db, IQueryable<Guid> policy, Guid userId, CancellationToken ct) =>
        policy.Select(policyId => new Standing(
            policyId,
            db.Users.Any(u => u.Id == userId && u.IsAdministrator),
            db.PolicyMemberships.Where(m => m.UserId == userId && m.PolicyId == policyId).Select(m => (PolicyRole?)m.Role).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);

    // What the database says about a user and one policy: enough to decide, and to say why not.
    private sealed record Standing(Guid PolicyId, bool Administrator, PolicyRole? Role)
    {
        public StoreFailure? Refusal(PolicyAction action, TokenGrant? token)
        {
            if (Allows(Role, Administrator, action, PolicyId, token))
                return null;
            var has = Role is { } r ? $"your role on this policy is {r.ToString().ToLowerInvariant()}" : "you are not a member of this policy";
            return token is not null && Allows(Role, Administrator, action, PolicyId)
                ? StoreFailure.Forbidden($"this access token does not allow {Describe(action)}")
                : StoreFailure.Forbidden($"{Describe(action)} needs the {LeastRole(action).ToString().ToLowerInvariant()} role; {has}");
        }
    }

    private static async Task<PolicyRole?> RoleAsync(SgDbContext db, Guid userId, Guid policyId, CancellationToken ct) =>
        await db.PolicyMemberships.Where(m => m.UserId == userId && m.PolicyId == policyId)
            .Select(m => (PolicyRole?)m.Role).FirstOrDefaultAsync(ct);

    private static string Describe(PolicyAction action) => action switch
    {
        PolicyAction.View => "viewing the policy",
        PolicyAction.Edit => "editing drafts",
        PolicyAction.Comment => "commenting",
        PolicyAction.Merge => "merging",
        PolicyAction.Review => "reviewing",
        PolicyAction.ManageMembers => "managing members",
        PolicyAction.Publish => "publishing without a change request",
        PolicyAction.OverrideAssertions => "merging past the assertions that block it",
        _ => "changing the policy's settings",
    };
}
