using Microsoft.Playwright;

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
}
