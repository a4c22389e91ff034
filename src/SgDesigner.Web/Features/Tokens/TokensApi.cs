using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Idempotency;

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
            .Paged("newest first by creation time, then by id (descending)").RequireSignedIn();
        api.MapPost("/", CreateToken).WithName("CreateAccessToken")
            .WithSummary("Create an access token; the token is returned this once. From a token: at most its scope, policy and expiry")
            .RequireSignedIn().WithIdempotency();
        api.MapDelete("/{tokenId:guid}", RevokeToken).WithName("RevokeAccessToken")
            .WithSummary("Revoke an access token at once (a policy-bound token may revoke only itself)")
            .RequireSignedIn();
        return api;
    }

    private static async Task<Results<Ok<Page<AccessTokenInfo>>, ValidationProblem>> ListTokens(
        string? limit, string? cursor, Caller caller, HttpContext http, AccessTokenStore store, CancellationToken ct)
    {
        var list = new PagedList("tokens");
        var (page, invalid) = list.Read(limit, cursor);
        if (invalid is not null)
            return invalid;
        var only = caller.Token is { PolicyId: not null } bound ? bound.TokenId : (Guid?)null;
        return list.Ok(http, await store.ListAsync(caller.UserId, only, page!, ct));
    }

    private static async Task<Results<Created<CreatedAccessToken>, ProblemHttpResult, ValidationProblem>> CreateToken(
        TokenRequest request, Caller caller, TokenIssuer issuer, CancellationToken ct)
    {
        var created = await issuer.CreateAsync(caller, request.Name ?? "", request.Scope, request.PolicyId, request.ExpiresAt?.UtcDateTime, ct);
        // The policy a token is bound to is named in the body: when it does not exist, the body is what is wrong.
        if (request.PolicyId is not null)
            created = created.MissingAt("policyId");
        return created.ToHttp(t => TypedResults.Created($"/api/account/tokens/{t.Info.Id}", t));
    }

    private static async Task<Results<Ok<AccessTokenInfo>, ProblemHttpResult, ValidationProblem>> RevokeToken(
        Guid tokenId, Caller caller, TokenIssuer issuer, CancellationToken ct) =>
        (await issuer.RevokeAsync(caller, tokenId, ct)).ToHttp(TypedResults.Ok);
}

/// <summary>A token to create.</summary>
/// <param name="Name">What uses it (1 to 100 characters).</param>
/// <param name="Scope">read (viewing only) or write (whatever your role allows).</param>
/// <param name="PolicyId">The only policy it works on, or null for all yours.</param>
/// <param name="ExpiresAt">When it stops working, or null for never.</param>
public sealed record TokenRequest(string? Name, TokenScope? Scope, Guid? PolicyId, DateTimeOffset? ExpiresAt);
