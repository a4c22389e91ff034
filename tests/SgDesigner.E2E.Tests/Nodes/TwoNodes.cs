using System.Net;
using Microsoft.Playwright;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.E2E.Tests.Nodes;

/// <summary>
/// Two app processes on one PostgreSQL database, as behind a load balancer: node A starts first (it migrates and seeds
/// the demo), then node B; and Debian's Chromium to look at either.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private IPlaywright? _playwright;

    /// <summary>The first node.</summary>
    public AppNode A { get; private set; } = default!;

    /// <summary>The second node.</summary>
    public AppNode B { get; private set; } = default!;

    /// <summary>The session of the administrator (the first user, the demo policy's owner), signed up on node A.</summary>
    public CookieContainer AdministratorCookies { get; } = new();

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = default!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        A = await AppNode.StartAsync("A", _database.Settings, ct);
        B = await AppNode.StartAsync("B", _database.Settings, ct);
        using var _ = await FormAccounts.SignUpAsync(A.BaseAddress, AdministratorCookies, $"ada.{Guid.NewGuid():N}@example.test", "Ada Admin", "/account/sign-up", ct);
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserSession.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (A is not null)
            await A.DisposeAsync();
        if (B is not null)
            await B.DisposeAsync();
        await _database.DisposeAsync();
    }
}
