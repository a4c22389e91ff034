using Microsoft.Playwright;
using SgDesigner.E2E.Tests.Designer;
using SgDesigner.E2E.Tests.Policies;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Accessibility;

/// <summary>
/// Everything can be done by keyboard: the designer is walked by Tab from the page header to the Add rule button, in
/// reading order, and Enter there puts the focus in the new row's first field; the matrix is a grid whose cells the
/// arrow keys move between (one Tab stop), and Enter on a cell asks the preview about it.
/// </summary>
public sealed class KeyboardTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1600, Height = 1000 } };

    // What has the focus: the nearest data-testid, the tag and the accessible text, e.g. "add-rule|button|Add rule".
    private const string Focused = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return 'body';
          const t = e.closest('[data-testid]');
          const name = e.getAttribute('aria-label') || (e.innerText || '').trim().split('\n')[0] || e.getAttribute('placeholder') || '';
          return `${t ? t.dataset.testid : '-'}|${e.tagName.toLowerCase()}|${name.slice(0, 40)}`;
        }
        """;

    [Fact]
    public async Task The_designer_is_walked_by_Tab_from_the_header_to_a_new_rule_rows_first_field()
    {
        var draftId = await ExactInputJourneyTests.NewDemoDraftAsync(session, "keyboard walk");
        await using var context = await session.NewContextAsync(options: Desktop);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/drafts/{draftId}").ToString());
        await Expect(page.GetByTestId("add-rule")).ToBeEnabledAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "SgDesigner", Exact = true }).FocusAsync();
        var stops = new List<string>();
        for (var i = 0; i < 80 && !stops.LastOrDefault("").StartsWith("add-rule|", StringComparison.Ordinal); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            stops.Add(await page.EvaluateAsync<string>(Focused));
        }
        var walk = string.Join("\n", stops);
        TestContext.Current.TestOutputHelper?.WriteLine(walk);

        Assert.True(stops[^1].StartsWith("add-rule|", StringComparison.Ordinal), "Tab never reached Add rule:\n" + walk);
        // The landmarks of the page, in reading order: the header, the draft's bar, the group list, the views, the group's rules.
        string[] landmarks = ["user-menu|", "theme-toggle|", "|a|Back to the policy", "group-search|", "new-group-name|", "add-group|", "designer-views|", "copy-group-id|", "add-rule|"];
        var at = landmarks.Select(l => stops.FindIndex(s => s.Contains(l, StringComparison.Ordinal))).ToList();
        Assert.True(at.TrueForAll(i => i >= 0), "Missing from the Tab order:\n" + string.Join("\n", landmarks.Where((_, k) => at[k] < 0)) + "\nwalk:\n" + walk);
        Assert.True(at.SequenceEqual(at.Order()), "Out of reading order:\n" + walk);
        Assert.DoesNotContain("body", stops);

        var rows = await page.RuleRow().CountAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.RuleRow().Nth(rows).Field("protocol")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_matrix_is_a_keyboard_grid_whose_cells_the_arrow_keys_walk_and_Enter_explains()
    {
        var draftId = await ExactInputJourneyTests.NewDemoDraftAsync(session, "keyboard matrix");
        await using var context = await session.NewContextAsync(options: Desktop);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/drafts/{draftId}").ToString());
        await Expect(page.GetByTestId("add-group")).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Matrix" }).ClickAsync();
        await Expect(page.GetByTestId("matrix-row").First).ToBeVisibleAsync();
        var grid = page.GetByRole(AriaRole.Grid);
        // The arrow keys move once the grid's script listens (it loads after the first render; under load, later).
        await Expect(grid).ToHaveAttributeAsync("data-keyboard", "on");

        // One Tab stop: from the last search field Tab lands on the first cell.
        await page.Field("matrix-column-search").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(Cell(page, 0, 0)).ToBeFocusedAsync();
        await Expect(Cell(page, 0, 0)).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(" to .+: (allowed|denied|some traffic allowed)$"));

        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(Cell(page, 1, 1)).ToBeFocusedAsync();
        await Expect(Cell(page, 1, 1)).ToHaveAttributeAsync("tabindex", "0");
        await Expect(Cell(page, 0, 0)).ToHaveAttributeAsync("tabindex", "-1");

        // End reaches the last column: an endpoint outside the estate, beside the instances.
        var columns = int.Parse((await grid.GetAttributeAsync("aria-colcount"))!, System.Globalization.CultureInfo.InvariantCulture) - 1;
        await page.Keyboard.PressAsync("End");
        await Expect(Cell(page, 1, columns - 1)).ToBeFocusedAsync();
        await Expect(page.Locator($"[data-testid=matrix-column][aria-colindex='{columns + 1}']")).ToHaveAttributeAsync("data-outside", new System.Text.RegularExpressions.Regex("."));
        await page.Keyboard.PressAsync("Home");
        await Expect(Cell(page, 1, 0)).ToBeFocusedAsync();

        // Enter asks the preview about the focused cell's pair.
        var from = await page.Locator("[data-testid=matrix-row][aria-rowindex='3'] [role=rowheader]").GetAttributeAsync("title");
        var to = await page.Locator("[data-testid=matrix-column][aria-colindex='2']").GetAttributeAsync("title");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("preview")).ToHaveAttributeAsync("data-source", from!);
        await Expect(page.GetByTestId("preview")).ToHaveAttributeAsync("data-destination", to!);
        await Expect(page.GetByTestId("verdict")).ToBeVisibleAsync();

        // Tab leaves the grid: its cells are one stop.
        await Cell(page, 1, 0).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.False(await page.EvaluateAsync<bool>("() => document.activeElement.getAttribute('role') === 'gridcell'"));
    }

    private static ILocator Cell(IPage page, int row, int column) => page.Locator($"[role=gridcell][data-r='{row}'][data-c='{column}']");
}
