using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Accessibility;

/// <summary>
/// Screenshots of the designer (the demo estate, its web group open) in the light and the dark theme, on a desktop
/// (1280×800) and a phone (390×844), into docs/screenshots/ for the documentation. Run on demand:
/// <c>dotnet run --project tests/SgDesigner.E2E.Tests -- -method "*Designer_screenshots*" -explicit only</c>.
/// </summary>
public sealed class DesignerScreenshots(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact(Explicit = true)]
    public async Task Designer_screenshots_in_light_and_dark_on_desktop_and_phone()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = session.Fixture.Admin;
        var store = session.App.Services.GetRequiredService<PolicyStore>();
        var policy = (await store.CreatePolicyAsync("demo shop", "the demo estate", DemoEstate.Build(), admin.Actor, ct)).Value;
        var draft = (await store.CreateDraftAsync(policy.Id, null, "tighten the web tier", admin.Actor, ct)).Value;
        var folder = Directory.CreateDirectory(RepositoryRoot.Path("docs", "screenshots")).FullName;

        foreach (var dark in new[] { false, true })
        {
            foreach (var (device, options) in new[]
                     {
                         ("desktop", new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } }),
                         ("phone", new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2 }),
                     })
            {
                await using var context = await session.NewContextAsync(options: options);
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(session.App.BaseAddress, $"/drafts/{draft.Id}").ToString());
                var toggle = page.GetByTestId("theme-toggle");
                await Expect(toggle).ToBeEnabledAsync();
                if (await toggle.GetAttributeAsync("data-theme") != (dark ? "dark" : "light"))
                    await toggle.ClickAsync();
                await Expect(toggle).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");
                // The designer opens its first group once loaded: choose the web group after that, not before.
                await Expect(page.GetByTestId("group-name")).ToBeVisibleAsync();
                await page.GetByTestId("group-item").Filter(new() { HasText = AuditedPages.WebGroup }).ClickAsync();
                await Expect(page.GetByTestId("group-name")).ToHaveTextAsync(AuditedPages.WebGroup);
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"designer-{(dark ? "dark" : "light")}-{device}.png"), FullPage = device == "phone" });
            }
        }

        // The theme is remembered per user: leave the administrator in the light theme.
        await using var last = await session.NewContextAsync();
        var home = await last.NewPageAsync();
        await home.GotoAsync(session.App.BaseAddress.ToString());
        var button = home.GetByTestId("theme-toggle");
        await Expect(button).ToBeEnabledAsync();
        if (await button.GetAttributeAsync("data-theme") == "dark")
            await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("data-theme", "light");
    }
}
