using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Tokens;

/// <summary>
/// <c>/api/account/tokens</c>: the caller's own personal access tokens. A token never makes more power than it has:
/// from a token, a new token gets at most its scope, its policy and its expiry (asking for more is a 403 naming the
/// limit, never a silent narrowing), and a read token creates and revokes nothing. A token bound to one policy sees
/// and revokes only itself: the owner's other tokens are account-wide business.
/// </summary>
public static class TokensApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account/tokens").WithTags("Access tokens").ProducesStoreProblems();
        api.MapGet("/", ListTokens).WithName("ListAccessTokens")
            .WithSummary("My access tokens, newest first, revoked ones included (a policy-bound token lists only itself)")
            .RequireSignedIn();
        api.MapPost("/", CreateToken).WithName("CreateAccessToken")
            .WithSummary("Create an access token; the token is returned this once. From a token: at most its scope, policy and expiry")
            .RequireSignedIn();
        api.MapDelete("/{tokenId:guid}", RevokeToken).WithName("RevokeAccessToken")
            .WithSummary("Revoke an access token at once (a policy-bound token may revoke only itself)")
            .RequireSignedIn();
        return api;
    }

    private static async Task<Ok<IReadOnlyList<AccessTokenInfo>>> ListTokens(Caller caller, AccessTokenStore store, CancellationToken ct)
    {
        var tokens = await store.ListAsync(caller.UserId, ct);
        return TypedResults.Ok(caller.Token is { PolicyId: not null } bound ? [.. tokens.Where(t => t.Id == bound.TokenId)] : tokens);
    }

    private static async Task<Results<Created<CreatedAccessToken>, ProblemHttpResult, ValidationProblem>> CreateToken(
        TokenRequest request, Caller caller, AccessTokenStore store, CancellationToken ct)
    {
        if (CreationRefusal(caller, request) is { } refused)
            return refused;
        if (request.Scope is not { } scope)
            return ApiResults.Invalid([new Core.Model.ValidationError("scope", "a scope is needed: read or write")]);
        var created = await store.CreateAsync(caller.Actor, request.Name ?? "", scope, request.PolicyId, request.ExpiresAt?.UtcDateTime, ct);
        if (request.PolicyId is not null)
            created = created.MissingAt("policyId");
        return created.ToHttp(t => TypedResults.Created($"/api/account/tokens/{t.Info.Id}", t));
    }

    private static async Task<Results<Ok<AccessTokenInfo>, ProblemHttpResult, ValidationProblem>> RevokeToken(
        Guid tokenId, Caller caller, AccessTokenStore store, CancellationToken ct)
    {
        if (CallerLimits.WritesAllowed(caller, "revoking tokens") is { } refused)
            return refused;
        if (caller.Token is { PolicyId: not null } bound && bound.TokenId != tokenId)
            return CallerLimits.Forbidden("this access token works on one policy only; it may revoke itself but no other token");
        return (await store.RevokeAsync(caller.Actor, tokenId, ct)).ToHttp(TypedResults.Ok);
    }

    // A signed-in session may create any token; a token only one with no more reach than itself: a read token none,
    // a bound one only for its policy, an expiring one only expiring no later.
    private static ProblemHttpResult? CreationRefusal(Caller caller, TokenRequest request)
    {
        if (caller.Token is not { } token)
            return null;
        if (CallerLimits.WritesAllowed(caller, "creating tokens") is { } readOnly)
            return readOnly;
        if (token.PolicyId is { } only && request.PolicyId != only)
            return CallerLimits.Forbidden($"this access token works on policy {only} only; a token it creates must be bound to that policy");
        if (token.ExpiresAt is { } limit && (request.ExpiresAt is not { } asked || asked.UtcDateTime > limit))
            return CallerLimits.Forbidden(
                $"this access token expires at {limit:yyyy-MM-dd'T'HH:mm:ss'Z'}; a token it creates must expire no later (expiresAt)");
        return null;
    }
}

/// <summary>A token to create.</summary>
/// <param name="Name">What uses it (1 to 100 characters).</param>
/// <param name="Scope">read (viewing only) or write (whatever your role allows).</param>
/// <param name="PolicyId">The only policy it works on, or null for all yours.</param>
/// <param name="ExpiresAt">When it stops working, or null for never.</param>
public sealed record TokenRequest(string? Name, TokenScope? Scope, Guid? PolicyId, DateTimeOffset? ExpiresAt);
