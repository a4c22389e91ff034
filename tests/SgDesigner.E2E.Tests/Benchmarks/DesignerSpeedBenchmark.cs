using SgDesigner.Core.Editing;
using SgDesigner.Data.Audit;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;
using SgDesigner.Data.Store;
using SgDesigner.E2E.Tests.Designer;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// The designer's speed targets (issue 4, and issue 16 at scale) measured in Chromium on a policy of 4,000 rules (500
/// instances, 200 groups) and larger ones in the same proportions (20,000 rules: 2,500 instances, 1,000 groups): page
/// interactive within 1.5 s, preview and findings updated within 200 ms of a rule edit, the matrix scrolling without
/// stalls. Explicit: it only measures and prints (never asserts times); run it with
/// <c>dotnet run --project tests/SgDesigner.E2E.Tests -c Release --no-build -- -explicit only -class "*DesignerSpeedBenchmark"</c>
/// (<c>SGD_BENCH_RULES=20000</c> sets the size, <c>SGD_BENCH_DATABASE=postgres</c> or <c>sqlite</c> runs one database only). Figures go to the test output and to
/// <c>artifacts/benchmarks/designer-speed-&lt;database&gt;-&lt;rules&gt;.txt</c>.
/// </summary>
public sealed class DesignerSpeedBenchmark
{
    private const int PageLoads = 3, EditRounds = 5, ScrollSteps = 240;

    private readonly List<(string Name, double Value)> _figures = [];

    private BenchmarkSteps? _steps;

    // Today's policy (issue 4) is 4,000 rules, the default; issue 16 asks for 20,000, and 40,000 shows the trend.
    private static EstateGeneratorOptions SizeOf(int rules) => new(rules / 8, rules / 20, rules, Seed: 42);

    [Theory(Explicit = true)]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Designer_speed(string database)
    {
        var only = Environment.GetEnvironmentVariable("SGD_BENCH_DATABASE");
        Assert.SkipUnless(only is null || only == database, $"SGD_BENCH_DATABASE={only}");
        var size = SizeOf(int.TryParse(Environment.GetEnvironmentVariable("SGD_BENCH_RULES"), out var rules) ? rules : 4_000);
        var steps = _steps = new BenchmarkSteps(ProgressFile(database, size.Rules));
        File.WriteAllText(steps.ProgressFile, "");
        steps.Write($"{database}, {size.Rules} rules; progress also in {steps.ProgressFile}");
        Assertions.SetDefaultExpectTimeout(30_000); // waits for the app, it does not time it
        await using AppFixture fixture = database == "postgres" ? new PostgresApp() : new SqliteApp();
        await steps.RunAsync("start the app", Minutes(3), async _ => await fixture.InitializeAsync());
        var app = fixture.App;
        var estate = await steps.Run("generate the estate", Minutes(3), () => EstateGenerator.Generate(size));
        var edit = await steps.Run("choose the edit (engine and linter)", Minutes(10), () => BenchmarkEdit.Choose(estate));
        var store = app.Services.GetRequiredService<PolicyStore>();
        var draftId = await steps.RunAsync("seed the policy and its draft through PolicyStore", Minutes(10), async ct =>
        {
            var policy = await store.CreatePolicyAsync($"speed {Guid.NewGuid():N}", null, estate, fixture.Admin.Actor, ct);
            var draft = await store.CreateDraftAsync(policy.Value.Id, null, "speed", fixture.Admin.Actor, ct);
            return draft.Value.Id;
        });
        var url = new Uri(app.BaseAddress, $"/drafts/{draftId}").ToString();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await steps.RunAsync("launch Chromium", Minutes(2), _ => playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserSession.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"],
        }));
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        await steps.RunAsync("sign in", Minutes(2), async _ =>
        {
            var signIn = await context.NewPageAsync();
            await BrowserSession.SignInAsync(signIn, app.BaseAddress, fixture.Admin);
            await signIn.CloseAsync();
        });
        await context.AddInitScriptAsync(SpeedScripts.MarkInteractive);

        try
        {
            // The server's figures first: they do not depend on the browser, which a large policy can keep waiting.
            await steps.RunAsync("server figures", Minutes(10), ct => MeasureServerAsync(app, fixture.Admin, draftId, estate, edit, ct));
            var page = await MeasurePageLoadsAsync(steps, context, url);
            await MeasureEditsAsync(steps, page, edit);
            await MeasureMatrixAsync(steps, page);
            await page.CloseAsync();
        }
        finally
        {
            Report(database, size, edit); // what was measured before a failure is worth having too
        }
    }

    private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);

    private static string ProgressFile(string database, int rules) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(BrowserSession.ScreenshotFolder(), "..", "benchmarks")).FullName, $"designer-speed-{database}-{rules}.progress.txt");

    // The first load also pays for the server's JIT; the later ones are what a warm server gives.
    private async Task<IPage> MeasurePageLoadsAsync(BenchmarkSteps steps, IBrowserContext context, string url)
    {
        IPage? page = null;
        for (var load = 1; load <= PageLoads; load++)
        {
            if (page is not null)
                await page.CloseAsync();
            page = await context.NewPageAsync();
            await steps.RunAsync($"page load {load} until interactive", Minutes(3), async _ =>
            {
                await page.GotoAsync(url, new() { Timeout = 120_000 });
                await page.WaitForFunctionAsync("() => window.sgdInteractive !== undefined", null, new() { Timeout = 150_000 });
            });
            Add($"page load {load}: interactive (Add rule enabled) ms", await page.EvaluateAsync<double>("() => window.sgdInteractive"));
            Add($"page load {load}: HTML received (prerendered) ms", await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].responseEnd"));
            Add($"page load {load}: browser busy (long tasks) before interactive ms", await page.EvaluateAsync<double>("() => window.sgdBusy(0, window.sgdInteractive)"));
            Add($"page load {load}: DOM elements", await page.EvaluateAsync<double>("() => document.getElementsByTagName('*').length"));
            Add($"page load {load}: findings shown", await page.EvaluateAsync<double>("() => document.querySelectorAll('[data-testid=finding]').length"));
            foreach (var part in new[] { "findings", "groups", "group-editor", "preview" })
                Add($"page load {load}: DOM elements in {part}", await page.EvaluateAsync<double>($"() => document.querySelectorAll('[data-testid={part}] *').length"));
        }
        return page!;
    }

    private async Task MeasureEditsAsync(BenchmarkSteps steps, IPage page, BenchmarkEdit edit)
    {
        await steps.RunAsync($"open group {edit.Group.Name} and ask the preview", Minutes(3), async _ =>
        {
            // The list shows the first groups by name (GroupList.MaxListed): the others are found by their id, as users do.
            await page.Locator("input[data-testid=group-search], [data-testid=group-search] input").FillAsync(edit.Group.Id);
            await page.Locator($"[data-testid=group-item][data-group-id='{edit.Group.Id}']").ClickAsync();
            await Expect(page.Locator($"[data-testid=group-editor][data-group-id='{edit.Group.Id}']")).ToBeVisibleAsync();
            await page.AskPreviewAsync(edit.Source, edit.Destination, edit.Rule.FromPort.ToString(CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Allowed");
            await Expect(page.Locator("[data-testid=findings] h6")).ToHaveTextAsync($"Findings ({edit.FindingsBefore})");
        });
        var ports = page.RuleRow(edit.Rule.Id).Locator("input[data-testid='ports'], [data-testid='ports'] input");
        using var circuit = new ComponentTimes();
        for (var round = 1; round <= EditRounds; round++)
        {
            foreach (var (port, verdict, findings) in new[] { (edit.NewPort, "Denied", edit.FindingsAfter), (edit.Rule.FromPort, "Allowed", edit.FindingsBefore) })
            {
                var result = await steps.RunAsync($"edit {round}: port {port}, until {verdict} and {findings} findings", Minutes(1), async _ =>
                {
                    await page.EvaluateAsync(SpeedScripts.WatchEdit, new object[] { verdict, $"Findings ({findings})" });
                    await ports.FillAsync(port.ToString(CultureInfo.InvariantCulture));
                    await ports.PressAsync("Tab");
                    return await page.EvaluateAsync<JsonElement>("() => window.sgdEdit");
                });
                Add($"edit {round} port {port}: preview verdict {verdict} ms", Ms(result, "verdictMs"));
                Add($"edit {round} port {port}: findings heading ms", Ms(result, "findingsMs"));
                Add($"edit {round} port {port}: browser busy (long tasks) ms", await page.EvaluateAsync<double>("([from, to]) => window.sgdBusy(from, to + 1)", new[] { Ms(result, "startAt"), Ms(result, "endAt") }));
            }
        }
        // The circuit's share of the edits (Blazor's metrics): the handler that stores the edit, parameter updates, render batches.
        var sums = circuit.Take();
        foreach (var (name, count, ms, maxMs) in sums.Take(12))
        {
            Add($"circuit over the {EditRounds * 2} edits: {name} ({count}) total ms", ms);
            Add($"circuit over the {EditRounds * 2} edits: {name} longest ms", maxMs);
        }
        // The count is what the page's structure decides, whatever the machine's load: which components are set again per edit.
        const string updates = "aspnetcore.components.update_parameters.duration";
        var byComponent = sums.Where(s => s.Name.StartsWith(updates, StringComparison.Ordinal)).OrderByDescending(s => s.Count).ToList();
        Add($"circuit over the {EditRounds * 2} edits: component parameter updates", byComponent.Sum(s => s.Count));
        foreach (var (name, count, _, _) in byComponent.Take(20))
            Add($"circuit over the {EditRounds * 2} edits: parameter updates of{name[updates.Length..]}", count);
    }

    private async Task MeasureMatrixAsync(BenchmarkSteps steps, IPage page)
    {
        Add("matrix tab: first cell shown ms", await steps.RunAsync("open the matrix tab", Minutes(2), _ => page.EvaluateAsync<double>(SpeedScripts.OpenMatrix)));
        // Over MatrixView.LargeEstate instances the tab opens aggregated (no heat-map cell ever comes: the run used to wait
        // for one for ever, idle); the scroll below is the heat map's, chosen in the level selector as a user would.
        if (await page.GetByTestId("aggregate-table").CountAsync() > 0)
            Add("matrix: heat map chosen (aggregated at first), first cell shown ms", await steps.RunAsync("choose the heat map", Minutes(2), _ => page.EvaluateAsync<double>(SpeedScripts.ChooseHeatMap)));
        await Expect(page.GetByTestId("matrix-scroller")).ToBeVisibleAsync();
        await page.GetByTestId("matrix-view").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "matrix-500.png") });
        var scroll = await steps.RunAsync("scroll the matrix", Minutes(3), _ => page.EvaluateAsync<JsonElement>(SpeedScripts.ScrollMatrix, ScrollSteps));
        await page.GetByTestId("matrix-view").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "matrix-500-scrolled.png") });
        foreach (var property in scroll.EnumerateObject().Where(p => !p.Name.StartsWith('$')))
            Add($"matrix scroll: {property.Name}", Ms(scroll, property.Name));
        await steps.RunAsync("click a matrix cell, see its pair in the preview", Minutes(3), _ => ClickACellAsync(page));
    }

    // Not a timing: checks end to end that a cell of the scrolled matrix asks the preview about its pair. The
    // column headers start at the same x as a row's cells, so header k sits over cell k; the first header clear
    // of the sticky row headers is one a user can click.
    // The scroll ends in the bottom-right corner, where at 20,000 rules every row and column shown is an endpoint outside
    // the estate (one per CIDR the rules name), which has no instance id: the check goes back to the instances first.
    private static async Task ClickACellAsync(IPage page)
    {
        await page.GetByTestId("matrix-scroller").EvaluateAsync("e => e.scrollTo(0, 0)");
        await Expect(page.Locator("[data-testid=matrix-row][data-instance-id]").Nth(3)).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=matrix-column][data-instance-id]").Nth(3)).ToBeVisibleAsync();
        var row = page.GetByTestId("matrix-row").Nth(3);
        var cells = row.GetByTestId("matrix-cells");
        var clear = (await page.GetByTestId("matrix-scroller").BoundingBoxAsync())!.X + MatrixView.RowHeaderWidth + MatrixView.CellSize;
        var headers = await page.GetByTestId("matrix-column").AllAsync();
        var column = 0;
        while ((await headers[column].BoundingBoxAsync())!.X < clear)
            column++;
        var source = await row.GetAttributeAsync("data-instance-id");
        var destination = await headers[column].GetAttributeAsync("data-instance-id");

        await cells.ClickAsync(new() { Position = new() { X = column * MatrixView.CellSize + MatrixView.CellSize / 2, Y = MatrixView.CellSize / 2 } });

        await Expect(page.Locator("input[data-testid='preview-source'], [data-testid='preview-source'] input")).ToHaveValueAsync(new Regex(Regex.Escape($"({source})")));
        await Expect(page.Locator("input[data-testid='preview-destination'], [data-testid='preview-destination'] input")).ToHaveValueAsync(new Regex(Regex.Escape($"({destination})")));
        await Expect(page.GetByTestId("verdict")).ToBeVisibleAsync();
    }

    // Where the server spends an edit: DesignSession.EditAsync = PolicyStore.EditDraftAsync (reload, validate,
    // write) + engine update + lint; the preview's Explain and the matrix come after.
    private async Task MeasureServerAsync(SgDesignerApp app, TestUser user, Guid draftId, Estate estate, BenchmarkEdit edit, CancellationToken ct)
    {
        var store = app.Services.GetRequiredService<PolicyStore>();
        Add("server: PolicyStore.GetDraftAsync ms", await TimeAsync(() => store.GetDraftAsync(draftId, ct)));
        // A circuit's services, signed in as the user, as the designer page gets them.
        using var circuit = app.Services.CreateScope();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString())], "benchmark"));
        ((IHostEnvironmentAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var session = circuit.ServiceProvider.GetRequiredService<DesignSession>();
        Add("server: DesignSession.LoadAsync ms", await TimeAsync(() => session.LoadAsync(draftId, ct)));
        var changed = edit.Rule with { FromPort = edit.NewPort, ToPort = edit.NewPort };
        for (var round = 1; round <= EditRounds; round++)
        {
            Add($"server {round}: DesignSession.EditAsync ms", await TimeAsync(() => session.EditAsync(GroupEdits.PutRule(edit.Group.Id, round % 2 == 1 ? changed : edit.Rule), ct)));
            var version = session.Info!.Version;
            var rule = round % 2 == 1 ? edit.Rule : changed;
            Add($"server {round}: PolicyStore.EditDraftAsync ms", await TimeAsync(() => store.EditDraftAsync(draftId, version, GroupEdits.PutRule(edit.Group.Id, rule), AuditActor.Named("test"), ct)));
            await session.LoadAsync(draftId, ct);
        }
        var engine = ReachabilityEngine.Build(estate);
        _ = engine.Matrix();
        var edited = edit.Apply(estate);
        var updated = engine;
        Add("server: ReachabilityEngine.Update ms", Time(() => updated = engine.Update(edited)));
        Add("server: Linter.Lint ms", Time(() => Linter.Lint(edited)));
        // What the designer runs per edit since issue 16: only what the edit can change is re-checked.
        var findings = Linter.Lint(estate, engine);
        Add("server: IncrementalLint.After (the designer's lint per edit) ms", Time(() => IncrementalLint.After(estate, findings, edited, updated)));
        MeasureWorstLint(estate, engine, findings);
        var flow = new Web.Features.Preview.PreviewQuery { Source = edit.Source, Destination = edit.Destination, Protocol = "tcp", Port = edit.Rule.FromPort.ToString(CultureInfo.InvariantCulture) }
            .Resolve(edited, out _)!.Value;
        Add("server: Explain (preview) ms", Time(() => updated.Explain(flow.From, flow.To, flow.Traffic)));
        Add("server: Matrix after update ms", Time(() => updated.Matrix()));
        Add("server: Matrix from scratch ms", Time(() => ReachabilityEngine.Build(edited).Matrix()));
    }

    // The designer's worst lint case: a port edit in the group the most ENIs carry. Its neighbours (every group on those
    // ENIs) have their covered rules re-checked, and past half the estate's groups the whole estate is linted.
    private void MeasureWorstLint(Estate estate, ReachabilityEngine engine, ImmutableArray<Finding> findings)
    {
        var carriers = estate.NetworkInterfaces.Where(n => !n.GroupIds.IsDefault).SelectMany(n => n.GroupIds.Select(g => (Group: g, Eni: n)))
            .GroupBy(p => p.Group).OrderByDescending(g => g.Count()).First();
        var group = estate.FindGroup(carriers.Key)!;
        if (group.Rules.FirstOrDefault(r => r.Protocol == IpProtocol.Tcp) is not { } rule)
            return;
        var port = rule.FromPort == 65000 ? 65001 : 65000;
        var edited = estate.WithGroup(group with { Rules = group.Rules.Replace(rule, rule with { FromPort = port, ToPort = port }) });
        var updated = engine.Update(edited);
        Add($"server: worst case: group {group.Name}: ENIs carrying it", carriers.Count());
        Add($"server: worst case: groups on those ENIs", carriers.SelectMany(p => p.Eni.GroupIds).Distinct().Count());
        Add($"server: worst case: IncrementalLint.After of a port edit in it ms", Time(() => IncrementalLint.After(estate, findings, edited, updated)));
    }

    private void Report(string database, EstateGeneratorOptions size, BenchmarkEdit edit)
    {
        var lines = new List<string>
        {
            $"SgDesigner designer speed, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {database}, {Environment.ProcessorCount} cores",
            $"policy: {size.Instances} instances, {size.Groups} groups, {size.Rules} rules (EstateGenerator seed {size.Seed})",
            $"load average: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown")}",
            $"edit: group {edit.Group.Name} rule {edit.Rule.Id} tcp {edit.Rule.FromPort} -> {edit.NewPort}; preview {edit.Source} -> {edit.Destination}; findings {edit.FindingsBefore} -> {edit.FindingsAfter}",
        };
        lines.AddRange(_figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}: {f.Value:0.#}")));
        foreach (var line in lines)
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        var folder = Directory.CreateDirectory(Path.Combine(BrowserSession.ScreenshotFolder(), "..", "benchmarks")).FullName;
        File.WriteAllLines(Path.Combine(folder, $"designer-speed-{database}-{size.Rules}.txt"), lines);
    }

    private void Add(string name, double value)
    {
        _figures.Add((name, value));
        _steps?.Write(string.Create(CultureInfo.InvariantCulture, $"{name}: {value:0.#}"));
    }

    // Playwright hands back NaN and infinities as strings, and a missed wait as null.
    private static double Ms(JsonElement result, string name) => (result.TryGetProperty(name, out var property) ? property : default) switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
        { ValueKind: JsonValueKind.String } text when double.TryParse(text.GetString(), CultureInfo.InvariantCulture, out var value) => value,
        _ => double.NaN,
    };

    private static async Task<double> TimeAsync<T>(Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }
}
