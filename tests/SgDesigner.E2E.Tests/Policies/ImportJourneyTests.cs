using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Policies;

/// <summary>
/// A user uploads an AWS account's <c>describe-*</c> output, checks the preview and creates a policy from it;
/// a malformed file is refused with its name and place, and nothing is stored.
/// </summary>
public sealed class ImportJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    // The AWS samples beside the screenshots' artifacts/ folder, both at the repository root.
    private static string[] SampleSet(string set) =>
        [.. Directory.GetFiles(Path.GetFullPath(Path.Combine(BrowserSession.ScreenshotFolder(), "..", "..", "tests", "data", "aws", set)), "*.json")
            .Order(StringComparer.Ordinal)];

    private async Task<IPage> OpenImportAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(session.App.BaseAddress.ToString());
        // A link followed while the circuit is still starting can leave the next page static: wait for it first.
        await Expect(page.GetByTestId("new-policy")).ToBeEnabledAsync();
        await page.GetByTestId("import").ClickAsync();
        await Expect(page.GetByTestId("choose-files")).ToBeEnabledAsync();
        return page;
    }

    [Fact]
    public async Task The_aws_sample_account_is_previewed_then_stored_as_a_new_policy()
    {
        var name = $"cloudmapper {Guid.NewGuid():N}";
        await using var context = await session.NewContextAsync();
        var page = await OpenImportAsync(context);

        await page.Locator("input[type=file]").SetInputFilesAsync(SampleSet("cloudmapper-demo"));

        var preview = page.GetByTestId("import-preview");
        await Expect(preview).ToBeVisibleAsync();
        await Expect(preview.Locator("[data-kind='Security groups']")).ToHaveTextAsync("8");
        await Expect(preview.Locator("[data-kind='Instances']")).ToHaveTextAsync("3");
        await Expect(preview.GetByTestId("warning-count")).Not.ToHaveTextAsync("0");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "import-preview.png"), FullPage = true });

        await page.Field("import-name").FillAsync(name);
        await page.GetByTestId("create-policy").ClickAsync();

        // "Create policy" opens the policy by client-side navigation, which fires no load event: wait for the address itself.
        await Expect(page).ToHaveURLAsync(new Regex("/policies/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Security groups (8)" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("revision")).ToContainTextAsync("Revision 1 of 1");
    }

    [Fact]
    public async Task A_malformed_file_is_named_with_its_place_and_nothing_is_stored()
    {
        await using var context = await session.NewContextAsync();
        var page = await OpenImportAsync(context);

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "SecurityGroups.json",
            MimeType = "application/json",
            Buffer = "{\"SecurityGroups\": [ {\"GroupId\": "u8.ToArray(),
        });

        await Expect(page.GetByTestId("import-error")).ToContainTextAsync("SecurityGroups.json:$: not valid JSON");
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("Nothing was stored");
        await Expect(page.GetByTestId("create-policy")).ToHaveCountAsync(0);
    }
}
