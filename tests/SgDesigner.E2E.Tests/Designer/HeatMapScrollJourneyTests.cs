using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SgDesigner.Core.Synthetic;
using SgDesigner.Data.Store;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Designer;

/// <summary>
/// A user reading the matrix's heat map far from its corner, who then changes the draft (here by undoing the rule they
/// deleted), keeps their place: the heat map is redrawn for the new version under the same scroll position, not
/// scrolled back to the top-left corner.
/// </summary>
public sealed class HeatMapScrollJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_heat_map_keeps_its_scroll_position_across_an_edit()
    {
        var store = session.App.Services.GetRequiredService<PolicyStore>();
        var admin = session.Fixture.Admin;
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(240, 24, 480, Seed: 7));
        var policy = (await store.CreatePolicyAsync($"heat map scroll {Guid.NewGuid():N}", null, estate, admin.Actor, Token)).Value;
        var draft = (await store.CreateDraftAsync(policy.Id, null, "scroll", admin.Actor, Token)).Value;
        await using var context = await session.NewContextAsync(options: new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/drafts/{draft.Id}").ToString());

        // An edit to undo later: the first rule of the group shown is deleted.
        await Expect(page.RuleRow().First).ToBeVisibleAsync();
        await page.RuleRow().First.GetByTestId("delete").ClickAsync();
        await Expect(page.GetByTestId("undo")).ToBeEnabledAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Matrix" }).ClickAsync();
        // A draft this size opens at the heat map. (Choosing a level, even the one shown, starts the view again from its
        // top-left corner: the test does not, so that only the edit could move it.)
        await Expect(page.GetByTestId("matrix-aggregate-by")).ToHaveValueAsync("instance");
        var scroller = page.GetByTestId("matrix-scroller");
        await Expect(scroller).ToBeVisibleAsync();
        await Expect(page.GetByTestId("matrix-row").First).ToHaveAttributeAsync("aria-rowindex", "2");
        // Far from the corner, as a user scrolls: the rows drawn follow (only a window of them is in the page).
        var scrolled = await scroller.EvaluateAsync<double[]>("s => { s.scrollTop = (s.scrollHeight - s.clientHeight) * 0.6; s.scrollLeft = (s.scrollWidth - s.clientWidth) * 0.5; return [s.scrollTop, s.scrollLeft]; }");
        Assert.True(scrolled[0] > 1_000 && scrolled[1] > 0, $"the heat map scrolls far enough to test (to {scrolled[0]}, {scrolled[1]})");
        var firstRow = page.GetByTestId("matrix-row").First;
        await Expect(firstRow).Not.ToHaveAttributeAsync("aria-rowindex", "2");
        var rowShown = await firstRow.GetAttributeAsync("aria-rowindex");
        Assert.Equal(scrolled, await scroller.EvaluateAsync<double[]>("s => [s.scrollTop, s.scrollLeft]")); // still there before the edit

        await page.GetByTestId("undo").ClickAsync();
        await Expect(page.GetByTestId("undo")).ToBeDisabledAsync();

        // The new version's heat map is in (not the old one outdated), at the same place.
        await Expect(scroller).Not.ToHaveAttributeAsync("aria-busy", "true");
        await Expect(page.GetByTestId("matrix-size")).ToBeVisibleAsync();
        Assert.Equal(scrolled, await scroller.EvaluateAsync<double[]>("s => [s.scrollTop, s.scrollLeft]"));
        await Expect(page.GetByTestId("matrix-row").First).ToHaveAttributeAsync("aria-rowindex", rowShown!);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "heat-map-after-edit.png") });
    }
}
