using System.Security.Claims;
using SgDesigner.Data.Accounts;

namespace SgDesigner.Web.Features.Theme;

/// <summary>
/// Light or dark, as the user chose it: kept with a signed-in user (<see cref="ThemePreferenceStore"/>) and in a
/// cookie for the pages seen signed out. The first render of a page already has it, so the page never flashes.
/// Scoped: within a circuit it holds the current choice for the layout.
/// </summary>
public sealed class ThemeChoice
{
    /// <summary>The cookie that remembers the theme in this browser (for the sign-in page and signed-out visitors).</summary>
    public const string CookieName = "sgd-theme";

    /// <summary>The name of the cascading value with the theme the page was requested with.</summary>
    public const string AtStart = "DarkThemeAtStart";

    /// <summary>The theme chosen in this circuit, once the layout has it.</summary>
    public bool? Dark { get; set; }

    /// <summary>
    /// The theme for a request: the signed-in user's choice, else the browser's cookie. For a signed-in user the cookie is
    /// written with their choice as well (its year starting again), while the response's headers are not yet sent.
    /// </summary>
    public static async Task<bool> ForRequestAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true || !Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            return FromCookie(context);
        var dark = await context.RequestServices.GetRequiredService<ThemePreferenceStore>().PrefersDarkAsync(userId, context.RequestAborted);
        Remember(context, dark);
        return dark;
    }

    // The toggle also writes the cookie through JavaScript (wwwroot/theme.js), but a reload right after it ends the circuit
    // before that write: the sign-in page seen after signing out then had the other theme. Every page a signed-in user loads
    // writes it from the stored choice, so the cookie follows the choice whether or not the script ran; even when the
    // browser's already has it, since a cookie written only on a change expires a year after that change however often the
    // user comes back (one header per page). With the script's attributes, since each overwrites the other (so not
    // HttpOnly). A response whose headers are sent (a page streaming its rest) cannot take it: the next page writes it.
    // Once per response: an account page asks again from its layout.
    private static void Remember(HttpContext context, bool dark)
    {
        var value = dark ? "dark" : "light";
        if (context.Response.HasStarted || !context.Items.TryAdd(CookieName, value))
            return;
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            Path = "/",
            MaxAge = TimeSpan.FromDays(365),
            SameSite = SameSiteMode.Lax,
            HttpOnly = false,
            IsEssential = true,
        });
    }

    // The theme the browser's cookie remembers (light when it has none).
    private static bool FromCookie(HttpContext context) => context.Request.Cookies[CookieName] == "dark";
}
