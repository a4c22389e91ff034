using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Drift;

/// <summary>
/// A user imports a real account, then uploads yesterday's describe-security-groups in the drift view, sees the flow
/// someone opened in the console, and adopts the rule behind it into a draft.
/// </summary>
public sealed class DriftJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string Set = "batfish-hybrid-cloud-aws-usw2", Group = "sg-331ad04e";

    private static string[] SampleSet() =>
        [.. Directory.GetFiles(RepositoryRoot.Path("tests", "data", "aws", Set), "*.json").Order(StringComparer.Ordinal)];

    // The account's groups after someone let one outside address reach MySQL on the "Arista Demo" group.
    private static byte[] YesterdaysSecurityGroups()
    {
        var root = JsonNode.Parse(File.ReadAllText(SampleSet().Single(p => p.EndsWith("SecurityGroups.json", StringComparison.Ordinal))))!;
        var group = root["SecurityGroups"]!.AsArray().Single(g => (string?)g!["GroupId"] == Group)!;
        group["IpPermissions"]!.AsArray().Add(JsonNode.Parse("""
            {"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "IpRanges": [{"CidrIp": "162.243.144.192/32", "Description": "opened in the console"}],
             "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}
            """));
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    [Fact]
    public async Task Yesterdays_describe_security_groups_shows_the_flow_someone_opened_and_adopting_it_puts_the_rule_in_a_draft()
    {
        await using var context = await session.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(session.App.BaseAddress.ToString());
        await Expect(page.GetByTestId("new-policy")).ToBeEnabledAsync();
        await page.GetByTestId("import").ClickAsync();
        await Expect(page.GetByTestId("choose-files")).ToBeEnabledAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(SampleSet());
        await Expect(page.GetByTestId("import-preview")).ToBeVisibleAsync();
        await page.GetByTestId("create-policy").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/policies/[0-9a-f-]{36}$"));
        var policyId = Guid.Parse(page.Url[^36..]);
        await Expect(page.GetByTestId("drift-status")).ToHaveAttributeAsync("data-state", "none");

        await page.GetByTestId("drift-link").ClickAsync();
        await Expect(page.GetByTestId("upload-snapshot")).ToBeEnabledAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "SecurityGroups.json", MimeType = "application/json", Buffer = YesterdaysSecurityGroups(),
        });

        await Expect(page.GetByTestId("drift-verdict")).ToHaveAttributeAsync("data-in-sync", "false");
        var opened = page.GetByTestId("deployed-only-rule");
        await Expect(opened).ToHaveCountAsync(1);
        await Expect(opened).ToContainTextAsync("3306");
        await Expect(opened).ToContainTextAsync("162.243.144.192/32");
        await Expect(page.Locator("[data-testid=impact-flow][data-kind=opened]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "drift-view.png"), FullPage = true });

        await opened.GetByRole(AriaRole.Button, new() { Name = "Adopt into a draft" }).ClickAsync();

        await Expect(page.GetByTestId("adopted")).ToBeVisibleAsync();
        var href = await page.GetByTestId("adopted-draft").GetAttributeAsync("href");
        var draft = await session.App.Services.GetRequiredService<PolicyStore>().GetDraftAsync(Guid.Parse(href!["/drafts/".Length..]), TestContext.Current.CancellationToken);
        Assert.Equal(policyId, draft.Value.Info.PolicyId);
        Assert.Contains(draft.Value.Estate.FindGroup(Group)!.Rules, r => r.FromPort == 3306 && r.Peer.ToString() == "162.243.144.192/32");
    }
}
