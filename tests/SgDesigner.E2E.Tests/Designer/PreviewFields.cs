using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SgDesigner.E2E.Tests.Policies;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Designer;

/// <summary>
/// Asks the designer's reachability preview a question as a user would: each endpoint typed key by key, picked from
/// its list, and then waited for until the preview has committed it (the panel's <c>data-source</c> and
/// <c>data-destination</c>), not merely until the field shows it.
/// </summary>
internal static class PreviewFields
{
    private static readonly LocatorPressSequentiallyOptions PersonsPace = new() { Delay = 30 };

    /// <summary>
    /// Picks the endpoints <paramref name="from"/> and <paramref name="to"/> (an instance's name, picked as "name (id)",
    /// or a whole choice as the list shows it) and sets the port.
    /// </summary>
    public static async Task AskPreviewAsync(this IPage page, string from, string to, string port)
    {
        await PickAsync(page, "preview-source", "data-source", from);
        await PickAsync(page, "preview-destination", "data-destination", to);
        await page.Field("preview-port").FillAsync(port);
        await page.Field("preview-port").PressAsync("Tab");
        await Expect(page.Field("preview-port")).ToHaveValueAsync(port);
        // The port commits on blur; the verdict is recomputed in the same render, so a verdict or an error shows.
        await Expect(page.GetByTestId("verdict").Or(page.GetByTestId("preview-error"))).ToBeVisibleAsync();
    }

    private static async Task PickAsync(IPage page, string fieldId, string committed, string value)
    {
        var field = page.Field(fieldId);
        // A bare name must come back as the picked "name (id)": the name alone is what a lost pick would leave.
        var picked = new Regex("^" + Regex.Escape(value) + (value.EndsWith(')') ? "$" : " \\("));
        if (picked.IsMatch(await page.GetByTestId("preview").GetAttributeAsync(committed) ?? ""))
            return;
        // One pick, as a user makes it: typed key by key, then clicked in the list as soon as it offers the choice.
        await field.FocusAsync();
        await field.PressAsync("ControlOrMeta+a");
        await field.PressSequentiallyAsync(value, PersonsPace);
        await page.GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = new Regex(picked.ToString()[1..]) }).First.ClickAsync();
        await Expect(page.GetByTestId("preview")).ToHaveAttributeAsync(committed, picked);
        await field.PressAsync("Escape");
        await Expect(field).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(field).ToHaveValueAsync(picked);
        await Expect(page.GetByTestId("preview")).ToHaveAttributeAsync(committed, picked);
    }
}
