using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SgDesigner.E2E.Tests.Policies;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Designer;

/// <summary>
/// Asks the designer's reachability preview a question as a user would: each endpoint typed key by key, picked from
/// its list, and then waited for until the preview has committed it (the panel's <c>data-source</c> and
/// <c>data-destination</c>), not merely until the field shows it: under load the autocomplete's debounced search can
/// land after the pick and put the typed text back.
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
        // A bare name must come back as the picked "name (id)": the name alone is what the lost pick leaves.
        var picked = new Regex("^" + Regex.Escape(value) + (value.EndsWith(')') ? "$" : " \\("));
        if (picked.IsMatch(await page.GetByTestId("preview").GetAttributeAsync(committed) ?? ""))
            return;
        // Under load the debounced search can still land after the click and put the typed text back (the pick is lost:
        // the field shows the bare name again, as a user would see it); a user picks again, and so does this, up to three times.
        for (var attempt = 1; ; attempt++)
        {
            await field.FocusAsync();
            await field.PressAsync("ControlOrMeta+a");
            await field.PressSequentiallyAsync(value, PersonsPace);
            var option = page.GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = new Regex(picked.ToString()[1..]) }).First;
            await option.ClickAsync();
            try
            {
                await Expect(page.GetByTestId("preview")).ToHaveAttributeAsync(committed, picked, new() { Timeout = attempt < 3 ? 10_000 : 30_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await field.PressAsync("Escape");
            }
        }
        await field.PressAsync("Escape");
        await Expect(field).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(field).ToHaveValueAsync(picked);
        await Expect(page.GetByTestId("preview")).ToHaveAttributeAsync(committed, picked);
    }
}
