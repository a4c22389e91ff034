using System.Net;
using SgDesigner.Web.Hosting;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>
/// The app in production that cannot be reached over HTTPS at all (<c>Https:Redirect=false</c>), as the compose file
/// runs it for trying it on one machine at http://localhost:8080.
/// </summary>
public sealed class PlainHttpProductionApp() : AppFixture(new SqliteTestDatabase(), new Dictionary<string, string?>
{
    ["environment"] = "Production",
    [PublicBaseUrl.Setting] = "http://localhost:8080",
    [ProxyAndHttps.RedirectSetting] = "false",
});

/// <summary>
/// Without HTTPS redirection the cookies are as secure as the request: Secure once a TLS proxy says the request came
/// over HTTPS, and still HttpOnly and SameSite over plain HTTP. Before, they were Secure whatever the request, and the
/// sign-in page failed with a 500 over plain HTTP (the form token refuses a Secure cookie on a plain request).
/// </summary>
public sealed class PlainHttpPostureTests(PlainHttpProductionApp fixture) : IClassFixture<PlainHttpProductionApp>
{
    [Fact]
    public async Task Over_plain_http_people_can_sign_in_with_http_only_same_site_cookies()
    {
        using var browser = new ProxiedBrowser(fixture.App.BaseAddress, new Dictionary<string, string>());

        var page = await browser.GetAsync("/account/sign-in");
        var signedIn = await browser.SubmitAsync("/account/sign-in", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = fixture.Admin.Email, ["Input.Password"] = fixture.Admin.Password });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = browser.CookieAttributes("sgd.session=");
        Assert.DoesNotContain("secure", session);
        Assert.Contains("httponly", session);
        Assert.Contains("samesite=lax", session);
        Assert.Contains("samesite=strict", browser.CookieAttributes(".AspNetCore.Antiforgery"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/policies")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_tls_proxy_the_cookies_are_secure()
    {
        using var browser = new ProxiedBrowser(fixture.App.BaseAddress, new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" });

        await browser.GetAsync("/account/sign-in");
        var signedIn = await browser.SubmitAsync("/account/sign-in", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = fixture.Admin.Email, ["Input.Password"] = fixture.Admin.Password });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", browser.CookieAttributes("sgd.session="));
        Assert.Contains("secure", browser.CookieAttributes(".AspNetCore.Antiforgery"));
    }
}
