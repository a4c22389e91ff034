using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Paging;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Accounts;

/// <summary>A member of a policy as listed.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Email">Their e-mail.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Role">Their role on the policy.</param>
/// <param name="Since">When they became a member (UTC).</param>
public sealed record PolicyMember(Guid UserId, string Email, string DisplayName, PolicyRole Role, DateTime Since);

/// <summary>
/// Who is a member of a policy with which role. Only the policy's owners and administrators change memberships;
/// a policy always keeps at least one owner; every change is audited with the change itself.
/// </summary>
public sealed class MembershipStore(IDbContextFactory<SgDbContext> contexts, TimeProvider clock)
{
    /// <summary>The members of a policy, owners first, then by name.</summary>
    public async Task<StoreResult<IReadOnlyList<PolicyMember>>> ListAsync(Guid policyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return StoreFailure.NotFound($"policy {policyId} does not exist");
        var members = await (from m in db.PolicyMemberships
                             join u in db.Users on m.UserId equals u.Id
                             where m.PolicyId == policyId
                             select new { m.UserId, u.Email, u.DisplayName, m.Role, m.CreatedAt }).ToListAsync(ct);
        return members.OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(m => new PolicyMember(m.UserId, m.Email ?? "", m.DisplayName, m.Role, StoredTime.Utc(m.CreatedAt)))
            .ToList();
    }

    /// <summary>
    /// A page of the members of a policy: owners first, then reviewers, editors and viewers; within a role by name ignoring
    /// case, then by user id. Key: Number = the role's rank (0 for owners), Text = the name as the database upper-cases it, Id = the user.
    /// </summary>
    public async Task<StoreResult<KeysetPage<PolicyMember>>> ListAsync(Guid policyId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return StoreFailure.NotFound($"policy {policyId} does not exist");
        // The role is stored as text: its rank is spelled out so that the database sorts owners first.
        var members = from m in db.PolicyMemberships
                      join u in db.Users on m.UserId equals u.Id
                      where m.PolicyId == policyId
                      select new
                      {
                          m.UserId, u.Email, u.DisplayName, m.Role, m.CreatedAt,
                          Rank = m.Role == PolicyRole.Owner ? 0 : m.Role == PolicyRole.Reviewer ? 1 : m.Role == PolicyRole.Editor ? 2 : 3,
                          Name = u.DisplayName.ToUpper(),
                      };
        if (page.After is { } after)
        {
            var rank = (int)Math.Clamp(after.Number, -1, 4);
            members = members.Where(m => m.Rank > rank
                                         || (m.Rank == rank && (string.Compare(m.Name, after.Text) > 0
                                                                || (m.Name == after.Text && m.UserId.CompareTo(after.Id) > 0))));
        }
        var read = await Keyset.ReadAsync(members.OrderBy(m => m.Rank).ThenBy(m => m.Name).ThenBy(m => m.UserId), page.Limit,
            m => new PageKey(m.Rank, m.Name, m.UserId), ct);
        return read.Select(m => new PolicyMember(m.UserId, m.Email ?? "", m.DisplayName, m.Role, StoredTime.Utc(m.CreatedAt)));
    }

    /// <summary>
    /// Makes the creator of a policy its first owner. Allowed only while the policy has no members at all, so it
    /// cannot be used to join someone else's policy.
    /// </summary>
    public async Task<StoreResult<PolicyMember>> AddFirstOwnerAsync(AuditActor actor, Guid policyId, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return SignInFirst;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return StoreFailure.NotFound($"policy {policyId} does not exist");
        if (await db.PolicyMemberships.AnyAsync(m => m.PolicyId == policyId, ct))
            return StoreFailure.Forbidden("the policy already has members; its owners add new ones");
        return await AddInAsync(db, transaction, actor, policyId, userId, PolicyRole.Owner, ct);
    }

    /// <summary>Adds a user to a policy; refused when they are a member already (change their role instead).</summary>
    public async Task<StoreResult<PolicyMember>> AddAsync(
        AuditActor actor, Guid policyId, Guid userId, PolicyRole role, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await AuthorizeAsync(db, actor, policyId, ct) is { } refused)
            return refused;
        if (await db.PolicyMemberships.AsNoTracking().FirstOrDefaultAsync(m => m.PolicyId == policyId && m.UserId == userId, ct) is { } existing)
            return StoreFailure.Invalid("userId", $"the user is already a member of this policy ({existing.Role.ToString().ToLowerInvariant()}); change their role instead");
        return await AddInAsync(db, transaction, actor, policyId, userId, role, ct);
    }

    /// <summary>The validator of a policy's member list: who holds which role (what a role change replaces).</summary>
    public static string MembersTag(IEnumerable<(Guid UserId, PolicyRole Role)> members) =>
        StateTag.Of(members.OrderBy(m => m.UserId).Select(m => $"{m.UserId:N}={m.Role}"));

    /// <summary>
    /// Changes a member's role; the last owner cannot step down. With <paramref name="expectedTag"/>, only while the member
    /// list is the one it was read with (<see cref="MembersTag"/>).
    /// </summary>
    public async Task<StoreResult<PolicyMember>> ChangeRoleAsync(
        AuditActor actor, Guid policyId, Guid userId, PolicyRole role, string? expectedTag = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await AuthorizeAsync(db, actor, policyId, ct) is { } refused)
            return refused;
        if (expectedTag is not null)
        {
            // Locked before they are compared, as a role change's step 3 in RowLocks' order; SQLite's write lock is held already.
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"PolicyMemberships\" WHERE \"PolicyId\" = {policyId} FOR UPDATE", ct);
            var current = await db.PolicyMemberships.AsNoTracking().Where(m => m.PolicyId == policyId).Select(m => new { m.UserId, m.Role }).ToListAsync(ct);
            if (StateTag.Check(expectedTag, MembersTag(current.Select(m => (m.UserId, m.Role))), "the policy's members") is { } stale)
                return stale;
        }
        var membership = await db.PolicyMemberships.FirstOrDefaultAsync(m => m.PolicyId == policyId && m.UserId == userId, ct);
        if (membership is null)
            return StoreFailure.NotFound("the user is not a member of this policy");
        if (membership.Role == PolicyRole.Owner && role != PolicyRole.Owner && await IsLastOwnerAsync(db, policyId, ct))
            return LastOwner;
        var old = membership.Role;
        membership.Role = role;
        membership.UpdatedAt = Now;
        db.AuditEntries.Add(AuditLog.Row(policyId, membership.UpdatedAt, actor, "membership.changed", "membership", userId.ToString(),
            $"{await NameAsync(db, userId, ct)}: {old.ToString().ToLowerInvariant()} → {role.ToString().ToLowerInvariant()}"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        await transaction.CommitAsync(ct);
        return await MemberAsync(db, membership, ct);
    }

    /// <summary>Removes a member; the last owner cannot be removed.</summary>
    public async Task<StoreResult<bool>> RemoveAsync(AuditActor actor, Guid policyId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await AuthorizeAsync(db, actor, policyId, ct) is { } refused)
            return refused;
        var membership = await db.PolicyMemberships.FirstOrDefaultAsync(m => m.PolicyId == policyId && m.UserId == userId, ct);
        if (membership is null)
            return StoreFailure.NotFound("the user is not a member of this policy");
        if (membership.Role == PolicyRole.Owner && await IsLastOwnerAsync(db, policyId, ct))
            return LastOwner;
        db.PolicyMemberships.Remove(membership);
        db.AuditEntries.Add(AuditLog.Row(policyId, Now, actor, "membership.removed", "membership", userId.ToString(),
            $"{await NameAsync(db, userId, ct)} ({membership.Role.ToString().ToLowerInvariant()})"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        await transaction.CommitAsync(ct);
        return true;
    }

    // Also used when an invitation to a policy is accepted (the invitation is the owner's authorisation).
    internal async Task<StoreResult<PolicyMember>> AddInAsync(
        SgDbContext db, IDbContextTransaction transaction, AuditActor actor,
        Guid policyId, Guid userId, PolicyRole role, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            return StoreFailure.NotFound($"user {userId} does not exist");
        var now = Now;
        var membership = new PolicyMembershipRow
        {
            Id = Guid.CreateVersion7(), PolicyId = policyId, UserId = userId, Role = role, CreatedAt = now, UpdatedAt = now,
        };
        db.PolicyMemberships.Add(membership);
        db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, "membership.added", "membership", userId.ToString(),
            $"{await NameAsync(db, userId, ct)} as {role.ToString().ToLowerInvariant()}"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        await transaction.CommitAsync(ct);
        return await MemberAsync(db, membership, ct);
    }

    private static async Task<StoreFailure?> AuthorizeAsync(SgDbContext db, AuditActor actor, Guid policyId, CancellationToken ct) =>
        actor.UserId is { } userId
            ? await PolicyAccess.CheckAsync(db, userId, PolicyAction.ManageMembers, policyId, null, ct)
            : SignInFirst;

    private static async Task<bool> IsLastOwnerAsync(SgDbContext db, Guid policyId, CancellationToken ct) =>
        await db.PolicyMemberships.CountAsync(m => m.PolicyId == policyId && m.Role == PolicyRole.Owner, ct) <= 1;

    private static async Task<string> NameAsync(SgDbContext db, Guid userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName + " <" + u.Email + ">").FirstOrDefaultAsync(ct) ?? userId.ToString();

    private static async Task<PolicyMember> MemberAsync(SgDbContext db, PolicyMembershipRow m, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == m.UserId, ct);
        return new PolicyMember(m.UserId, user.Email ?? "", user.DisplayName, m.Role, StoredTime.Utc(m.CreatedAt));
    }

    internal static StoreFailure SignInFirst => StoreFailure.Forbidden("sign in first");

    private static StoreFailure LastOwner => StoreFailure.Conflict("a policy keeps at least one owner; make someone else owner first");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
