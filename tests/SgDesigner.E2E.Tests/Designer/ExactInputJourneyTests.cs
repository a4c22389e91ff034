using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Hosting;
using SgDesigner.E2E.Tests.Policies;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Designer;

/// <summary>
/// A user types every kind of value key by key at a person's pace (80 ms a key), commits with Tab or Enter, and the
/// draft read back through the HTTP API holds exactly what was typed: a CIDR whose prefix parses before it is
/// complete (<c>10.30.0.0/16</c>), a CIDR with host bits (stored normalized, with a note naming both values, and
/// undone), ports, ICMP type/code, descriptions, a group's name and description, an instance's name and address.
/// The focus stays on a field committed with Enter and moves into a new row's first field.
/// </summary>
public sealed class ExactInputJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static readonly LocatorPressSequentiallyOptions PersonsPace = new() { Delay = 80 };

    [Fact]
    public async Task Values_typed_key_by_key_are_stored_exactly_and_the_focus_stays_where_the_user_works()
    {
        var draftId = await NewDemoDraftAsync(session, "exact input");
        await using var context = await session.NewContextAsync(options: new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/drafts/{draftId}").ToString());
        await Expect(page.GetByTestId("add-group")).ToBeEnabledAsync();
        await page.Locator($"[data-testid=group-item][data-group-id='{DemoEstate.Web}']").ClickAsync();
        await Expect(page.GetByTestId("group-name")).ToHaveTextAsync("demo-web");

        // A new row takes the focus in its first field; Tab moves on field by field.
        var row = await AddRowAsync(page);
        await TypeAsync(row.Field("protocol"), "tcp", "Tab");
        await Expect(row.Field("ports")).ToBeFocusedAsync();
        await TypeAsync(row.Field("ports"), "8443", "Tab");
        await Expect(row.Field("peer")).ToBeFocusedAsync();
        await TypeAndStoreAsync(page, row.Field("peer"), "10.30.0.0/16", "Enter");
        await Expect(row.GetByTestId("not-saved")).ToHaveCountAsync(0);
        await Expect(row.Field("peer")).ToBeFocusedAsync();
        await row.Field("peer").PressAsync("Tab");
        await TypeAndStoreAsync(page, row.Field("description"), "app tier, from the corp VPN", "Enter");
        await Expect(row.Field("description")).ToBeFocusedAsync();
        var ruleId = (await row.RuleIdAsync())!;

        var rule = await StoredRuleAsync(draftId, ruleId);
        Assert.Equal(("tcp", 8443, 8443, "10.30.0.0/16", "app tier, from the corp VPN"),
            (rule.GetProperty("protocol").GetString(), rule.GetProperty("fromPort").GetInt32(), rule.GetProperty("toPort").GetInt32(),
             rule.GetProperty("cidr").GetString(), rule.GetProperty("description").GetString()));

        // Enter on a changed port: stored, and the focus survives the re-render after the save.
        await TypeAndStoreAsync(page, row.Field("ports"), "9443", "Enter");
        await Expect(row.Field("ports")).ToBeFocusedAsync();
        await Expect(row.Field("ports")).ToHaveValueAsync("9443");
        // Escape puts the stored value back and stores nothing.
        await row.Field("ports").PressSequentiallyAsync("1", PersonsPace);
        await row.Field("ports").PressAsync("Escape");
        await Expect(row.Field("ports")).ToHaveValueAsync("9443");
        await Expect(row.Field("ports")).ToBeFocusedAsync();
        Assert.Equal(9443, (await StoredRuleAsync(draftId, ruleId)).GetProperty("fromPort").GetInt32());

        // Host bits: stored normalized, the row names both values; undo brings the previous peer back.
        await TypeAsync(row.Field("peer"), "10.30.0.5/16", "Tab");
        await SavedAsync(page);
        await Expect(row).ToContainTextAsync("10.30.0.5/16 → 10.30.0.0/16");
        await Expect(row.Field("peer")).ToHaveValueAsync("10.30.0.0/16");
        Assert.Equal("10.30.0.0/16", (await StoredRuleAsync(draftId, ruleId)).GetProperty("cidr").GetString());
        await TypeAndStoreAsync(page, row.Field("peer"), "172.16.5.9/12", "Enter");
        await Expect(row).ToContainTextAsync("172.16.5.9/12 → 172.16.0.0/12");
        await Expect(row.Field("peer")).ToHaveValueAsync("172.16.0.0/12");
        Assert.Equal("172.16.0.0/12", (await StoredRuleAsync(draftId, ruleId)).GetProperty("cidr").GetString());
        var beforeUndo = await page.GetByTestId("draft-status").TextContentAsync();
        await page.GetByTestId("undo").ClickAsync();
        await Expect(row.Field("peer")).ToHaveValueAsync("10.30.0.0/16");
        await Expect(page.GetByTestId("draft-status")).Not.ToHaveTextAsync(beforeUndo!);
        await SavedAsync(page);
        Assert.Equal("10.30.0.0/16", (await StoredRuleAsync(draftId, ruleId)).GetProperty("cidr").GetString());

        // ICMP type and code in a second row.
        var icmp = await AddRowAsync(page);
        await TypeAsync(icmp.Field("protocol"), "icmp", "Tab");
        await TypeAsync(icmp.Field("ports"), "8/0", "Tab");
        await TypeAndStoreAsync(page, icmp.Field("peer"), "192.168.0.0/16", "Tab");
        await Expect(icmp.GetByTestId("not-saved")).ToHaveCountAsync(0);
        var echo = await StoredRuleAsync(draftId, (await icmp.RuleIdAsync())!);
        Assert.Equal(("icmp", 8, 0, "192.168.0.0/16"),
            (echo.GetProperty("protocol").GetString(), echo.GetProperty("fromPort").GetInt32(), echo.GetProperty("toPort").GetInt32(), echo.GetProperty("cidr").GetString()));

        // A group's name and description.
        await TypeAsync(page.Field("new-group-name"), "cache-tier", "Tab");
        await TypeAsync(page.Field("new-group-description"), "Redis, reached from web only", "Tab");
        var beforeGroup = await page.GetByTestId("draft-status").TextContentAsync();
        await page.GetByTestId("add-group").ClickAsync();
        await Expect(page.GetByTestId("group-name")).ToHaveTextAsync("cache-tier");
        await Expect(page.GetByTestId("draft-status")).Not.ToHaveTextAsync(beforeGroup!);
        await SavedAsync(page);
        var group = (await DraftAsync(draftId)).GetProperty("estate").GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "cache-tier");
        Assert.Equal("Redis, reached from web only", group.GetProperty("description").GetString());

        // An instance's name and address on the Instances tab.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Instances" }).ClickAsync();
        var first = page.Locator("tr[data-testid=inventory-row]").Filter(new() { Has = page.Locator("[data-testid=instance-name]") }).First;
        var instanceId = await first.GetAttributeAsync("data-instance-id");
        var eniId = await first.GetAttributeAsync("data-eni-id");
        // Pinned by id: the renamed instance sorts elsewhere.
        var instance = page.Locator($"tr[data-testid=inventory-row][data-eni-id='{eniId}']");
        await TypeAndStoreAsync(page, instance.Field("instance-name"), "web-frontend-01", "Enter");
        await Expect(instance.Field("instance-name")).ToBeFocusedAsync();
        var address = await NextFreeAddressAsync(draftId, eniId!);
        await TypeAndStoreAsync(page, instance.Field("eni-ip"), address, "Tab");
        var estate = (await DraftAsync(draftId)).GetProperty("estate");
        Assert.Equal("web-frontend-01", estate.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("id").GetString() == instanceId).GetProperty("name").GetString());
        Assert.Equal(address, estate.GetProperty("networkInterfaces").EnumerateArray().Single(n => n.GetProperty("id").GetString() == eniId).GetProperty("privateIps")[0].GetString());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "exact-input-instances.png"), FullPage = true });
    }

    // Replaces the field's text by typing key by key, then commits with Tab or Enter.
    private static async Task TypeAsync(ILocator field, string text, string commitKey)
    {
        await field.FocusAsync();
        await field.PressAsync("ControlOrMeta+a");
        await field.PressSequentiallyAsync(text, PersonsPace);
        await field.PressAsync(commitKey);
    }

    // Types and commits a value that changes the draft, and waits until the store has it (the draft's version moves).
    private static async Task TypeAndStoreAsync(IPage page, ILocator field, string text, string commitKey)
    {
        var status = await page.GetByTestId("draft-status").TextContentAsync();
        await TypeAsync(field, text, commitKey);
        await Expect(page.GetByTestId("draft-status")).Not.ToHaveTextAsync(status!);
        await SavedAsync(page);
    }

    private static async Task<ILocator> AddRowAsync(IPage page)
    {
        var before = await page.GetByTestId("rule-row").CountAsync();
        await page.GetByTestId("add-rule").ClickAsync();
        var row = page.RuleRow().Nth(before);
        await Expect(row.Field("protocol")).ToBeFocusedAsync();
        return row;
    }

    private static Task SavedAsync(IPage page) => Expect(page.GetByTestId("save-state")).ToContainTextAsync("every change is saved");

    private async Task<JsonElement> DraftAsync(Guid draftId) =>
        await session.Fixture.Client.GetFromJsonAsync<JsonElement>($"/api/drafts/{draftId}", TestContext.Current.CancellationToken);

    private async Task<JsonElement> StoredRuleAsync(Guid draftId, string ruleId) =>
        (await DraftAsync(draftId)).GetProperty("estate").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray()).Single(r => r.GetProperty("id").GetString() == ruleId);

    // An address in the interface's subnet that no interface uses yet.
    private async Task<string> NextFreeAddressAsync(Guid draftId, string eniId)
    {
        var estate = (await DraftAsync(draftId)).GetProperty("estate");
        var subnetId = estate.GetProperty("networkInterfaces").EnumerateArray().Single(n => n.GetProperty("id").GetString() == eniId).GetProperty("subnetId").GetString();
        var cidr = estate.GetProperty("subnets").EnumerateArray().Single(s => s.GetProperty("id").GetString() == subnetId).GetProperty("cidr").GetString()!;
        var used = estate.GetProperty("networkInterfaces").EnumerateArray().SelectMany(n => n.GetProperty("privateIps").EnumerateArray().Select(ip => ip.GetString())).ToHashSet();
        var prefix = cidr[..cidr.LastIndexOf('.')];
        return Enumerable.Range(100, 100).Select(n => $"{prefix}.{n}").First(ip => !used.Contains(ip));
    }

    /// <summary>A new draft of the demo policy, through the HTTP API.</summary>
    internal static async Task<Guid> NewDemoDraftAsync(BrowserSession session, string title)
    {
        var ct = TestContext.Current.CancellationToken;
        var http = session.Fixture.Client;
        var policies = await http.GetFromJsonAsync<JsonElement>("/api/policies?limit=500", ct);
        var demo = policies.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == StorageStartup.DemoPolicyName).GetProperty("id").GetGuid();
        var created = await http.PostAsJsonAsync($"/api/policies/{demo}/drafts", new { title }, ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }
}
