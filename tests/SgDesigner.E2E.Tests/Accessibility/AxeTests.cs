using Microsoft.Playwright;
using SgDesigner.Web.Features.Theme;
using SgDesigner.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Accessibility;

/// <summary>
/// Every page, signed out and signed in, with each designer tab, passes axe-core's WCAG 2.0/2.1 A and AA rules with no
/// critical and no serious violation, in the light and the dark theme; and no page is wider than a 390 px phone.
/// One browser; the pages are visited in sequence. The counts per page are written to artifacts/accessibility/.
/// </summary>
public sealed class AxeTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1280, Height = 800 } };
    private static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true };

    [Fact]
    public Task Every_page_has_no_critical_or_serious_violation_in_the_light_theme() => AuditEveryPageAsync(dark: false);

    [Fact]
    public Task Every_page_has_no_critical_or_serious_violation_in_the_dark_theme() => AuditEveryPageAsync(dark: true);

    [Fact]
    public async Task No_page_is_wider_than_a_390_px_phone()
    {
        var overflowing = new List<string>();
        var audits = await VisitEveryPageAsync(Phone, dark: false, async (audited, page) =>
        {
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 390)
                overflowing.Add($"{audited.Name} ({audited.Path}) is {width} px wide: {await WidestAsync(page)}");
            if (await ClippedInHeaderAsync(page) is { Length: > 0 } clipped)
                overflowing.Add($"{audited.Name} ({audited.Path}) cuts text in the header: {clipped}");
            return null;
        });
        // A page that could not be shown was not measured: that is a failure too, not a pass.
        overflowing.AddRange(audits.Where(a => a.Failure is not null).Select(a => $"{a.Page.Name} ({a.Page.Path}) was not measured: {a.Failure}"));

        Assert.True(overflowing.Count == 0, "Pages wider than 390 px:\n" + string.Join("\n", overflowing));
    }

    [Fact]
    public async Task On_a_phone_the_user_menu_shows_the_whole_name_of_the_user()
    {
        var user = await session.Fixture.NewUserAsync("Maximiliane Vandenberghe-Oyelaran");
        await using var context = await session.NewContextAsync(user, Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(session.App.BaseAddress.ToString());
        var menu = page.GetByTestId("user-menu").Locator("button").First;
        // The menu's button is enabled already in the prerendered page; the theme toggle only once the circuit runs.
        await Expect(page.GetByTestId("theme-toggle")).ToBeEnabledAsync();
        Assert.Equal("", await ClippedInHeaderAsync(page));
        // The button keeps the name as its accessible name; the menu shows it whole.
        await Expect(menu).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("Maximiliane Vandenberghe-Oyelaran"));
        await menu.ClickAsync();
        var who = page.GetByTestId("menu-who").Locator(".sgd-who");
        await Expect(who).ToHaveTextAsync("Maximiliane Vandenberghe-Oyelaran");
        Assert.True(await who.EvaluateAsync<bool>("e => e.getBoundingClientRect().right <= document.documentElement.clientWidth && e.scrollWidth <= e.clientWidth + 1"));
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
    }

    [Fact]
    public async Task The_dark_theme_is_remembered_for_the_user_across_reloads_and_browsers_and_for_the_browser_once_signed_out()
    {
        var user = await session.Fixture.NewUserAsync("Dora Dark");
        await using var first = await session.NewContextAsync(user, Desktop);
        var page = await first.NewPageAsync();
        await page.GotoAsync(session.App.BaseAddress.ToString());
        var toggle = page.GetByTestId("theme-toggle");
        await Expect(toggle).ToBeEnabledAsync();
        Assert.False(await IsDarkAsync(page));
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-theme", "dark");
        // Reloaded at once, the circuit may end before the toggle's script writes the browser's cookie: as if it never ran.
        // The page request sets it from the user's choice (stored before the toggle shows it), so the outcome is the same.
        await first.ClearCookiesAsync(new() { Name = ThemeChoice.CookieName });

        // The first render after a reload is dark already: no light flash before the circuit starts.
        var html = await (await page.ReloadAsync())!.TextAsync();
        Assert.Contains("data-theme=\"dark\"", html, StringComparison.Ordinal);
        Assert.True(await IsDarkAsync(page));

        // Another browser of the same user starts dark.
        await using var second = await session.NewContextAsync(user, Desktop);
        var other = await second.NewPageAsync();
        await other.GotoAsync(session.App.BaseAddress.ToString());
        Assert.True(await IsDarkAsync(other));

        // Signed out, this browser's sign-in page stays dark (the cookie).
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/sign-in", StringComparison.Ordinal));
        Assert.True(await IsDarkAsync(page));
    }

    private async Task AuditEveryPageAsync(bool dark)
    {
        var audits = await VisitEveryPageAsync(Desktop, dark, async (_, page) => await AxeAudit.RunAsync(page));
        var table = AxeAudit.Table(audits);
        var folder = Directory.CreateDirectory(RepositoryRoot.Path("artifacts", "accessibility")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, $"axe-{(dark ? "dark" : "light")}.md"), table, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(table);

        var blocking = AxeAudit.Blocking(audits);
        Assert.True(blocking.Length == 0, $"axe ({string.Join(", ", AxeAudit.Tags)}, {(dark ? "dark" : "light")} theme) finds critical or serious violations:\n{blocking}\n{table}");
    }

    // Visits every page in one signed-out and one signed-in context of the one browser, in the given theme.
    private async Task<List<PageAudit>> VisitEveryPageAsync(
        BrowserNewContextOptions options, bool dark, Func<AuditedPage, IPage, Task<IReadOnlyList<Deque.AxeCore.Commons.AxeResultItem>?>> check)
    {
        var ct = TestContext.Current.CancellationToken;
        var pages = await AuditedPages.CreateAsync(session, ct);
        await using var signedOut = await session.Browser.NewContextAsync(options);
        // Signed out, the theme comes from the browser's cookie (the pages without a circuit cannot switch it).
        await signedOut.AddCookiesAsync([new() { Name = ThemeChoice.CookieName, Value = dark ? "dark" : "light", Url = session.App.BaseAddress.ToString() }]);
        await using var signedIn = await session.NewContextAsync(options: options);
        var audits = new List<PageAudit>();
        try
        {
            foreach (var audited in pages)
            {
                var page = await (audited.SignedIn ? signedIn : signedOut).NewPageAsync();
                try
                {
                    try
                    {
                        var response = await page.GotoAsync(new Uri(session.App.BaseAddress, audited.Path).ToString());
                        await UseThemeAsync(page, dark);
                        await audited.Ready(page);
                        if (response?.Status != audited.Status)
                            throw new PlaywrightException($"answered {response?.Status}, not {audited.Status}");
                        if (await IsDarkAsync(page) != dark)
                            throw new PlaywrightException($"shown in the {(dark ? "light" : "dark")} theme");
                    }
                    catch (Exception e) when (e is PlaywrightException or TimeoutException)
                    {
                        audits.Add(new(audited, [], $"not shown: {e.Message.Split('\n')[0]}"));
                        continue;
                    }
                    audits.Add(new(audited, await check(audited, page) ?? []));
                }
                finally
                {
                    await page.CloseAsync();
                }
            }
        }
        finally
        {
            // The theme is remembered per user: leave the administrator in the light theme for the other tests.
            if (dark)
            {
                var page = await signedIn.NewPageAsync();
                await page.GotoAsync(session.App.BaseAddress.ToString());
                await UseThemeAsync(page, false);
            }
        }
        return audits;
    }

    // Switches the theme with the layout's button when the page has one and shows the other theme.
    private static async Task UseThemeAsync(IPage page, bool dark)
    {
        var toggle = page.GetByTestId("theme-toggle");
        if (await toggle.CountAsync() == 0 || await IsDarkAsync(page) == dark)
            return;
        await Expect(toggle).ToBeEnabledAsync();
        await toggle.ClickAsync();
        await page.WaitForFunctionAsync(IsDarkScript + (dark ? "" : " === false"));
    }

    private const string IsDarkScript = "(() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return r + g + b < 384; })()";

    private static Task<bool> IsDarkAsync(IPage page) => page.EvaluateAsync<bool>(IsDarkScript);

    // Text of the app bar that its box cuts off (an ellipsis, or overflow hidden): "" when every word shows whole.
    private static Task<string> ClippedInHeaderAsync(IPage page) => page.EvaluateAsync<string>("""
        (() => [...document.querySelectorAll('.mud-appbar *')]
          .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) > 0))
          .filter(e => getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1)
          .map(e => `"${e.textContent.trim()}" (${e.clientWidth} of ${e.scrollWidth} px)`).join('; '))()
        """);

    // The deepest element that reaches past the right edge, to say what overflows.
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        (() => {
          const width = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1);
          const deepest = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
          const name = e => { const t = e.closest('[data-testid]'); return t ? ` in [data-testid=${t.dataset.testid}]` : ''; };
          return deepest.filter(e => getComputedStyle(e).position !== 'fixed').slice(0, 5).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(e.getBoundingClientRect().right)})${name(e)}`).join('; ');
        })()
        """);
}
