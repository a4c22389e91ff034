using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Hosting;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>
/// How a browser session is kept safe: every request with a session cookie checks the user's security stamp (a
/// password change or an administrator disabling the account ends every other session at once), the cookies are
/// HttpOnly, SameSite and — wherever plain HTTP is redirected to HTTPS (<see cref="ProxyAndHttps.RedirectsToHttps"/>) — Secure, and the keys that sign cookies and form tokens live in the
/// database, so a restart or a second node signs nobody out and breaks no form.
/// </summary>
public static class SessionSecurity
{
    /// <summary>The data-protection application name: every node of one installation must share it.</summary>
    public const string ApplicationName = "SgDesigner";

    /// <summary>Registers the above (and <see cref="SessionRevalidation"/> for open circuits); call after <see cref="AccountServices.AddAccounts"/> and the Razor components.</summary>
    public static IServiceCollection AddSessionSecurity(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<SgDbContext>();
        // Development serves plain http on localhost (no certificate), and so does an installation that turned HTTPS
        // redirection off (the compose file's, for trying it): there a cookie is as secure as the request, Secure once a
        // TLS proxy says so. Always Secure would refuse every form there (the form token will not send it over http).
        var secure = ProxyAndHttps.RedirectsToHttps(configuration, environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(options =>
        {
            Harden(options.Cookie, secure, SameSiteMode.Lax);
            options.Events.OnValidatePrincipal = RejectStaleStampAsync;
        });
        // The provider's answer comes back as a cross-site top-level navigation, which Lax cookies survive.
        services.ConfigureExternalCookie(options => Harden(options.Cookie, secure, SameSiteMode.Lax));
        services.AddAntiforgery(options => Harden(options.Cookie, secure, SameSiteMode.Strict));
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        return services;
    }

    private static void Harden(CookieBuilder cookie, CookieSecurePolicy secure, SameSiteMode sameSite)
    {
        cookie.SecurePolicy = secure;
        cookie.HttpOnly = true;
        cookie.SameSite = sameSite;
    }

    // One query by primary key per request with a session cookie. Identity's SecurityStampValidator would also re-issue
    // the cookie on every request at an interval of zero; this only rejects.
    private static async Task RejectStaleStampAsync(CookieValidatePrincipalContext context)
    {
        // The error page, re-run after an exception, does not check again: when the database is what failed, the check
        // would fail the same way and the visitor would get an empty 500. It shows as to a signed-out visitor; the
        // cookie is kept, and the next request checks it.
        if (context.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            context.RejectPrincipal();
            return;
        }
        var signIns = context.HttpContext.RequestServices.GetRequiredService<SignInManager<SgUser>>();
        if (await signIns.ValidateSecurityStampAsync(context.Principal) is not null)
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
