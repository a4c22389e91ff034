using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>
/// Optional OpenID Connect sign-in for teams with SSO, switched on by the <c>Authentication:OpenIdConnect</c> settings
/// (Authority, ClientId, ClientSecret, DisplayName). The identity provider proves who someone is; SgDesigner still
/// decides who may come in: the e-mail it asserts must belong to an account made by sign-up or invitation, so SSO
/// never creates accounts or grants roles by itself.
/// </summary>
public static class SingleSignOn
{
    /// <summary>The OpenID Connect scheme's name.</summary>
    public const string Scheme = "oidc";

    /// <summary>Where the settings live.</summary>
    public const string Section = "Authentication:OpenIdConnect";

    /// <summary>The provider's name on the sign-in button, or null when SSO is not configured.</summary>
    public static string? ButtonText(IConfiguration configuration) =>
        IsConfigured(configuration) ? $"Sign in with {configuration[$"{Section}:DisplayName"] ?? "single sign-on"}" : null;

    /// <summary>Adds the OpenID Connect handler when the settings name an authority and a client.</summary>
    public static void AddSingleSignOn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        if (!IsConfigured(configuration))
            return;
        var section = configuration.GetSection(Section);
        authentication.AddOpenIdConnect(Scheme, section["DisplayName"] ?? "Single sign-on", options =>
        {
            options.Authority = section["Authority"];
            options.ClientId = section["ClientId"];
            options.ClientSecret = section["ClientSecret"];
            options.ResponseType = "code";
            options.UsePkce = true;
            options.Scope.Add("email");
            // Kept from the user-info answer too (the ID token's claims are kept as they are): see VerifiedEmail.
            options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            options.GetClaimsFromUserInfoEndpoint = true;
            // The provider's identity lands in Identity's short-lived external cookie; FinishAsync turns it into a session.
            options.SignInScheme = IdentityConstants.ExternalScheme;
        });
    }

    /// <summary>
    /// Maps <c>POST /account/sso</c> (start; only when configured) and <c>GET /account/sso/done</c> (the return from
    /// the provider).
    /// </summary>
    public static void MapSingleSignOn(this IEndpointRouteBuilder app)
    {
        if (IsConfigured(app.ServiceProvider.GetRequiredService<IConfiguration>()))
            app.MapPost("/account/sso", async (string? returnUrl, HttpContext http, IAntiforgery antiforgery) =>
                    await AccountEndpoints.FormTokenRefusalAsync(http, antiforgery) ?? Results.Challenge(
                        new AuthenticationProperties { RedirectUri = $"/account/sso/done?returnUrl={Uri.EscapeDataString(LocalReturnUrl.From(returnUrl))}" }, [Scheme]))
                .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/account/sso/done", FinishAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> FinishAsync(
        HttpContext http, string? returnUrl, UserManager<SgUser> users, SignInManager<SgUser> signIns, AuditLog audit)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        var from = http.Connection.RemoteIpAddress?.ToString();
        var (email, problem) = VerifiedEmail(external.Principal);
        if (email is null)
        {
            await audit.AppendAsync(new AuditActor(null, "single sign-on", from), "user.sign-in-failed", "user", null, $"single sign-on: {problem}", ct: http.RequestAborted);
            return Refuse(problem!);
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await audit.AppendAsync(new AuditActor(null, email, from), "user.sign-in-failed", "user", null, "single sign-on: no account with this e-mail", ct: http.RequestAborted);
            return Refuse($"no account uses {email}; ask an administrator or a policy owner for an invitation");
        }
        if (await users.IsLockedOutAsync(user))
            return Refuse(AccountStore.IsDisabled(user) ? "this account has been disabled by an administrator" : "this account is locked; try again later");
        await signIns.SignInAsync(user, isPersistent: false, authenticationMethod: Scheme);
        await audit.AppendAsync(new AuditActor(user.Id, $"{user.DisplayName} <{user.Email}>", from), "user.signed-in", "user", user.Id.ToString(),
            "single sign-on", ct: http.RequestAborted);
        return Results.LocalRedirect(LocalReturnUrl.From(returnUrl));
    }

    /// <summary>
    /// The e-mail the provider vouches for, or why there is none. An address counts only with <c>email_verified</c>
    /// true: otherwise anyone who can set an unverified address at the provider would sign in as its owner here.
    /// </summary>
    public static (string? Email, string? Problem) VerifiedEmail(ClaimsPrincipal? principal)
    {
        var email = principal?.FindFirstValue(ClaimTypes.Email) ?? principal?.FindFirstValue("email");
        if (string.IsNullOrWhiteSpace(email))
            return (null, "the identity provider did not say which e-mail address you have");
        var verified = principal!.FindFirstValue("email_verified");
        if (!bool.TryParse(verified, out var yes) || !yes)
            return (null, $"the identity provider has not verified {email}; verify the address there, then sign in again");
        return (email.Trim(), null);
    }

    private static IResult Refuse(string why) => Results.LocalRedirect($"{AccountServices.SignInPath}?error={Uri.EscapeDataString(why)}");

    private static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{Section}:Authority"]) && !string.IsNullOrWhiteSpace(configuration[$"{Section}:ClientId"]);
}
