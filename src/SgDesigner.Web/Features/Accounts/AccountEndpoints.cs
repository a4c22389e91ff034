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

    private static async Task<IResult> SignOutAsync(HttpContext http, SignInManager<SgUser> signIns, AuditLog audit)
    {
        if (await Caller.FromHttpContextAsync(http) is { } caller)
            await audit.AppendAsync(caller.Actor, "user.signed-out", "user", caller.UserId.ToString(), null, ct: http.RequestAborted);
        await signIns.SignOutAsync();
        return TypedResults.LocalRedirect("~" + AccountServices.SignInPath);
    }
}
