using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>
/// Who is calling, as the stores need it: the signed-in user (by cookie or by personal access token), whether they
/// administer the tool, what their token grants and where they called from. An endpoint takes it as a parameter; a
/// component gets it from <see cref="CircuitCaller"/>.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="Email">Their e-mail (the sign-in name).</param>
/// <param name="DisplayName">The name others see.</param>
/// <param name="IsAdministrator">Whether they administer the tool.</param>
/// <param name="Token">What their access token grants, or null when they signed in with a password.</param>
/// <param name="RemoteAddress">The client's address, when known.</param>
public sealed record Caller(Guid UserId, string Email, string DisplayName, bool IsAdministrator, TokenGrant? Token, string? RemoteAddress)
{
    /// <summary>The claim that carries the access token's id when the caller authenticated with one.</summary>
    public const string TokenIdClaim = "sgd:token";

    /// <summary>The claim with the token's scope (read or write).</summary>
    public const string TokenScopeClaim = "sgd:token-scope";

    /// <summary>The claim with the only policy the token works on, when it is bound to one.</summary>
    public const string TokenPolicyClaim = "sgd:token-policy";

    /// <summary>The claim with when the token stops working (UTC, round-trip format), when it expires.</summary>
    public const string TokenExpiryClaim = "sgd:token-expires";

    /// <summary>Where a request keeps its caller once known (the token scheme sets it when it verifies the token).</summary>
    internal const string HttpContextKey = "sgd:caller";

    /// <summary>Who the audit trail records.</summary>
    public AuditActor Actor => new(UserId, $"{DisplayName} <{Email}>", RemoteAddress);

    /// <summary>Whether the caller may do <paramref name="action"/> on the policy (one query; the stores check again).</summary>
    public Task<bool> MayAsync(PolicyAccess access, PolicyAction action, Guid policyId, CancellationToken ct = default) =>
        access.MayAsync(UserId, action, policyId, Token, ct);

    /// <summary>
    /// The policy's summary when the caller may view it; otherwise why not (the role needed, or not found). Every page
    /// about one policy opens with this.
    /// </summary>
    public async Task<StoreResult<PolicySummary>> ViewPolicyAsync(PolicyAccess access, PolicyStore store, Guid policyId, CancellationToken ct = default) =>
        await access.RefusalAsync(UserId, PolicyAction.View, policyId, Token, ct) is { } refused ? refused : await store.GetPolicyAsync(policyId, ct);

    /// <summary>
    /// Minimal APIs bind a <see cref="Caller"/> parameter from the authenticated request; every API endpoint requires
    /// authentication, so a missing user here means the account was deleted after sign-in.
    /// </summary>
    public static async ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) => await FromHttpContextAsync(context);

    /// <summary>The request's caller, loaded once per request; null when nobody is signed in.</summary>
    public static async Task<Caller?> FromHttpContextAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(HttpContextKey, out var cached))
            return cached as Caller;
        var contexts = context.RequestServices.GetRequiredService<IDbContextFactory<SgDbContext>>();
        var caller = await FromPrincipalAsync(contexts, context.User, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        context.Items[HttpContextKey] = caller;
        return caller;
    }

    /// <summary>The caller a principal stands for, read from the database (so a changed name or role shows at once).</summary>
    public static async Task<Caller?> FromPrincipalAsync(
        IDbContextFactory<SgDbContext> contexts, ClaimsPrincipal principal, string? remoteAddress, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.DisplayName, u.IsAdministrator }).FirstOrDefaultAsync(ct);
        if (user is null)
            return null;
        return new Caller(userId, user.Email ?? "", user.DisplayName, user.IsAdministrator, TokenOf(principal, userId), remoteAddress);
    }

    private static TokenGrant? TokenOf(ClaimsPrincipal principal, Guid userId)
    {
        if (!Guid.TryParse(principal.FindFirstValue(TokenIdClaim), out var tokenId))
            return null;
        var scope = Enum.TryParse<TokenScope>(principal.FindFirstValue(TokenScopeClaim), out var s) ? s : TokenScope.Read;
        Guid? policy = Guid.TryParse(principal.FindFirstValue(TokenPolicyClaim), out var p) ? p : null;
        DateTime? expiry = DateTime.TryParse(principal.FindFirstValue(TokenExpiryClaim), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var e)
            ? e.ToUniversalTime() : null;
        return new TokenGrant(tokenId, userId, scope, policy, expiry);
    }
}
