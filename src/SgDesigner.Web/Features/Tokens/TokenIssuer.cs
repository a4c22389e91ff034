using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Tokens;

/// <summary>
/// The one way to create and revoke personal access tokens, for the API and the tokens page alike. A token never makes
/// more power than it has: a signed-in session may create any token; a token only one no wider than itself (a read
/// token none, a bound one only for its policy, an expiring one only expiring no later), and asking for more is
/// refused naming the limit, never silently narrowed. A token bound to one policy revokes only itself. The store
/// checks the rest (the name, the binding to a policy the user may view, the owner of a revoked token) and audits.
/// No other page shows a user's tokens, so there is no live-update event to raise.
/// </summary>
public sealed class TokenIssuer(AccessTokenStore tokens)
{
    /// <summary>Creates a token for the caller; the secret is in the result, this once.</summary>
    public async Task<StoreResult<CreatedAccessToken>> CreateAsync(
        Caller caller, string name, TokenScope? scope, Guid? policyId, DateTime? expiresAt, CancellationToken ct = default)
    {
        if (CreationRefusal(caller, policyId, expiresAt) is { } refused)
            return refused;
        if (scope is not { } wanted)
            return StoreFailure.Invalid("scope", "a scope is needed: read or write");
        return await tokens.CreateAsync(caller.Actor, name, wanted, policyId, expiresAt, ct);
    }

    /// <summary>Revokes one of the caller's tokens at once.</summary>
    public async Task<StoreResult<AccessTokenInfo>> RevokeAsync(Caller caller, Guid tokenId, CancellationToken ct = default)
    {
        if (CallerLimits.WritesRefusal(caller, "revoking tokens") is { } refused)
            return refused;
        if (caller.Token is { PolicyId: not null } bound && bound.TokenId != tokenId)
            return StoreFailure.Forbidden("this access token works on one policy only; it may revoke itself but no other token");
        return await tokens.RevokeAsync(caller.Actor, tokenId, ct);
    }

    private static StoreFailure? CreationRefusal(Caller caller, Guid? policyId, DateTime? expiresAt)
    {
        if (caller.Token is not { } token)
            return null;
        if (CallerLimits.WritesRefusal(caller, "creating tokens") is { } readOnly)
            return readOnly;
        if (token.PolicyId is { } only && policyId != only)
            return StoreFailure.Forbidden($"this access token works on policy {only} only; a token it creates must be bound to that policy");
        if (token.ExpiresAt is { } limit && (expiresAt is not { } asked || asked > limit))
            return StoreFailure.Forbidden(
                $"this access token expires at {limit:yyyy-MM-dd'T'HH:mm:ss'Z'}; a token it creates must expire no later (expiresAt)");
        return null;
    }
}

/// <summary>Registers the tokens' service.</summary>
public static class TokenServices
{
    /// <summary>Adds <see cref="TokenIssuer"/>, one per app.</summary>
    public static IServiceCollection AddTokens(this IServiceCollection services) => services.AddSingleton<TokenIssuer>();
}
