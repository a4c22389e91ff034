using Microsoft.Playwright;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.E2E.Tests;

/// <summary>The app on Kestrel with a SQLite database of its own, and Debian's Chromium, headless, to drive it.</summary>
public sealed class BrowserSession : IAsyncLifetime
{
    /// <summary>Where Debian installs Chromium (<c>apt-get install chromium</c>).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly SqliteTestDatabase _database = new();
    private IPlaywright? _playwright;

    /// <summary>The app under test.</summary>
    public SgDesignerApp App { get; private set; } = default!;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = default!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium) or run tests/run.sh");
        App = new SgDesignerApp(_database.Settings);
        _ = App.BaseAddress;
        // Expectations wait for the app, they do not time it: on a loaded CI machine (test projects run in
        // parallel) a Blazor circuit can take well over Playwright's default 5 s to answer a click.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>A folder under the repository's git-ignored <c>artifacts/</c> for screenshots.</summary>
    public static string ScreenshotFolder() => Directory.CreateDirectory(RepositoryRoot.Path("artifacts", "screenshots")).FullName;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}
