using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SgDesigner.Core.Synthetic;
using SgDesigner.Data.Store;
using SgDesigner.Web.Hosting;
using SgDesigner.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// The aggregated views at the size of the estate (issue 17): the 10,000-instance synthetic estate of <c>sgd bench</c>
/// (seed 1) opened in Chromium on SQLite; Matrix tab click → first aggregated cell, a zoom into the first aggregate and
/// the breadcrumb back, then the chaining graph switched to the aggregated graph → first node. Timestamps are taken
/// inside the page (<c>performance.now()</c>), from the click to the mutation that shows the result; each level of the
/// selector is timed the same way, from its change to its table. Explicit: it only
/// measures and prints (never asserts times); run it with <c>tools/aggregated-views-bench.sh</c>, which gives this
/// process the app's runtime settings (server GC, TieredPGO off: the app runs in it), or with
/// <c>dotnet run --project tests/SgDesigner.E2E.Tests -c Release --no-build -- -explicit only -class "*AggregatedViewsBenchmark"</c>
/// (<c>SGD_BENCH_INSTANCES</c> sets the size; <c>SGD_BENCH_EVENTS=1</c> also writes what the runtime did during the first
/// arrival, <see cref="RuntimeEventLog"/>; <c>SGD_BENCH_NEW_TAB=1</c> opens each draft in a tab just opened, as up to
/// session 19, instead of a tab already on the site, <see cref="TabOnTheSiteAsync"/>). Figures go to the test output and to <c>artifacts/benchmarks/aggregated-views-&lt;instances&gt;.txt</c>.
/// </summary>
public sealed class AggregatedViewsBenchmark
{
    // Clicks the element (a tab by its text, else the first match of a selector) and resolves with the ms until the
    // wanted selector is in the page (or, prefixed with '!', gone).
    private const string ClickAndWait = """
        ([tab, click, wanted]) => new Promise(resolve => {
            const gone = wanted.startsWith('!'), selector = gone ? wanted.slice(1) : wanted;
            const done = () => (document.querySelector(selector) === null) === gone;
            const target = tab ? [...document.querySelectorAll('.mud-tab')].find(t => t.textContent.trim() === tab) : document.querySelector(click);
            const start = performance.now();
            const observer = new MutationObserver(() => {
                if (done()) {
                    observer.disconnect();
                    resolve(performance.now() - start);
                }
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
            target.click();
        })
        """;

    // Chooses a level in the matrix's selector and resolves with the ms until the table of that level is in the page.
    private const string SelectAndWait = """
        (level) => new Promise(resolve => {
            const select = document.querySelector('[data-testid=matrix-aggregate-by]');
            const wanted = `[data-testid=matrix-size][data-level="${level}"]`;
            const done = () => document.querySelector(wanted) !== null && document.querySelector('[data-testid=aggregate-cell]') !== null;
            const start = performance.now();
            const observer = new MutationObserver(() => {
                if (done()) {
                    observer.disconnect();
                    resolve(performance.now() - start);
                }
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
            select.value = level;
            select.dispatchEvent(new Event('change', { bubbles: true }));
        })
        """;

    private readonly List<(string Name, double Value)> _figures = [];

    [Fact(Explicit = true)]
    public async Task Aggregated_views_of_the_ten_thousand_instance_estate()
    {
        var instances = int.TryParse(Environment.GetEnvironmentVariable("SGD_BENCH_INSTANCES"), out var n) ? n : 10_000;
        var size = instances == 10_000 ? EstateGeneratorOptions.BenchDefault : new EstateGeneratorOptions(instances, instances / 10, instances * 2);
        var ct = TestContext.Current.CancellationToken;
        Assertions.SetDefaultExpectTimeout(120_000); // waits for the app, it does not time it
        // The app as it runs for people: it warms up after a start (SGD_BENCH_WARMUP=0: without, as the suites' apps).
        var warmUp = Environment.GetEnvironmentVariable("SGD_BENCH_WARMUP") != "0";
        await using AppFixture fixture = warmUp ? new WarmedUpSqliteApp() : new SqliteApp();
        await fixture.InitializeAsync();
        var app = fixture.App;
        Note(warmUp ? "the app warms up after its start (WarmUp:Enabled)" : "no warm-up after the start (WarmUp:Enabled=false)");
        var estate = EstateGenerator.Generate(size);
        var store = app.Services.GetRequiredService<PolicyStore>();
        var policy = await store.CreatePolicyAsync($"aggregated {Guid.NewGuid():N}", null, estate, fixture.Admin.Actor, ct);
        var draft = await store.CreateDraftAsync(policy.Value.Id, null, "aggregated", fixture.Admin.Actor, ct);
        var url = new Uri(app.BaseAddress, $"/drafts/{draft.Value.Id}").ToString();
        // Another estate of the same size (another seed), whose draft is never read before it is opened last: a first
        // arrival on a server already running. Its content is its own: nothing computed for the first draft serves it.
        var otherPolicy = await store.CreatePolicyAsync($"aggregated, another {Guid.NewGuid():N}", null, EstateGenerator.Generate(size with { Seed = size.Seed + 1 }), fixture.Admin.Actor, ct);
        var other = await store.CreateDraftAsync(otherPolicy.Value.Id, null, "aggregated, another", fixture.Admin.Actor, ct);
        var otherUrl = new Uri(app.BaseAddress, $"/drafts/{other.Value.Id}").ToString();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserSession.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var signIn = await context.NewPageAsync();
        await BrowserSession.SignInAsync(signIn, app.BaseAddress, fixture.Admin);
        await signIn.CloseAsync();
        await context.AddInitScriptAsync(SpeedScripts.MarkInteractive);
        // People arrive once the server has been up a few seconds: the warm-up, when on, is over by then.
        if (app.Services.GetService<StartupWarmUp>() is { } started)
            Add("warm-up after the start (in the background, while the policy was stored) ms", (await started.Done).TotalMilliseconds);
        _figures.AddRange(RuntimeFigures.Now().Lines("before the first arrival (the start, the warm-up, storing the policies)"));
        try
        {
            var page = await TabOnTheSiteAsync(context, app.BaseAddress);
            var cpu = ProcessCpu();
            var runtime = RuntimeFigures.Now();
            var browserWork = await BrowserWork.StartAsync(page);
            using var events = Environment.GetEnvironmentVariable("SGD_BENCH_EVENTS") == "1" ? new RuntimeEventLog() : null;
            await page.GotoAsync(url);
            await page.WaitForFunctionAsync("() => window.sgdInteractive !== undefined", null, new() { Timeout = 300_000 });
            var interactive = await page.EvaluateAsync<double>("() => window.sgdInteractive");
            Add("first arrival after the server started (the server had not read the draft: the page's first request prepares it): page interactive ms", interactive);
            await NoteTimingsAsync(page, "first arrival");
            var matrixTab = await TimeAsync(page, tab: "Matrix", wanted: "[data-testid=aggregate-cell]");
            Add("matrix tab: first aggregated cell ms", matrixTab);
            Add("first arrival → first aggregated cell ms", interactive + matrixTab);
            Add("first arrival → first aggregated cell: CPU of the app's process ms", ProcessCpu() - cpu);
            _figures.AddRange(RuntimeFigures.Since(runtime).Lines("first arrival → first aggregated cell"));
            _figures.AddRange(await browserWork.LinesAsync("first arrival → first aggregated cell"));
            Note("first arrival: the page's WebSocket messages of 10 KB or more (ms: KB): " + browserWork.LargeMessages());
            events?.Write(Path.Combine(BrowserSession.ScreenshotFolder(), "..", "benchmarks", "first-arrival-events.txt"));
            await Expect(page.GetByTestId("aggregate-table")).ToBeVisibleAsync();
            Add("matrix: rows at the opening level", await page.GetByTestId("aggregate-row").CountAsync());
            Note($"matrix opens by {await page.GetByTestId("matrix-aggregate-by").InputValueAsync()}");
            await page.GetByTestId("matrix-view").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "matrix-aggregated-10k.png") });
            // The breadcrumb has a step to click only while zoomed ("All instances" is the current one otherwise).
            Add("matrix: zoom into the first row's aggregate ms", await TimeAsync(page, click: "[data-testid=aggregate-row] [data-testid=aggregate-zoom]", wanted: "[data-testid=matrix-crumb]"));
            Add("matrix: breadcrumb back ms", await TimeAsync(page, click: "[data-testid=matrix-crumb]", wanted: "![data-testid=matrix-crumb]"));
            // Every other level, from the selector's change to its table, then the opening one again (computed already).
            var opening = await page.GetByTestId("matrix-aggregate-by").InputValueAsync();
            var levels = await page.Locator("[data-testid=matrix-aggregate-by] option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
            foreach (var level in levels.Where(l => l != "instance" && l != opening).Append(opening))
            {
                Add($"matrix: level {level} ms", await page.EvaluateAsync<double>(SelectAndWait, level));
                Add($"matrix: level {level} rows", await page.GetByTestId("aggregate-row").CountAsync());
            }
            await page.GetByTestId("matrix-view").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "matrix-aggregated-10k-last-level.png") });
            // A graph of more groups than can be drawn opens aggregated: the tab's figure is then the aggregated graph's.
            const string aggregatedShown = "[data-testid=graph-aggregate-node], [data-testid=graph-aggregate-too-large]";
            Add("graph tab: shown (groups' graph, or aggregated when too large to draw) ms", await TimeAsync(page, tab: "Chaining graph",
                wanted: $"[data-testid=chaining-graph] .sgd-graph-canvas, [data-testid=graph-too-large], {aggregatedShown}"));
            if (await page.Locator("input[data-testid=graph-aggregated], [data-testid=graph-aggregated] input").IsCheckedAsync())
                Note("graph opens aggregated (too many groups to draw)");
            else
                Add("graph: aggregated, first node or list ms", await TimeAsync(page, click: "input[data-testid=graph-aggregated], [data-testid=graph-aggregated] input",
                    wanted: aggregatedShown));
            Add("graph: nodes drawn", await page.GetByTestId("graph-aggregate-node").CountAsync());
            await page.GetByTestId("aggregated-graph").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "graph-aggregated-10k.png") });
            // Arriving again at the same version (a reload, a second tab, a colleague): what the server prepared is reused.
            var (interactiveAgain, matrixAgain, cpuAgain) = await ArriveAsync(context, url, "arrival again");
            Add("arrival again (the version prepared on the server): page interactive ms", interactiveAgain);
            Add("arrival again: matrix tab, first aggregated cell ms", matrixAgain);
            Add("arrival again → first aggregated cell ms", interactiveAgain + matrixAgain);
            Add("arrival again → first aggregated cell: CPU of the app's process ms", cpuAgain);
            // The first arrival above was also the process's first matrix and page (its code compiled then): another
            // draft never read, once the server has run, is the first arrival users meet.
            var (interactiveOther, matrixOther, cpuOther) = await ArriveAsync(context, otherUrl, "another draft");
            Add("first arrival at another draft (never read, the server running): page interactive ms", interactiveOther);
            Add("first arrival at another draft: matrix tab, first aggregated cell ms", matrixOther);
            Add("first arrival at another draft → first aggregated cell ms", interactiveOther + matrixOther);
            Add("first arrival at another draft → first aggregated cell: CPU of the app's process ms", cpuOther);
            await page.CloseAsync();
        }
        finally
        {
            Report(size);
        }
    }

    // A new tab on the draft: ms from navigation to interactive, then from the Matrix tab's click to the first aggregated
    // cell, and the CPU the app's process (this one: the app runs in it) used meanwhile; its runtime's figures are noted.
    private async Task<(double Interactive, double Matrix, double Cpu)> ArriveAsync(IBrowserContext context, string url, string arrival)
    {
        var page = await TabOnTheSiteAsync(context, new Uri(url));
        var cpu = ProcessCpu();
        var runtime = RuntimeFigures.Now();
        var browserWork = await BrowserWork.StartAsync(page);
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => window.sgdInteractive !== undefined", null, new() { Timeout = 300_000 });
        var interactive = await page.EvaluateAsync<double>("() => window.sgdInteractive");
        await NoteTimingsAsync(page, arrival);
        var matrix = await TimeAsync(page, tab: "Matrix", wanted: "[data-testid=aggregate-cell]");
        var used = ProcessCpu() - cpu;
        _figures.AddRange(RuntimeFigures.Since(runtime).Lines($"{arrival} → first aggregated cell"));
        _figures.AddRange(await browserWork.LinesAsync($"{arrival} → first aggregated cell"));
        await page.CloseAsync();
        return (interactive, matrix, used);
    }

    // Where the page's time to interactive went: the document's response, then each request the page made (start → end, ms).
    private async Task NoteTimingsAsync(IPage page, string arrival)
    {
        var timings = await page.EvaluateAsync<string>("""
            () => {
                const n = performance.getEntriesByType('navigation')[0];
                const r = performance.getEntriesByType('resource').map(e => `${e.name.replace(location.origin, '')} ${e.startTime.toFixed(0)}→${e.responseEnd.toFixed(0)}`);
                return `document ${n.requestStart.toFixed(0)}→${n.responseStart.toFixed(0)}→${n.responseEnd.toFixed(0)}, DOMContentLoaded ${n.domContentLoadedEventEnd.toFixed(0)}; ` + r.join('; ');
            }
            """);
        Note($"{arrival}: timings: {timings}");
    }

    // A tab already on the site, as when someone reloads the designer after a restart or types its address, settled:
    // opening a tab makes Chromium start a spare renderer process for the next one (about 0.6 s of CPU here), which fell
    // into the first arrival's first 800 ms on the two cores the app shares. The page shown is /healthz: no circuit, no
    // styles or scripts, so the draft's page still loads and starts everything of its own.
    private static async Task<IPage> TabOnTheSiteAsync(IBrowserContext context, Uri site)
    {
        var page = await context.NewPageAsync();
        if (Environment.GetEnvironmentVariable("SGD_BENCH_NEW_TAB") == "1")
            return page;
        await page.GotoAsync(new Uri(site, HealthEndpoints.Route).ToString());
        await Task.Delay(2_000);
        return page;
    }

    // On a shared machine the wall times follow its load; the CPU the work took hardly does (the browser is another process).
    private static double ProcessCpu() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    private static Task<double> TimeAsync(IPage page, string? tab = null, string? click = null, string wanted = "") =>
        page.EvaluateAsync<double>(ClickAndWait, new object?[] { tab, click, wanted });

    private void Report(EstateGeneratorOptions size)
    {
        var lines = new List<string>
        {
            $"SgDesigner aggregated views, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, sqlite, {Environment.ProcessorCount} cores",
            $"estate: {size.Instances} instances, {size.Groups} groups, {size.Rules} rules (EstateGenerator seed {size.Seed})",
            $"load average: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown")}",
        };
        lines.AddRange(_figures.Select(f => f.Name.StartsWith('#') ? f.Name[1..] : string.Create(CultureInfo.InvariantCulture, $"{f.Name}: {f.Value:0.#}")));
        foreach (var line in lines)
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        var folder = Directory.CreateDirectory(Path.Combine(BrowserSession.ScreenshotFolder(), "..", "benchmarks")).FullName;
        File.WriteAllLines(Path.Combine(folder, $"aggregated-views-{size.Instances}.txt"), lines);
    }

    private void Add(string name, double value) => _figures.Add((name, value));

    // The app with its warm-up on, as it is outside the test suites.
    private sealed class WarmedUpSqliteApp() : AppFixture(new SqliteTestDatabase(), new Dictionary<string, string?> { [StartupWarmUp.EnabledSetting] = "true" });

    private void Note(string text) => _figures.Add(("#" + text, 0));
}
