using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;

namespace SgDesigner.Web.Features.Accounts;

/// <summary>Sign-out, a form post (with the antiforgery token) from the layout's user menu, and single sign-on.</summary>
public static class AccountEndpoints
{
    /// <summary>Maps <c>POST /account/sign-out</c>.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-out", SignOutAsync).ExcludeFromDescription();
        app.MapSingleSignOn();
        return app;
    }

    // The form's antiforgery token is required: another site must not be able to sign people out (or, through SSO's
    // start, sign them in as someone else). The endpoint binds no form, so nothing else would check it.
    private static async Task<IResult> SignOutAsync(HttpContext http, SignInManager<SgUser> signIns, AuditLog audit, IAntiforgery antiforgery)
    {
        if (await FormTokenRefusalAsync(http, antiforgery) is { } refused)
            return refused;
        if (await Caller.FromHttpContextAsync(http) is { } caller)
            await audit.AppendAsync(caller.Actor, "user.signed-out", "user", caller.UserId.ToString(), null, ct: http.RequestAborted);
        await signIns.SignOutAsync();
        return TypedResults.LocalRedirect("~" + AccountServices.SignInPath);
    }

    /// <summary>A 400 when a form post lacks a valid antiforgery token, else null.</summary>
    public static async Task<IResult?> FormTokenRefusalAsync(HttpContext http, IAntiforgery antiforgery) =>
        await antiforgery.IsRequestValidAsync(http)
            ? null
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: "the form's antiforgery token is missing or stale; reload the page and try again");
}
