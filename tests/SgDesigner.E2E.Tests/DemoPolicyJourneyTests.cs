using Microsoft.Playwright;
using SgDesigner.Data.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests;

/// <summary>A first-time user opens the app, finds the demo policy and looks at its groups.</summary>
public sealed class DemoPolicyJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task The_first_page_lists_the_demo_policy_and_opens_its_groups_and_rules()
    {
        await using var context = await session.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                consoleErrors.Add(message.Text);
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                consoleErrors.Add($"{response.Status} {response.Url}");
        };

        await page.GotoAsync(session.App.BaseAddress.ToString());
        // Clicking waits until the button is enabled, which it is once the circuit is interactive.
        await page.GetByTestId("refresh").ClickAsync();
        var demo = page.GetByRole(AriaRole.Link, new() { Name = StorageStartup.DemoPolicyName });
        await Expect(demo).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "policies.png"), FullPage = true });

        await demo.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = StorageStartup.DemoPolicyName })).ToBeVisibleAsync();
        await Expect(page.GetByText("demo-web", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-rule-id='sgr-0a1b0000000000011']")).ToContainTextAsync("tcp 8080");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "demo-policy.png"), FullPage = true });
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task The_theme_toggle_switches_between_light_and_dark()
    {
        await using var context = await session.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(session.App.BaseAddress.ToString());
        var toggle = page.GetByTestId("theme-toggle");
        const string Background = "getComputedStyle(document.body).backgroundColor";
        // The page is interactive once the button is enabled; the click waits for that.
        await Expect(toggle).ToBeEnabledAsync();
        var light = await page.EvaluateAsync<string>(Background);

        await toggle.ClickAsync();

        await page.WaitForFunctionAsync($"{Background} !== '{light}'");
        var dark = await page.EvaluateAsync<string>(Background);
        Assert.NotEqual(light, dark);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "dark-theme.png"), FullPage = true });
        await toggle.ClickAsync();
        await page.WaitForFunctionAsync($"{Background} === '{light}'");
    }
}
