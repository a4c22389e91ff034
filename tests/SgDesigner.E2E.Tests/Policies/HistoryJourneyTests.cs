using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Features.History;
using SgDesigner.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Policies;

/// <summary>
/// An owner picks an old revision in the history, compares it with the latest (the flows the later revisions opened and
/// closed, and their rule changes), and reverts to it: they land on a new draft, which the API reads back as revision 1's
/// content on revision 3.
/// </summary>
public sealed class HistoryJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task An_old_revision_is_compared_with_the_latest_and_reverted_to_as_a_new_draft()
    {
        var admin = session.Fixture.Admin;
        var policyId = await HistoryPolicy.CreateAsync(session.Fixture, admin);
        await using var context = await session.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/policies/{policyId}").ToString());
        await Expect(page.GetByTestId("new-draft")).ToBeEnabledAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "History (3)" }).ClickAsync();
        await page.GetByTestId("history").GetByRole(AriaRole.Link, new() { Name = "1", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("revision")).ToContainTextAsync("Revision 1 of 3");
        await page.GetByTestId("compare-with-latest").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/policies/{policyId}/compare/1\\.\\.\\.3$"));
        await Expect(page.GetByTestId("compare-title")).ToHaveTextAsync("Revision 1 → revision 3");
        var opened = page.Locator("[data-testid=impact-flow][data-kind=opened][data-from-internet=true]");
        await Expect(opened.First).ToContainTextAsync("tcp 22");
        await Expect(page.Locator("[data-testid=impact-flow][data-kind=closed]").First).ToContainTextAsync("demo-db");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Rule changes (2)" }).ClickAsync();
        await Expect(page.Locator($"[data-testid=rule-change][data-rule-id={HistoryPolicy.SshFromInternet}]")).ToHaveAttributeAsync("data-kind", "added");
        await Expect(page.Locator($"[data-testid=rule-change][data-rule-id={HistoryPolicy.SshFromBastion}]")).ToHaveAttributeAsync("data-kind", "removed");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "compare-revisions.png"), FullPage = true });

        await page.GetByTestId("revert").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/drafts/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("draft-title")).ToHaveTextAsync("Revert to revision 1");
        await Expect(page.GetByTestId("draft-status")).ToContainTextAsync("Draft from revision 3");
        var draftId = Guid.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
        var (estate, version) = await admin.Client.DraftAsync(draftId);
        Assert.Equal(1, version);
        Assert.Contains(estate.Group(DemoEstate.Db).GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == HistoryPolicy.SshFromBastion);
        Assert.DoesNotContain(estate.Group(DemoEstate.Web).GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == HistoryPolicy.SshFromInternet);
        var draft = await (await admin.Client.GetAsync($"/api/drafts/{draftId}", TestContext.Current.CancellationToken)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(3, draft.GetProperty("draft").GetProperty("baseRevision").GetInt32());
    }
}
