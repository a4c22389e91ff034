using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Tokens;

/// <summary><c>/api/account/tokens</c>: the caller's own personal access tokens.</summary>
public static class TokensApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account/tokens").WithTags("Access tokens").ProducesStoreProblems();
        api.MapGet("/", ListTokens).WithName("ListAccessTokens").WithSummary("My access tokens, newest first, revoked ones included")
            .RequireSignedIn();
        api.MapPost("/", CreateToken).WithName("CreateAccessToken").WithSummary("Create an access token; the token is returned this once")
            .RequireSignedIn();
        api.MapDelete("/{tokenId:guid}", RevokeToken).WithName("RevokeAccessToken").WithSummary("Revoke an access token at once")
            .RequireSignedIn();
        return api;
    }

    private static async Task<Ok<IReadOnlyList<AccessTokenInfo>>> ListTokens(Caller caller, AccessTokenStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(caller.UserId, ct));

    private static async Task<Results<Created<CreatedAccessToken>, ProblemHttpResult, ValidationProblem>> CreateToken(
        TokenRequest request, Caller caller, AccessTokenStore store, CancellationToken ct)
    {
        if (CreationRefusal(caller, request.PolicyId) is { } refused)
            return refused;
        if (request.Scope is not { } scope)
            return ApiResults.Invalid([new Core.Model.ValidationError("scope", "a scope is needed: read or write")]);
        var created = await store.CreateAsync(caller.Actor, request.Name ?? "", scope, request.PolicyId, request.ExpiresAt?.UtcDateTime, ct);
        return created.ToHttp(t => TypedResults.Created($"/api/account/tokens/{t.Info.Id}", t));
    }

    private static async Task<Results<Ok<AccessTokenInfo>, ProblemHttpResult, ValidationProblem>> RevokeToken(
        Guid tokenId, Caller caller, AccessTokenStore store, CancellationToken ct)
    {
        if (CallerLimits.WritesAllowed(caller, "revoking tokens") is { } refused)
            return refused;
        return (await store.RevokeAsync(caller.Actor, tokenId, ct)).ToHttp(TypedResults.Ok);
    }

    // A token may make another only with no more reach than itself: write scope, and the same policy when bound to one.
    private static ProblemHttpResult? CreationRefusal(Caller caller, Guid? policyId)
    {
        if (CallerLimits.WritesAllowed(caller, "creating tokens") is { } readOnly)
            return readOnly;
        return caller.Token?.PolicyId is { } only && policyId != only
            ? CallerLimits.Forbidden("this access token works on one policy only; a token it creates must be bound to that policy")
            : null;
    }
}

/// <summary>A token to create.</summary>
/// <param name="Name">What uses it (1 to 100 characters).</param>
/// <param name="Scope">read (viewing only) or write (whatever your role allows).</param>
/// <param name="PolicyId">The only policy it works on, or null for all yours.</param>
/// <param name="ExpiresAt">When it stops working, or null for never.</param>
public sealed record TokenRequest(string? Name, TokenScope? Scope, Guid? PolicyId, DateTimeOffset? ExpiresAt);
