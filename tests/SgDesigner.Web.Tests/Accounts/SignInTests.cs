using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Audit;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>Sign-in, lockout and sign-out through the real pages over HTTP, with a session cookie as a browser keeps it.</summary>
public sealed class SignInTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nobody_signed_in_is_sent_to_the_sign_in_page_and_the_api_answers_401()
    {
        using var browser = new BrowserForm(fixture.App.BaseAddress);

        var page = await browser.GetAsync("/policies/" + Guid.NewGuid());
        var api = await fixture.Anonymous.GetAsync("/api/policies", Ct);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Fpolicies%2F", page.Headers.Location.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_with_the_form_gives_a_session_the_pages_and_the_api_accept_and_signing_out_ends_it()
    {
        var user = await fixture.NewUserAsync("Sam Signin");
        using var browser = new BrowserForm(fixture.App.BaseAddress);

        var signedIn = await browser.SubmitAsync("/account/sign-in?ReturnUrl=%2Faccount%2Ftokens", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/account/tokens", browser.RedirectPath(signedIn));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/policies")).StatusCode);
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Sam Signin", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var signedOut = await browser.SubmitAsync("/", "account/sign-out", new Dictionary<string, string>());
        Assert.Equal("/account/sign-in", browser.RedirectPath(signedOut));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/policies")).StatusCode);
        var trail = await Trail(user.Id);
        Assert.Contains("user.signed-in", trail);
        Assert.Contains("user.signed-out", trail);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong_and_the_fifth_locks_the_account()
    {
        var user = await fixture.NewUserAsync("Lou Lockout");
        using var browser = new BrowserForm(fixture.App.BaseAddress);
        var wrong = new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = "not the password at all" };

        var first = await (await browser.SubmitAsync("/account/sign-in", "sign-in", wrong)).Content.ReadAsStringAsync(Ct);
        for (var attempt = 2; attempt <= 5; attempt++)
            await browser.SubmitAsync("/account/sign-in", "sign-in", wrong);
        var right = await browser.SubmitAsync("/account/sign-in", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });

        Assert.Contains("The e-mail or the password is wrong.", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked after 5 failed sign-ins", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/policies")).StatusCode);
        var trail = await Trail(user.Id);
        Assert.Equal(4, trail.Count(a => a == "user.sign-in-failed"));
        Assert.Contains("user.sign-in-locked-out", trail);
    }

    [Fact]
    public async Task A_return_address_on_another_site_is_ignored()
    {
        var user = await fixture.NewUserAsync("Ray Redirect");
        using var browser = new BrowserForm(fixture.App.BaseAddress);

        var signedIn = await browser.SubmitAsync("/account/sign-in?ReturnUrl=%2F%2Fevil.example%2F", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });

        Assert.Equal("/", browser.RedirectPath(signedIn));
    }

    private async Task<List<string>> Trail(Guid userId) =>
        [.. (await fixture.App.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditFilter(ActorUserId: userId), Ct)).Select(e => e.Action)];
}
