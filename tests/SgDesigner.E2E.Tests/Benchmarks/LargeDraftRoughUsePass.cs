using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using SgDesigner.Core.Synthetic;
using SgDesigner.Data.Store;
using SgDesigner.E2E.Tests.Designer;
using SgDesigner.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// A careless user's and an attacker's pass over a large draft (session 15), in Chromium on SQLite with the 10,000-instance
/// estate of <c>sgd bench</c> (<c>SGD_BENCH_INSTANCES</c> sets the size: a small one opens its matrix as a heat map, its
/// levels computed at once): levels and the Matrix / Chaining graph tabs
/// switched faster than the tables compute, an undo while a level computes, the draft in two tabs at once, a tab closed
/// while a table computes; the server logs no warning nor error meanwhile, and the app's CPU once the pages are gone is
/// printed. Explicit (minutes at 10,000 instances):
/// <c>dotnet run --project tests/SgDesigner.E2E.Tests -c Debug --no-build -- -explicit only -class "*LargeDraftRoughUsePass"</c>.
/// </summary>
public sealed class LargeDraftRoughUsePass
{
    // Chooses each level in turn, without waiting for any table, and ends on the last one.
    private const string LevelsInARow = """
        (levels) => {
            const select = document.querySelector('[data-testid=matrix-aggregate-by]');
            for (const level of levels) {
                select.value = level;
                select.dispatchEvent(new Event('change', { bubbles: true }));
            }
        }
        """;

    // Clicks the tabs named, one after another as fast as a hand does (80 ms apart), without waiting for any to render.
    private const string TabsInARow = """
        async (names) => {
            for (const name of names) {
                [...document.querySelectorAll('.mud-tab')].find(t => t.textContent.trim() === name).click();
                await new Promise(resolve => setTimeout(resolve, 80));
            }
        }
        """;

    [Fact(Explicit = true)]
    public async Task A_large_draft_used_roughly()
    {
        var instances = int.TryParse(Environment.GetEnvironmentVariable("SGD_BENCH_INSTANCES"), out var n) ? n : 10_000;
        var size = instances == 10_000 ? EstateGeneratorOptions.BenchDefault : new EstateGeneratorOptions(instances, instances / 10, instances * 2);
        var ct = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper;
        await using var session = new BrowserSession();
        await session.InitializeAsync();
        Assertions.SetDefaultExpectTimeout(180_000); // waits for the app on a loaded machine, it does not time it
        var logged = new ConcurrentQueue<string>();
        session.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(new Warnings(logged));
        var store = session.App.Services.GetRequiredService<PolicyStore>();
        var admin = session.Fixture.Admin;
        var policy = await store.CreatePolicyAsync($"rough {Guid.NewGuid():N}", null, EstateGenerator.Generate(size), admin.Actor, ct);
        var draftId = (await store.CreateDraftAsync(policy.Value.Id, null, "rough use", admin.Actor, ct)).Value.Id;
        var url = new Uri(session.App.BaseAddress, $"/drafts/{draftId}").ToString();
        await using var context = await session.NewContextAsync(options: new() { ViewportSize = new() { Width = 1600, Height = 1000 } });

        // Levels switched faster than they compute, then Matrix / graph / Matrix: the last level chosen is the one shown.
        var page = await OpenAsync(context, url);
        await page.EvaluateAsync(TabsInARow, (string[])["Matrix"]);
        await Expect(page.Locator("[data-testid=matrix-aggregate-by] option").First).ToBeAttachedAsync();
        var levels = await page.Locator("[data-testid=matrix-aggregate-by] option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        var aggregated = levels.Where(l => l != "instance").ToArray();
        await page.EvaluateAsync(LevelsInARow, (string[])[.. aggregated, .. aggregated.Reverse(), aggregated[^1]]);
        await Expect(page.Locator($"[data-testid=matrix-size][data-level='{aggregated[^1]}']")).ToBeVisibleAsync();
        output?.WriteLine($"levels switched in a row: {string.Join(", ", aggregated)}; shown: {aggregated[^1]}");
        await page.EvaluateAsync(TabsInARow, (string[])["Chaining graph", "Matrix", "Chaining graph", "Matrix", "Chaining graph"]);
        await Expect(page.Locator(".mud-tab-active")).ToHaveTextAsync("Chaining graph");
        await Expect(page.Locator("[data-testid=chaining-graph] .sgd-graph-canvas, [data-testid=graph-too-large], [data-testid=graph-aggregate-node], [data-testid=graph-aggregate-too-large], [data-testid=graph-computing]").First).ToBeVisibleAsync();
        await page.EvaluateAsync(TabsInARow, (string[])["Matrix"]);
        await Expect(page.GetByTestId("matrix-size")).ToBeVisibleAsync();

        // An edit, then its undo while a level of the edited version computes: the view ends on the undone version's table.
        await page.EvaluateAsync(TabsInARow, (string[])["Rules"]);
        var row = await page.AddRuleAsync("22", "0.0.0.0/0");
        await Expect(row.GetByTestId("not-saved")).ToHaveCountAsync(0);
        await page.EvaluateAsync(TabsInARow, (string[])["Matrix"]);
        await Expect(page.GetByTestId("matrix-aggregate-by")).ToBeAttachedAsync();
        await page.EvaluateAsync(LevelsInARow, (string[])[aggregated[0]]);
        var computing = await page.GetByTestId("matrix-computing").CountAsync();
        await page.GetByTestId("undo").ClickAsync();
        await Expect(page.Locator($"[data-testid=matrix-size][data-level='{aggregated[0]}']")).ToBeVisibleAsync();
        output?.WriteLine($"undo clicked while the edited version's table was {(computing > 0 ? "computing" : "already shown")}");

        // The same draft in a second tab at once, then a third tab closed while its table computes.
        var second = await OpenAsync(context, url);
        await second.EvaluateAsync(TabsInARow, (string[])["Matrix"]);
        await Expect(second.GetByTestId("matrix-size")).ToBeVisibleAsync();
        var third = await OpenAsync(context, url);
        await third.EvaluateAsync(TabsInARow, (string[])["Matrix"]);
        await Expect(third.GetByTestId("matrix-aggregate-by")).ToBeAttachedAsync();
        await third.EvaluateAsync(LevelsInARow, (string[])[.. aggregated.Reverse()]);
        await third.CloseAsync();
        await second.CloseAsync();
        await page.CloseAsync();

        // Once the pages are gone and what was started has run out, the app should be idle.
        await Task.Delay(TimeSpan.FromSeconds(20), ct);
        var cpu = ProcessCpu();
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        output?.WriteLine($"app CPU over 10 s, 20 s after the last page closed: {ProcessCpu() - cpu:0} ms; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var line in logged)
            output?.WriteLine($"logged: {line}");
        Assert.Empty(logged);
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await Expect(page.GetByTestId("add-rule")).ToBeEnabledAsync();
        return page;
    }

    private static double ProcessCpu() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    // The app's warnings and errors, as the server log would show them.
    private sealed class Warnings(ConcurrentQueue<string> logged) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                logged.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
        }

        public void Dispose()
        {
        }
    }
}
