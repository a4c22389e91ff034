using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SgDesigner.Data.Hosting;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>Registers sign-in (cookie and personal access token), the caller of a circuit and the account stores.</summary>
public static class AccountServices
{
    /// <summary>Picks the cookie or the access token per request.</summary>
    public const string Scheme = "SgDesigner";

    /// <summary>The session cookie's name (also in the OpenAPI document's security schemes).</summary>
    public const string SessionCookieName = "sgd.session";

    /// <summary>Where people sign in.</summary>
    public const string SignInPath = "/account/sign-in";

    /// <summary>
    /// Identity, both authentication schemes behind one that picks per request, and a fallback authorization policy:
    /// every page and endpoint needs a signed-in user unless it says [AllowAnonymous].
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPolicyIdentity();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or access token", options =>
                // Only the API takes a bearer token; pages, /account and the Blazor hub know the cookie alone.
                options.ForwardDefaultSelector = context =>
                    AccessTokenAuthentication.Applies(context.Request) ? AccessTokenAuthentication.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.SchemeName, null)
            .AddSingleSignOn(configuration);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = SessionCookieName;
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = SignInPath;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            // An API call without a session gets a status, not a redirect to an HTML page.
            options.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitCaller>();
        return services;
    }

    private static Task ApiStatusOrRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var api = context.Request.Path.StartsWithSegments(AccessTokenAuthentication.ApiPath);
        // The Blazor hub is no page either: a redirect to HTML means nothing to a SignalR client.
        if (!api && !context.Request.Path.StartsWithSegments("/_blazor"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        var unauthorized = api ? "sign in, or send a personal access token as 'Authorization: Bearer sgd_pat_…'" : "sign in (access tokens work on /api only)";
        return Results.Problem(statusCode: status, title: status == 401 ? "Unauthorized" : "Forbidden", detail: status == 401 ? unauthorized : "not allowed")
            .ExecuteAsync(context.HttpContext);
    }
}
