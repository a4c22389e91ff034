using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Hosting;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>The app as it runs in production (environment Production, on Kestrel), behind a TLS-terminating proxy.</summary>
public abstract class ProductionApp(TestDatabase database) : AppFixture(database, new Dictionary<string, string?>
{
    ["environment"] = "Production",
    [PublicBaseUrl.Setting] = ProductionPostureTests.PublicBase,
});

/// <summary>The production app on SQLite.</summary>
public sealed class ProductionSqliteApp() : ProductionApp(new SqliteTestDatabase());

/// <summary>The production app on PostgreSQL.</summary>
public sealed class ProductionPostgresApp() : ProductionApp(new PostgresTestDatabase());

/// <summary>Production posture on SQLite.</summary>
public sealed class ProductionPostureSqliteTests(ProductionSqliteApp fixture) : ProductionPostureTests(fixture), IClassFixture<ProductionSqliteApp>;

/// <summary>Production posture on PostgreSQL.</summary>
public sealed class ProductionPosturePostgresTests(ProductionPostgresApp fixture) : ProductionPostureTests(fixture), IClassFixture<ProductionPostgresApp>;

/// <summary>
/// Production posture: HTTPS redirection and HSTS, Secure/HttpOnly/SameSite cookies, the client's address from the
/// proxy's X-Forwarded-For, and invitation links from the configured public address whatever Host a client sends.
/// </summary>
public abstract class ProductionPostureTests(ProductionApp fixture)
{
    /// <summary>Where people reach the app in these tests.</summary>
    public const string PublicBase = "https://sgdesigner.example.test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ProxiedBrowser ThroughProxy(string client = "203.0.113.7") => new(fixture.App.BaseAddress, new Dictionary<string, string>
    {
        ["Host"] = "sgdesigner.example.test", ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = client,
    });

    [Fact]
    public async Task Plain_http_is_redirected_to_https_except_the_health_probe()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };

        var page = await client.GetAsync("/account/sign-in", Ct);
        var health = await client.GetAsync(HealthEndpoints.Route, Ct);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.Equal("https", page.Headers.Location!.Scheme);
        Assert.Equal("/account/sign-in", page.Headers.Location.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Behind_the_proxy_answers_carry_hsts_and_every_cookie_is_secure_http_only_and_same_site()
    {
        using var browser = ThroughProxy();

        var page = await browser.GetAsync("/account/sign-in");
        var signedIn = await browser.SubmitAsync("/account/sign-in", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = fixture.Admin.Email, ["Input.Password"] = fixture.Admin.Password });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var antiforgery = browser.CookieAttributes(".AspNetCore.Antiforgery");
        Assert.Contains("secure", antiforgery);
        Assert.Contains("httponly", antiforgery);
        Assert.Contains("samesite=strict", antiforgery);
        var session = browser.CookieAttributes("sgd.session=");
        Assert.Contains("secure", session);
        Assert.Contains("httponly", session);
        Assert.Contains("samesite=lax", session);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/policies")).StatusCode);
    }

    [Fact]
    public async Task The_audit_records_the_client_behind_the_proxy_not_the_proxy()
    {
        using var browser = ThroughProxy("203.0.113.7");

        await browser.SubmitAsync("/account/sign-in", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = fixture.Admin.Email, ["Input.Password"] = "not the password at all" });

        var entries = await fixture.App.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditFilter(ActorUserId: fixture.Admin.Id, Action: "user.sign-in-failed"), Ct);
        Assert.Equal("203.0.113.7", entries[^1].RemoteAddress);
    }

    [Fact]
    public async Task An_invitation_link_uses_the_configured_public_address_whatever_host_the_request_names()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/invitations") { Content = JsonContent.Create(new { email = "ivy@example.test" }) };
        request.Headers.Host = "evil.example.test";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await fixture.TokenAsync(fixture.Admin, TokenScope.Write));

        var created = await fixture.Anonymous.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("signUpLink").GetString()!;
        Assert.StartsWith(PublicBase + "/account/sign-up?invitation=", link, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_public_address_the_app_refuses_to_start_in_production_and_says_which_setting()
    {
        await using var database = new SqliteTestDatabase();
        var app = new SgDesignerApp(new Dictionary<string, string?>(database.Settings) { ["environment"] = "Production" });

        var refused = Record.Exception(() => app.BaseAddress);

        Assert.NotNull(refused);
        Assert.Contains("App:PublicBaseUrl is not set", refused.ToString(), StringComparison.Ordinal);
        try { await app.DisposeAsync(); } catch (InvalidOperationException) { /* it never started */ }
    }
}

/// <summary>Forwarded headers on SQLite.</summary>
public sealed class ForwardedHeadersSqliteTests(SqliteApp fixture) : ForwardedHeadersTests(fixture), IClassFixture<SqliteApp>;

/// <summary>Forwarded headers on PostgreSQL.</summary>
public sealed class ForwardedHeadersPostgresTests(PostgresApp fixture) : ForwardedHeadersTests(fixture), IClassFixture<PostgresApp>;

/// <summary>Forwarded headers are believed from the configured proxies only, and links never follow the Host header.</summary>
public abstract class ForwardedHeadersTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string?> SignInFromAsync(SgDesignerApp app, TestUser user, string claimedClient)
    {
        using var browser = new ProxiedBrowser(app.BaseAddress, new Dictionary<string, string> { ["X-Forwarded-For"] = claimedClient });
        await browser.SubmitAsync("/account/sign-in", "sign-in", new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = "not the password" });
        var entries = await app.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditFilter(ActorUserId: user.Id, Action: "user.sign-in-failed"), Ct);
        return entries[^1].RemoteAddress;
    }

    [Fact]
    public async Task By_default_only_a_proxy_on_loopback_is_believed()
    {
        var user = await fixture.NewUserAsync("Fay Forwarded");

        Assert.Equal("203.0.113.9", await SignInFromAsync(fixture.App, user, "203.0.113.9"));
    }

    [Fact]
    public async Task With_known_proxies_configured_a_claim_from_anyone_else_is_ignored()
    {
        await using var database = new SqliteTestDatabase();
        await using var app = new SgDesignerApp(new Dictionary<string, string?>(database.Settings) { ["ForwardedHeaders:KnownProxies:0"] = "192.0.2.10" });
        using var scope = app.Services.CreateScope();
        var signedUp = await scope.ServiceProvider.GetRequiredService<AccountStore>()
            .SignUpAsync(new SignUpRequest("root@example.test", "a long enough password", "Root", null), ct: Ct);
        var user = new TestUser(signedUp.Value.Id, "root@example.test", "Root", "a long enough password", null!);

        Assert.Equal("127.0.0.1", await SignInFromAsync(app, user, "203.0.113.9"));
    }

    [Fact]
    public async Task In_development_without_a_public_address_an_invitation_link_uses_the_servers_own_address_not_the_host_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/invitations") { Content = JsonContent.Create(new { email = "ivy@example.test" }) };
        request.Headers.Host = "evil.example.test";

        var created = await fixture.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = new Uri((await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("signUpLink").GetString()!);
        Assert.Equal(fixture.App.BaseAddress.Authority, link.Authority);
    }
}
