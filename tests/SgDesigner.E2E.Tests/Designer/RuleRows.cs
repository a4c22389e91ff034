using Microsoft.Playwright;
using SgDesigner.E2E.Tests.Policies;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Designer;

/// <summary>
/// Finds rows of the designer's rules grid. MudDataGrid puts only class and style on its rows, so a rule's id rides
/// on a marker in the row's first cell (<c>data-testid=rule-row</c>, <c>data-rule-id</c>); a row is the tr holding it.
/// </summary>
internal static class RuleRows
{
    /// <summary>The row of rule <paramref name="ruleId"/>, or every rule row when it is null.</summary>
    public static ILocator RuleRow(this IPage page, string? ruleId = null) =>
        page.Locator(ruleId is null ? "tr:has([data-testid=rule-row])" : $"tr:has([data-testid=rule-row][data-rule-id='{ruleId}'])");

    /// <summary>The id of the rule in <paramref name="row"/>.</summary>
    public static Task<string?> RuleIdAsync(this ILocator row) => row.GetByTestId("rule-row").GetAttributeAsync("data-rule-id");

    /// <summary>Adds a rule on the open tab and types its ports and peer as a user would; the caller decides what to wait for.</summary>
    public static async Task<ILocator> AddRuleAsync(this IPage page, string ports, string peer)
    {
        var before = await page.GetByTestId("rule-row").CountAsync();
        await page.GetByTestId("add-rule").ClickAsync();
        var row = page.RuleRow().Nth(before);
        await row.Field("ports").FillAsync(ports);
        await row.Field("ports").PressAsync("Tab");
        await row.Field("peer").FillAsync(peer);
        await row.Field("peer").PressAsync("Tab");
        return row;
    }

    /// <summary>Types <paramref name="value"/> into a field of the rule's row and waits until it is stored.</summary>
    public static async Task SetRuleFieldAsync(this ILocator row, string testId, string value)
    {
        await row.Field(testId).FillAsync(value);
        await row.Field(testId).PressAsync("Tab");
        await Expect(row.GetByTestId("not-saved")).ToHaveCountAsync(0);
    }
}
