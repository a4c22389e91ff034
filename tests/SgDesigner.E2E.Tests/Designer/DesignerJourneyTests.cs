using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Designer;

/// <summary>
/// A user designs a two-tier policy in the browser: groups web and db, db admitting PostgreSQL from web, an
/// instance in each; the preview confirms web → db and refuses db → web; a bad CIDR is refused at its field.
/// </summary>
public sealed class DesignerJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task A_policy_designed_in_the_browser_lets_web_reach_db_on_5432_and_not_the_reverse()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = session.App.CreateHttpClient();
        var created = await http.PostAsJsonAsync("/api/policies", new { name = $"two tiers {Guid.NewGuid():N}" }, ct);
        created.EnsureSuccessStatusCode();
        var policyId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
        await using var context = await session.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/policies/{policyId}").ToString());
        await page.GetByTestId("new-draft").ClickAsync();
        await Expect(page.GetByTestId("draft-title")).ToBeVisibleAsync();

        await AddGroupAsync(page, "web");
        await AddInstanceAsync(page, "web-1");
        await AddGroupAsync(page, "db");
        await AddInstanceAsync(page, "db-1");
        var row = await AddInboundRuleAsync(page, "5432", "web");
        await Expect(page.GetByTestId("quota")).ToHaveTextAsync("1/60 rules");
        var ruleId = await row.GetAttributeAsync("data-rule-id");

        await AskAsync(page, "web-1", "db-1", "5432");
        await Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Allowed");
        await Expect(page.Locator($"[data-testid=deciding-rule][data-rule-id='{ruleId}']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "designer-allowed.png"), FullPage = true });

        await AskAsync(page, "db-1", "web-1", "5432");
        await Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Denied");

        var bad = await AddInboundRuleAsync(page, "443", "10.0.0.300/8");
        await Expect(bad).ToContainTextAsync("is not a CIDR block");
        await Expect(page.GetByTestId("quota")).ToHaveTextAsync("1/60 rules");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "designer-bad-cidr.png"), FullPage = true });
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input");

    private static async Task AddGroupAsync(IPage page, string name)
    {
        await Field(page, "new-group-name").FillAsync(name);
        await Field(page, "new-group-name").PressAsync("Tab");
        await page.GetByTestId("add-group").ClickAsync();
        await Expect(page.GetByTestId("group-name")).ToHaveTextAsync(name);
    }

    private static async Task AddInstanceAsync(IPage page, string name)
    {
        await Field(page, "new-instance-name").FillAsync(name);
        await Field(page, "new-instance-name").PressAsync("Tab");
        await page.GetByTestId("add-instance").ClickAsync();
        await Expect(page.GetByTestId("member").Filter(new() { HasText = name })).ToBeVisibleAsync();
    }

    private static async Task<ILocator> AddInboundRuleAsync(IPage page, string ports, string peer)
    {
        var before = await page.GetByTestId("rule-row").CountAsync();
        await page.GetByTestId("add-rule").ClickAsync();
        var row = page.GetByTestId("rule-row").Nth(before);
        await row.Locator("input[data-testid='ports'], [data-testid='ports'] input").FillAsync(ports);
        await row.Locator("input[data-testid='ports'], [data-testid='ports'] input").PressAsync("Tab");
        await row.Locator("input[data-testid='peer'], [data-testid='peer'] input").FillAsync(peer);
        await row.Locator("input[data-testid='peer'], [data-testid='peer'] input").PressAsync("Tab");
        return row;
    }

    // Picks each endpoint from its list as a user would, then waits for the field to hold it: typing and
    // tabbing away races the autocomplete's debounced search, which reopens the list after the blur or a pick.
    private static async Task AskAsync(IPage page, string from, string to, string port)
    {
        foreach (var (id, value) in new[] { ("preview-source", from), ("preview-destination", to) })
        {
            var field = Field(page, id);
            await field.FillAsync(value);
            var option = page.GetByRole(AriaRole.Option).Filter(new() { HasText = value + " (" });
            await option.First.ClickAsync();
            await Expect(field).ToHaveValueAsync(new Regex("^" + value + " \\("));
            await field.PressAsync("Escape");
            await Expect(field).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(field).ToHaveValueAsync(new Regex("^" + value + " \\("));
        }
        await Field(page, "preview-port").FillAsync(port);
        await Field(page, "preview-port").PressAsync("Tab");
        await Expect(Field(page, "preview-port")).ToHaveValueAsync(port);
    }
}
