using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Hosting;
using SgDesigner.E2E.Tests.Policies;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Designer;

/// <summary>
/// The AWS console's habits in Chromium: a rule made by choosing the HTTPS type (ports filled and read-only) and the
/// My IP source shortcut; then rules pasted into the group, first a block with bad lines (every problem listed by
/// line, nothing stored), then a good block (all stored in one edit). The stored draft is read through the HTTP API.
/// </summary>
public sealed class ConsoleHabitsJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task A_rule_made_from_a_type_and_a_shortcut_and_a_pasted_block_are_stored_as_shown()
    {
        var draftId = await NewDemoDraftAsync();
        await using var context = await session.NewContextAsync(options: new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/drafts/{draftId}").ToString());
        await Expect(page.GetByTestId("add-group")).ToBeEnabledAsync();
        await page.Locator($"[data-testid=group-item][data-group-id='{DemoEstate.Db}']").ClickAsync();
        await Expect(page.GetByTestId("group-name")).ToHaveTextAsync("demo-db");
        var rulesBefore = (await InboundAsync(draftId)).Count;

        // Type HTTPS: tcp 443, read-only; My IP: the address this browser connects from.
        var before = await page.GetByTestId("rule-row").CountAsync();
        await page.GetByTestId("add-rule").ClickAsync();
        var row = page.RuleRow().Nth(before);
        await row.GetByTestId("rule-type").SelectOptionAsync("HTTPS");
        await Expect(row.Field("ports")).ToHaveValueAsync("443");
        await Expect(row.Field("ports")).Not.ToBeEditableAsync();
        await Expect(row.Field("protocol")).ToHaveValueAsync("tcp");
        await row.GetByTestId("peer-shortcuts").Locator("button").ClickAsync();
        await page.GetByTestId("peer-my-ip").ClickAsync();
        await Expect(row.Field("peer")).ToHaveValueAsync("127.0.0.1/32");
        await Expect(row.GetByTestId("not-saved")).ToHaveCountAsync(0);
        await SavedAsync(page);
        var madeId = await row.RuleIdAsync();
        var made = (await InboundAsync(draftId)).Single(r => r.GetProperty("id").GetString() == madeId);
        Assert.Equal(("tcp", 443, 443, "127.0.0.1/32"),
            (made.GetProperty("protocol").GetString(), made.GetProperty("fromPort").GetInt32(), made.GetProperty("toPort").GetInt32(), made.GetProperty("cidr").GetString()));

        // A block with bad lines: each problem by line, nothing stored.
        await page.GetByTestId("paste-rules").ClickAsync();
        await page.Field("paste-text").FillAsync("tcp,8080,10.0.0.0/8,proxy\ntcp,70000,10.0.0.0/8\nHTTPS,,nowhere");
        await page.GetByTestId("paste-confirm").ClickAsync();
        await Expect(page.GetByTestId("paste-error")).ToHaveTextAsync(
            ["line 2, port: port 70000 is out of range 0..65535", "line 3, peer: no group or prefix list of the policy is named 'nowhere', and it is not a CIDR block"]);
        Assert.Equal(rulesBefore + 1, (await InboundAsync(draftId)).Count);

        // The good block: all stored, and shown with their types.
        await page.Field("paste-text").FillAsync("tcp,8080,10.0.0.0/8,proxy\nRedis,,demo-app\nudp,5000-5010,::/0,\"media, RTP\"");
        await page.GetByTestId("paste-confirm").ClickAsync();
        await Expect(page.GetByTestId("paste-rules-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("rule-row")).ToHaveCountAsync(before + 4);
        await SavedAsync(page);
        var pasted = (await InboundAsync(draftId)).Skip(rulesBefore + 1).ToList();
        Assert.Equal(["tcp 8080|10.0.0.0/8|proxy", $"tcp 6379|{DemoEstate.App}|", "udp 5000-5010|::/0|media, RTP"],
            pasted.Select(r => $"{r.GetProperty("traffic").GetString()}|{Peer(r)}|{r.GetProperty("description").GetString()}"));
        await Expect(page.RuleRow(pasted[1].GetProperty("id").GetString()).GetByTestId("rule-type")).ToHaveValueAsync("Redis");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "designer-console-habits.png"), FullPage = true });
    }

    private static Task SavedAsync(IPage page) => Expect(page.GetByTestId("save-state")).ToContainTextAsync("every change is saved");

    private static string? Peer(JsonElement rule) =>
        new[] { "cidr", "groupId", "prefixListId" }.Select(p => rule.GetProperty(p)).FirstOrDefault(v => v.ValueKind == JsonValueKind.String).GetString();

    private async Task<List<JsonElement>> InboundAsync(Guid draftId)
    {
        var draft = await session.Fixture.Client.GetFromJsonAsync<JsonElement>($"/api/drafts/{draftId}", TestContext.Current.CancellationToken);
        return [.. draft.GetProperty("estate").GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("id").GetString() == DemoEstate.Db)
            .GetProperty("rules").EnumerateArray().Where(r => r.GetProperty("direction").GetString() == "inbound")];
    }

    private async Task<Guid> NewDemoDraftAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var http = session.Fixture.Client;
        var policies = await http.GetFromJsonAsync<JsonElement>("/api/policies?limit=500", ct);
        var demo = policies.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == StorageStartup.DemoPolicyName).GetProperty("id").GetGuid();
        var created = await http.PostAsJsonAsync($"/api/policies/{demo}/drafts", new { title = "console habits" }, ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }
}
