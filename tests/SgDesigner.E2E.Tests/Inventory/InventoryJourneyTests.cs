using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Inventory;

/// <summary>
/// A user adds an instance to a draft of the demo policy (a bad address first), attaches groups to it, then
/// reads the chaining graph: the groups as nodes with the new instance on its group, the references as labelled
/// arrows; clicking a group opens its rules.
/// </summary>
public sealed class InventoryJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task An_instance_added_with_a_checked_address_and_groups_shows_up_in_the_chaining_graph()
    {
        var draftId = await NewDemoDraftAsync();
        await using var context = await session.NewContextAsync(options: new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/drafts/{draftId}").ToString());
        // The tabs answer clicks once the circuit is interactive, which enables the designer's buttons.
        await Expect(page.GetByTestId("add-group")).ToBeEnabledAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Instances" }).ClickAsync();
        await Expect(page.GetByTestId("inventory")).ToBeVisibleAsync();
        await Field(page, "new-instance-name-inventory").FillAsync("cache-1");
        await Field(page, "new-instance-ip").FillAsync("10.0.5.9");
        await Field(page, "new-instance-ip").PressAsync("Tab");
        await page.GetByTestId("add-instance-inventory").ClickAsync();
        await Expect(page.GetByTestId("instances-view")).ToContainTextAsync("10.0.5.9 is not inside subnet subnet-0aa00000000000001 (10.0.0.0/24)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "instances-bad-ip.png"), FullPage = true });

        await Field(page, "new-instance-ip").FillAsync("10.0.0.50");
        await Field(page, "new-instance-ip").PressAsync("Tab");
        await page.GetByTestId("add-instance-inventory").ClickAsync();
        var added = page.Locator("tr[data-testid=inventory-row]").Filter(new() { HasText = "0/5 groups" });
        await Expect(added).ToHaveCountAsync(1);
        var row = page.Locator($"tr[data-eni-id='{await added.GetAttributeAsync("data-eni-id")}']");
        await Expect(row).ToContainTextAsync("10.0.0.0/24");

        await AttachAsync(page, row, DemoEstate.Web);
        await Expect(row.GetByTestId("group-count")).ToHaveTextAsync("1/5 groups");
        await AttachAsync(page, row, DemoEstate.App);
        await Expect(row.GetByTestId("group-count")).ToHaveTextAsync("2/5 groups");
        await Expect(row.GetByTestId("group-chip")).ToHaveTextAsync(["demo-web", "demo-app"]);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "instances.png"), FullPage = true });

        await page.GetByRole(AriaRole.Tab, new() { Name = "Chaining graph" }).ClickAsync();
        var webNode = page.Locator($"[data-testid=graph-node][data-node='{DemoEstate.Web}']");
        await Expect(webNode).ToBeVisibleAsync();
        await Expect(page.GetByTestId("graph-node")).ToHaveCountAsync(5);
        await Expect(webNode.GetByTestId("graph-instance")).ToHaveTextAsync(["cache-1", "web-1", "web-2"]);
        await Expect(page.Locator("g[data-link-id='sgr-0a1b0000000000011'] .default-link-label")).ToHaveTextAsync("tcp 8080");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "chaining-graph.png"), FullPage = true });

        await page.Locator($"div.diagram-node[data-node-id='{DemoEstate.Db}']").ClickAsync();
        await Expect(page.GetByTestId("group-name")).ToHaveTextAsync("demo-db");
    }

    private async Task<Guid> NewDemoDraftAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var http = session.Fixture.Client;
        var policies = await http.GetFromJsonAsync<JsonElement>("/api/policies?limit=500", ct);
        var demo = policies.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == StorageStartup.DemoPolicyName).GetProperty("id").GetGuid();
        var created = await http.PostAsJsonAsync($"/api/policies/{demo}/drafts", new { title = "add a cache" }, ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input");

    // The designer shows an edit before the store confirms it; the row is only enabled again once it has.
    private static async Task AttachAsync(IPage page, ILocator row, string groupId)
    {
        await Expect(page.GetByTestId("save-state")).ToContainTextAsync("every change is saved");
        await Expect(row.Locator("[data-testid=attach-group] button")).ToBeEnabledAsync();
        var option = page.Locator($"[data-testid=attach-option][data-group-id='{groupId}']");
        // Under load a click can land while the menu's circuit is still busy with the previous render and is lost
        // (seen once in CI): open the menu again if it did not open, rather than wait for nothing.
        for (var attempt = 1; ; attempt++)
        {
            await row.Locator("[data-testid=attach-group] button").ClickAsync();
            try
            {
                await Expect(option).ToBeVisibleAsync(new() { Timeout = attempt < 3 ? 10_000 : 30_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
        await option.ClickAsync();
        await Expect(page.GetByTestId("save-state")).ToContainTextAsync("every change is saved");
    }
}
