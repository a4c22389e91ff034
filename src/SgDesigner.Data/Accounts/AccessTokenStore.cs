using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Paging;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Accounts;

/// <summary>A verified token and who owns it, as read in one query.</summary>
/// <param name="Grant">What the token grants.</param>
/// <param name="Email">The owner's e-mail.</param>
/// <param name="DisplayName">The owner's name.</param>
/// <param name="IsAdministrator">Whether the owner administers the tool.</param>
public sealed record VerifiedToken(TokenGrant Grant, string Email, string DisplayName, bool IsAdministrator);

/// <summary>A personal access token as listed: never the token itself.</summary>
/// <param name="Id">Its id.</param>
/// <param name="UserId">Its owner.</param>
/// <param name="Name">What it is for.</param>
/// <param name="Prefix">Its first characters, to recognise it.</param>
/// <param name="Scope">Read or write.</param>
/// <param name="PolicyId">The only policy it works on, or null for all the owner's policies.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="ExpiresAt">When it stops working (UTC), or null.</param>
/// <param name="LastUsedAt">When it was last verified (UTC), or null.</param>
/// <param name="RevokedAt">When it was revoked (UTC), or null.</param>
public sealed record AccessTokenInfo(
    Guid Id, Guid UserId, string Name, string Prefix, TokenScope Scope, Guid? PolicyId, DateTime CreatedAt,
    DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>A token just created: <see cref="Token"/> is shown this once and stored nowhere.</summary>
/// <param name="Info">Its metadata.</param>
/// <param name="Token">The secret to hand to the automation.</param>
public sealed record CreatedAccessToken(AccessTokenInfo Info, string Token);

/// <summary>
/// Personal access tokens for the API: created by a signed-in user for themself, verified on every API call,
/// revoked by their owner or an administrator. Only a SHA-256 of each token is stored (<see cref="SecretTokens"/>).
/// </summary>
public sealed class AccessTokenStore(IDbContextFactory<SgDbContext> contexts, TimeProvider clock)
{
    private const int PrefixLength = 12;

    /// <summary>Creates a token for the actor; the result holds the token, which cannot be read again.</summary>
    public async Task<StoreResult<CreatedAccessToken>> CreateAsync(
        AuditActor actor, string name, TokenScope scope, Guid? policyId = null, DateTime? expiresAt = null, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            return StoreFailure.Invalid("name", "a token needs a name of 1 to 100 characters saying what uses it");
        var now = Now;
        if (expiresAt is { } expiry && expiry.ToUniversalTime() <= now)
            return StoreFailure.Invalid("expiresAt", "the expiry must be in the future");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (policyId is { } policy && await PolicyAccess.CheckAsync(db, userId, PolicyAction.View, policy, null, ct) is { } refused)
            return refused;
        var token = SecretTokens.New("pat");
        var row = new PersonalAccessTokenRow
        {
            Id = Guid.CreateVersion7(), UserId = userId, Name = name, TokenHash = SecretTokens.Hash(token),
            Prefix = token[..PrefixLength], Scope = scope, PolicyId = policyId, CreatedAt = now, ExpiresAt = expiresAt is { } at ? StoredTime.Stored(at) : null,
        };
        db.PersonalAccessTokens.Add(row);
        db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, "token.created", "token", row.Id.ToString(),
            $"'{name}' ({scope.ToString().ToLowerInvariant()}{(policyId is null ? "" : ", one policy")}, prefix {row.Prefix})"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        return new CreatedAccessToken(ToInfo(row), token);
    }

    /// <summary>How often a token's <c>LastUsedAt</c> is written at most.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// What a presented token grants, or why it grants nothing (unknown, revoked, expired). A locked-out owner's tokens
    /// keep working: lockout guards the password. A valid token's last use is recorded.
    /// </summary>
    public async Task<StoreResult<TokenGrant>> VerifyAsync(string token, CancellationToken ct = default)
    {
        var verified = await AuthenticateAsync(token, ct);
        return verified.IsOk ? verified.Value.Grant : verified.Failure!;
    }

    /// <summary>
    /// As <see cref="VerifyAsync"/>, with who owns the token read in the same query: an API call with a token costs one
    /// query to know its caller (and one write a minute for the last use).
    /// </summary>
    public async Task<StoreResult<VerifiedToken>> AuthenticateAsync(string token, CancellationToken ct = default)
    {
        var invalid = StoreFailure.Forbidden("the access token is not valid");
        if (string.IsNullOrWhiteSpace(token) || !token.StartsWith("sgd_pat_", StringComparison.Ordinal))
            return invalid;
        var hash = SecretTokens.Hash(token.Trim());
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.TokenHash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Row = t, u.Email, u.DisplayName, u.IsAdministrator })
            .FirstOrDefaultAsync(ct);
        if (found is null)
            return invalid;
        var row = found.Row;
        var now = Now;
        if (row.RevokedAt is not null)
            return StoreFailure.Forbidden("the access token has been revoked");
        if (row.ExpiresAt is { } expiry && expiry <= now)
            return StoreFailure.Forbidden("the access token has expired");
        // Lockout is not checked: it counts wrong passwords, which anyone can type, and locks the password sign-in only;
        // switching tokens off with it would let a stranger stop the owner's automation.
        // "Last used" is for people (is this token still in use?): written at most once a minute per token, so a busy
        // pipeline reads without writing on every call. The condition makes concurrent calls write it once.
        if (row.LastUsedAt is not { } used || StoredTime.Utc(used) <= now - LastUsedResolution)
        {
            var stale = now - LastUsedResolution;
            await db.PersonalAccessTokens.Where(t => t.Id == row.Id && (t.LastUsedAt == null || t.LastUsedAt <= stale))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return new VerifiedToken(new TokenGrant(row.Id, row.UserId, row.Scope, row.PolicyId, StoredTime.Utc(row.ExpiresAt)),
            found.Email ?? "", found.DisplayName, found.IsAdministrator);
    }

    /// <summary>Revokes a token at once; by its owner or an administrator.</summary>
    public async Task<StoreResult<AccessTokenInfo>> RevokeAsync(AuditActor actor, Guid tokenId, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (row is null)
            return StoreFailure.NotFound($"access token {tokenId} does not exist");
        if (row.UserId != userId && !await db.Users.AnyAsync(u => u.Id == userId && u.IsAdministrator, ct))
            return StoreFailure.Forbidden("only the token's owner or an administrator can revoke it");
        if (row.RevokedAt is not null)
            return ToInfo(row);
        row.RevokedAt = Now;
        db.AuditEntries.Add(AuditLog.Row(row.PolicyId, row.RevokedAt.Value, actor, "token.revoked", "token", row.Id.ToString(),
            $"'{row.Name}' (prefix {row.Prefix})"));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        return ToInfo(row);
    }

    /// <summary>A user's tokens, newest first, revoked ones included.</summary>
    public async Task<IReadOnlyList<AccessTokenInfo>> ListAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct);
        return [.. rows.OrderByDescending(t => t.CreatedAt).Select(ToInfo)];
    }

    /// <summary>
    /// A page of a user's tokens (only <paramref name="onlyTokenId"/> when given), revoked ones included: newest first by
    /// creation time, then by id (descending). Key: Number = ticks, Id.
    /// </summary>
    public async Task<KeysetPage<AccessTokenInfo>> ListAsync(Guid userId, Guid? onlyTokenId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId && (onlyTokenId == null || t.Id == onlyTokenId));
        if (page.After is { } after)
        {
            var at = after.Time;
            rows = rows.Where(t => t.CreatedAt < at || (t.CreatedAt == at && t.Id.CompareTo(after.Id) < 0));
        }
        var read = await Keyset.ReadAsync(rows.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id), page.Limit,
            t => PageKey.At(t.CreatedAt, t.Id), ct);
        return read.Select(ToInfo);
    }

    private static AccessTokenInfo ToInfo(PersonalAccessTokenRow t) => new(
        t.Id, t.UserId, t.Name, t.Prefix, t.Scope, t.PolicyId, StoredTime.Utc(t.CreatedAt), StoredTime.Utc(t.ExpiresAt),
        StoredTime.Utc(t.LastUsedAt), StoredTime.Utc(t.RevokedAt));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
