using System.Net;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>
/// An unknown address answers 404 with the app's not-found page in its layout, signed in or signed out, over real HTTP;
/// a known page still asks a signed-out visitor to sign in (the API's own 404 is in <see cref="HostingTests"/>).
/// </summary>
public sealed class NotFoundPageTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_in_user_gets_the_not_found_page_in_the_layout_with_status_404()
    {
        using var browser = await fixture.SignedInBrowserAsync(fixture.Admin);

        var response = await browser.GetAsync("/no/such/page");

        await AssertNotFoundPageAsync(response);
        Assert.Contains("data-testid=\"user-menu\"", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_out_visitor_gets_the_not_found_page_not_a_sign_in_redirect()
    {
        var response = await fixture.Anonymous.GetAsync("/policies/not-a-guid/whatever", Token);

        await AssertNotFoundPageAsync(response);
    }

    [Fact]
    public async Task A_known_page_still_sends_a_signed_out_visitor_to_sign_in()
    {
        using var browser = new Accounts.BrowserForm(fixture.App.BaseAddress);

        var response = await browser.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", browser.RedirectPath(response), StringComparison.Ordinal);
    }

    private static async Task AssertNotFoundPageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("nothing at this address", html, StringComparison.Ordinal);
        Assert.Contains("mud-appbar", html, StringComparison.Ordinal);
    }
}
