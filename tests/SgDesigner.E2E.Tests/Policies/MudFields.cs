using Microsoft.Playwright;

namespace SgDesigner.E2E.Tests.Policies;

/// <summary>Finds the input (or text area) of a MudBlazor field by its <c>data-testid</c>, which lands on the input or on a wrapper.</summary>
internal static class MudFields
{
    /// <summary>The input marked <paramref name="testId"/> within <paramref name="scope"/> (a page or a locator).</summary>
    public static ILocator Field(this IPage scope, string testId) => scope.Locator(Selector(testId));

    /// <inheritdoc cref="Field(IPage, string)"/>
    public static ILocator Field(this ILocator scope, string testId) => scope.Locator(Selector(testId));

    private static string Selector(string testId) =>
        $"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea";
}
