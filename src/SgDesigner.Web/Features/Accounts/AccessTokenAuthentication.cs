using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SgDesigner.Data.Accounts;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>
/// Signs in API calls that carry <c>Authorization: Bearer sgd_pat_…</c>: the token is verified on every call (so a
/// revoked token stops at once) and the principal carries what it grants (<see cref="Caller.TokenIdClaim"/>…).
/// Only paths under <c>/api</c> take a token: a token leaked from a script must not open pages, the Blazor hub or
/// the account forms, where a browser session could mint tokens without the token's limits.
/// </summary>
public sealed class AccessTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "AccessToken";

    private const string Bearer = "Bearer ";

    /// <summary>The only paths where a token is accepted.</summary>
    public const string ApiPath = "/api";

    /// <summary>Whether a request presents a bearer token (then this scheme, not the cookie, decides who it is).</summary>
    public static bool IsPresented(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Bearer, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this scheme decides who the caller is: a bearer token presented to the API.</summary>
    public static bool Applies(HttpRequest request) => request.Path.StartsWithSegments(ApiPath) && IsPresented(request);

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Applies(Request))
            return AuthenticateResult.NoResult();
        var token = Request.Headers.Authorization.ToString()[Bearer.Length..].Trim();
        var verified = await tokens.AuthenticateAsync(token, Context.RequestAborted);
        if (!verified.IsOk)
            return AuthenticateResult.Fail(verified.Failure!.Message);
        var grant = verified.Value.Grant;
        // The caller is known now, so the request does not read the user again (Caller.FromHttpContextAsync).
        Context.Items[Caller.HttpContextKey] = new Caller(grant.UserId, verified.Value.Email, verified.Value.DisplayName,
            verified.Value.IsAdministrator, grant, Context.Connection.RemoteIpAddress?.ToString());
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, grant.UserId.ToString()),
            new(Caller.TokenIdClaim, grant.TokenId.ToString()),
            new(Caller.TokenScopeClaim, grant.Scope.ToString()),
        ];
        if (grant.PolicyId is { } policy)
            claims.Add(new Claim(Caller.TokenPolicyClaim, policy.ToString()));
        if (grant.ExpiresAt is { } expiry)
            claims.Add(new Claim(Caller.TokenExpiryClaim, expiry.ToString("O", CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized,
            detail: result.Failure?.Message ?? "send a personal access token as 'Authorization: Bearer sgd_pat_…'").ExecuteAsync(Context);
    }
}
