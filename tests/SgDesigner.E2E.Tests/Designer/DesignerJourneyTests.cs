using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SgDesigner.E2E.Tests.Policies;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Designer;

/// <summary>
/// A user creates a policy in the browser and designs it: groups web and db, db admitting PostgreSQL from web, an
/// instance in each; the preview confirms web → db and refuses db → web, and follows a port change; a bad CIDR is
/// refused at its field and never stored; everything survives a reload; a second tab editing the same draft after
/// the first is told of the conflict; the published revision downloads as Terraform JSON holding the rule.
/// </summary>
public sealed class DesignerJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task A_policy_designed_in_the_browser_lets_web_reach_db_on_5432_and_not_the_reverse()
    {
        var name = $"two tiers {Guid.NewGuid():N}";
        await using var context = await session.NewContextAsync();
        var page = await context.NewPageAsync();

        var policyUrl = await CreatePolicyAsync(page, name);
        await page.GetByTestId("new-draft").ClickAsync();
        await Expect(page.GetByTestId("draft-title")).ToBeVisibleAsync();
        var draftUrl = page.Url;

        await AddGroupAsync(page, "web");
        await AddInstanceAsync(page, "web-1");
        await AddGroupAsync(page, "db");
        await AddInstanceAsync(page, "db-1");
        var row = await page.AddRuleAsync("5432", "web");
        await Expect(page.GetByTestId("quota")).ToHaveTextAsync("1/60 rules");
        var ruleId = await row.RuleIdAsync();

        await page.AskPreviewAsync("web-1", "db-1", "5432");
        await Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Allowed");
        await Expect(page.Locator($"[data-testid=deciding-rule][data-rule-id='{ruleId}']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "designer-allowed.png"), FullPage = true });

        await page.AskPreviewAsync("db-1", "web-1", "5432");
        await Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Denied");
        await Expect(page.GetByTestId("summary")).ToContainTextAsync("no inbound rule of web-1");

        // The preview follows the draft: moving the rule to 5433 closes 5432.
        await page.AskPreviewAsync("web-1", "db-1", "5432");
        await Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Allowed");
        await row.SetRuleFieldAsync("ports", "5433");
        await Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Denied");
        await Expect(page.GetByTestId("summary")).ToContainTextAsync("no inbound rule of db-1");
        await Expect(page.Locator($"[data-testid=deciding-rule][data-rule-id='{ruleId}']")).ToHaveCountAsync(0);

        var bad = await page.AddRuleAsync("443", "10.0.0.300/8");
        await Expect(bad).ToContainTextAsync("is not a CIDR block");
        await Expect(page.GetByTestId("quota")).ToHaveTextAsync("1/60 rules");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "designer-bad-cidr.png"), FullPage = true });

        // After a reload only what was stored is there: both groups, both instances, the one rule on 5433.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("group-item")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("group-name")).ToHaveTextAsync("db");
        await Expect(page.GetByTestId("quota")).ToHaveTextAsync("1/60 rules");
        await Expect(page.GetByTestId("rule-row")).ToHaveCountAsync(1);
        row = page.RuleRow(ruleId);
        await Expect(row.Field("ports")).ToHaveValueAsync("5433");
        await Expect(page.GetByTestId("member").Filter(new() { HasText = "db-1" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "designer.png"), FullPage = true });

        await SecondTabEditingAfterTheFirstSeesTheConflictAsync(draftUrl, page, ruleId!);

        await page.Field("publish-message").FillAsync("web reaches db");
        await page.Field("publish-message").PressAsync("Tab");
        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("published")).ToBeVisibleAsync();

        await page.GotoAsync(policyUrl);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-terraform-rules").ClickAsync());
        var terraform = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.EndsWith("-r2.tf.json", download.SuggestedFilename, StringComparison.Ordinal);
        var ingress = JsonDocument.Parse(terraform).RootElement.GetProperty("resource").GetProperty("aws_vpc_security_group_ingress_rule")
            .EnumerateObject().Select(r => r.Value).ToList();
        var rule = Assert.Single(ingress);
        Assert.Equal(5433, rule.GetProperty("from_port").GetInt32());
        Assert.Equal("${aws_security_group.web.id}", rule.GetProperty("referenced_security_group_id").GetString());

        await page.GotoAsync(session.App.BaseAddress.ToString());
        var listed = page.GetByTestId("policies").Locator("tbody tr").Filter(new() { HasText = name });
        await Expect(listed.GetByTestId("revision-count")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("new-policy")).ToBeEnabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "policies-page.png"), FullPage = true });
    }

    // The policy is created through the Policies page's dialog, which opens it.
    private async Task<string> CreatePolicyAsync(IPage page, string name)
    {
        await page.GotoAsync(session.App.BaseAddress.ToString());
        await page.GetByTestId("new-policy").ClickAsync();
        await page.Field("policy-name").FillAsync(name);
        await page.GetByTestId("save").ClickAsync();
        // The dialog opens the policy by client-side navigation, which fires no load event: wait for the address itself.
        await Expect(page).ToHaveURLAsync(new Regex("/policies/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        return page.Url;
    }

    private async Task SecondTabEditingAfterTheFirstSeesTheConflictAsync(string draftUrl, IPage first, string ruleId)
    {
        await using var otherContext = await session.NewContextAsync();
        var second = await otherContext.NewPageAsync();
        await second.GotoAsync(draftUrl);
        var secondRow = second.RuleRow(ruleId);
        await Expect(secondRow.Field("ports")).ToHaveValueAsync("5433");
        await Expect(secondRow.Field("description")).ToBeEnabledAsync();

        var status = await first.GetByTestId("draft-status").TextContentAsync();
        await first.RuleRow(ruleId).SetRuleFieldAsync("description", "PostgreSQL from web");
        await Expect(first.GetByTestId("draft-status")).Not.ToHaveTextAsync(status!);
        await secondRow.SetRuleFieldAsync("description", "changed in the second tab");

        await Expect(second.GetByTestId("conflict")).ToContainTextAsync("not saved");
        await Expect(secondRow.Field("description")).ToHaveValueAsync("PostgreSQL from web");
    }

    private static async Task AddGroupAsync(IPage page, string name)
    {
        await page.Field("new-group-name").FillAsync(name);
        await page.Field("new-group-name").PressAsync("Tab");
        await page.GetByTestId("add-group").ClickAsync();
        await Expect(page.GetByTestId("group-name")).ToHaveTextAsync(name);
    }

    private static async Task AddInstanceAsync(IPage page, string name)
    {
        await page.Field("new-instance-name").FillAsync(name);
        await page.Field("new-instance-name").PressAsync("Tab");
        await page.GetByTestId("add-instance").ClickAsync();
        await Expect(page.GetByTestId("member").Filter(new() { HasText = name })).ToBeVisibleAsync();
    }

}
