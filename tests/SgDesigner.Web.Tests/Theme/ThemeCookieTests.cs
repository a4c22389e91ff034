using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Theme;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Theme;

/// <summary>
/// The browser's theme cookie follows the signed-in user's stored choice on every page they load, over real HTTP: a reload
/// right after the toggle ends the circuit before its JavaScript writes the cookie, and the signed-out pages read only the cookie.
/// </summary>
public sealed class ThemeCookieTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true, "dark")]
    [InlineData(false, "light")]
    public async Task A_signed_in_users_page_sets_the_theme_cookie_to_their_stored_choice(bool dark, string value)
    {
        var user = await fixture.NewUserAsync(dark ? "Dora Dark" : "Lena Light");
        using var browser = await fixture.SignedInBrowserAsync(user);
        // The browser remembers the other theme, as when the toggle's JavaScript write never ran.
        browser.Cookies.Add(fixture.App.BaseAddress, new Cookie(ThemeChoice.CookieName, dark ? "light" : "dark"));
        await fixture.App.Services.GetRequiredService<ThemePreferenceStore>().SetAsync(user.Id, dark, Token);

        var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(ThemeCookies(response));
        Assert.StartsWith($"{ThemeChoice.CookieName}={value};", cookie, StringComparison.Ordinal);
        // As the toggle's JavaScript writes it (wwwroot/theme.js): the whole site, a year, readable by that script.
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(value, browser.Cookies.GetCookies(fixture.App.BaseAddress)[ThemeChoice.CookieName]?.Value);
    }

    [Fact]
    public async Task A_signed_in_users_page_refreshes_the_cookie_that_already_has_their_choice_for_another_year()
    {
        var user = await fixture.NewUserAsync("Rhea Refresh");
        using var browser = await fixture.SignedInBrowserAsync(user);
        await fixture.App.Services.GetRequiredService<ThemePreferenceStore>().SetAsync(user.Id, true, Token);
        // Written months ago, with the value the user still has: without a new write it would expire a year after that one.
        browser.Cookies.Add(fixture.App.BaseAddress, new Cookie(ThemeChoice.CookieName, "dark"));

        var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(ThemeCookies(response));
        Assert.StartsWith($"{ThemeChoice.CookieName}=dark;", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_account_page_asking_for_the_theme_twice_sets_the_cookie_once()
    {
        var user = await fixture.NewUserAsync("Otto Once");
        using var browser = await fixture.SignedInBrowserAsync(user);

        // The app and the account layout each ask for the theme of this page.
        var response = await browser.GetAsync("/account/password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith($"{ThemeChoice.CookieName}=light;", Assert.Single(ThemeCookies(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_already_started_takes_no_cookie_and_the_page_still_gets_the_users_theme()
    {
        var user = await fixture.NewUserAsync("Stella Started");
        await fixture.App.Services.GetRequiredService<ThemePreferenceStore>().SetAsync(user.Id, true, Token);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var context = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString())], "test")),
        };
        // As Kestrel's once the headers are sent: they can no longer be changed.
        context.Features.Set<IHttpResponseFeature>(new StartedResponse());
        context.Request.Headers.Cookie = $"{ThemeChoice.CookieName}=light";

        var dark = await ThemeChoice.ForRequestAsync(context);

        Assert.True(dark);
        Assert.False(context.Response.Headers.ContainsKey("Set-Cookie"));
    }

    // A response whose headers are sent, read-only as a server makes them.
    private sealed class StartedResponse : HttpResponseFeature
    {
        public StartedResponse() => Headers = new HeaderDictionary { IsReadOnly = true };

        public override bool HasStarted => true;
    }

    [Fact]
    public async Task The_sign_in_page_seen_after_signing_out_has_the_theme_the_user_chose()
    {
        var user = await fixture.NewUserAsync("Sigrun Signout");
        using var browser = await fixture.SignedInBrowserAsync(user);
        browser.Cookies.Add(fixture.App.BaseAddress, new Cookie(ThemeChoice.CookieName, "light"));
        await fixture.App.Services.GetRequiredService<ThemePreferenceStore>().SetAsync(user.Id, true, Token);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        // Signed out (the session cookie gone), the browser keeps its theme cookie.
        var signedOut = await SignInPageBackgroundAsync(browser.Cookies.GetCookies(fixture.App.BaseAddress)[ThemeChoice.CookieName]!.Value);

        Assert.Equal(await SignInPageBackgroundAsync("dark"), signedOut);
        Assert.NotEqual(await SignInPageBackgroundAsync("light"), signedOut);
    }

    [Fact]
    public async Task A_signed_out_visitors_page_leaves_the_browsers_theme_cookie_alone()
    {
        using var browser = new Accounts.BrowserForm(fixture.App.BaseAddress);
        browser.Cookies.Add(fixture.App.BaseAddress, new Cookie(ThemeChoice.CookieName, "dark"));

        var response = await browser.GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(ThemeCookies(response));
        Assert.Equal("dark", browser.Cookies.GetCookies(fixture.App.BaseAddress)[ThemeChoice.CookieName]?.Value);
    }

    // The page background of the sign-in page a signed-out browser with this theme cookie gets (MudBlazor's palette variable).
    private async Task<string> SignInPageBackgroundAsync(string theme)
    {
        using var browser = new Accounts.BrowserForm(fixture.App.BaseAddress);
        browser.Cookies.Add(fixture.App.BaseAddress, new Cookie(ThemeChoice.CookieName, theme));
        var page = await (await browser.GetAsync("/account/sign-in")).Content.ReadAsStringAsync(Token);
        var background = System.Text.RegularExpressions.Regex.Match(page, "--mud-palette-background:\\s*([^;]+);");
        Assert.True(background.Success, "the sign-in page sets no MudBlazor palette");
        return background.Groups[1].Value;
    }

    private static IEnumerable<string> ThemeCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith($"{ThemeChoice.CookieName}=", StringComparison.Ordinal))
            : [];
}
