using System.Net;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>
/// Single sign-on is offered only when configured, and a return from the provider without a usable identity ends on
/// the sign-in page with the reason. (A real identity provider cannot be reached from the test machine.)
/// </summary>
public sealed class SingleSignOnTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_settings_there_is_no_sso_button_and_no_challenge()
    {
        var page = await (await fixture.Anonymous.GetAsync("/account/sign-in", Ct)).Content.ReadAsStringAsync(Ct);

        Assert.DoesNotContain("sign-in-sso", page, StringComparison.Ordinal);
        var start = await fixture.Anonymous.PostAsync("/account/sso", null, Ct);
        Assert.NotEqual(HttpStatusCode.Redirect, start.StatusCode);
    }

    [Fact]
    public async Task With_settings_the_sign_in_page_offers_the_provider_by_name()
    {
        await using var database = new SqliteTestDatabase();
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Authentication:OpenIdConnect:Authority"] = "https://login.example.test/realms/platform",
            ["Authentication:OpenIdConnect:ClientId"] = "sgdesigner",
            ["Authentication:OpenIdConnect:DisplayName"] = "Example SSO",
        };
        await using var app = new SgDesignerApp(settings);
        using var client = app.CreateHttpClient();
        await SeedUserAsync(app);

        var page = await (await client.GetAsync("/account/sign-in", Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains("Sign in with Example SSO", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_without_an_identity_from_the_provider_goes_back_to_sign_in_with_the_reason()
    {
        using var browser = new BrowserForm(fixture.App.BaseAddress);

        var done = await browser.GetAsync("/account/sso/done?returnUrl=%2F");

        Assert.StartsWith("/account/sign-in?error=", browser.RedirectPath(done), StringComparison.Ordinal);
        var page = await (await browser.GetAsync(browser.RedirectPath(done))).Content.ReadAsStringAsync(Ct);
        Assert.Contains("did not say which e-mail address", page, StringComparison.Ordinal);
    }

    // With no user at all, the sign-in page sends visitors to create the administrator account instead.
    private static async Task SeedUserAsync(SgDesignerApp app)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services);
        var accounts = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Data.Accounts.AccountStore>(scope.ServiceProvider);
        await accounts.SignUpAsync(new Data.Accounts.SignUpRequest("root@example.test", "a long enough password", "Root", null), ct: Ct);
    }
}

/// <summary>The e-mail an identity provider asserts counts only when the provider says it verified it.</summary>
public sealed class VerifiedEmailTests
{
    private static System.Security.Claims.ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new System.Security.Claims.ClaimsIdentity(claims.Select(c => new System.Security.Claims.Claim(c.Type, c.Value)), "oidc"));

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public void A_verified_address_is_accepted(string verified)
    {
        var (email, problem) = Web.Features.Accounts.SingleSignOn.VerifiedEmail(
            Principal((System.Security.Claims.ClaimTypes.Email, "ann@example.test"), ("email_verified", verified)));

        Assert.Equal("ann@example.test", email);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("yes")]
    public void An_address_not_verified_is_refused_with_the_reason(string? verified)
    {
        var claims = verified is null ? new[] { ("email", "ann@example.test") } : [("email", "ann@example.test"), ("email_verified", verified)];

        var (email, problem) = Web.Features.Accounts.SingleSignOn.VerifiedEmail(Principal(claims));

        Assert.Null(email);
        Assert.Contains("has not verified ann@example.test", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void No_address_at_all_is_refused_with_the_reason()
    {
        var (email, problem) = Web.Features.Accounts.SingleSignOn.VerifiedEmail(Principal(("sub", "123")));

        Assert.Null(email);
        Assert.Contains("did not say which e-mail address", problem, StringComparison.Ordinal);
    }
}
