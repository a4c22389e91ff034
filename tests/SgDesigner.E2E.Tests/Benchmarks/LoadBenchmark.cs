using System.Globalization;
using SgDesigner.E2E.Tests.Nodes;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// Load figures of issue 16: requests per second and latency on the policy list and on rule writes, one node against
/// two (app processes on one PostgreSQL, behind Debian's nginx), and the app's memory over a soak of steady mixed load.
/// Explicit: it only measures and prints (never asserts times); run it with
/// <c>dotnet test --project tests/SgDesigner.E2E.Tests -- --filter-class "*LoadBenchmark" --explicit only</c>
/// (one method: <c>--filter-method "*Soak*"</c>). Figures go to the test output and to <c>artifacts/benchmarks/</c>.
/// </summary>
public sealed class LoadBenchmark
{
    private const int Workers = 16;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5), Measured = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Explicit = true)]
    public async Task Policy_list_and_rule_writes_on_one_node_and_on_two()
    {
        await using var database = new PostgresTestDatabase();
        await using var a = await AppNode.StartAsync("A", database.Settings, Ct);
        var tenant = await LoadTenant.CreateAsync(a.BaseAddress, Ct);
        var lines = new List<string> { Heading("one node against two") };
        try
        {
            lines.AddRange(await MeasureAsync("one node, direct", a.BaseAddress, tenant));
            await using (var proxy = await NginxProxy.StartAsync([a.BaseAddress], Ct))
                lines.AddRange(await MeasureAsync("one node, nginx", proxy.BaseAddress, tenant));
            await using var b = await AppNode.StartAsync("B", database.Settings, Ct);
            await using (var proxy = await NginxProxy.StartAsync([a.BaseAddress, b.BaseAddress], Ct))
                lines.AddRange(await MeasureAsync("two nodes, nginx", proxy.BaseAddress, tenant));
        }
        finally
        {
            lines.Add($"load average after: {LoadAverage()}");
            Report("load-one-and-two-nodes", lines);
        }
    }

    [Fact(Explicit = true)]
    public Task Memory_over_a_ten_minute_soak_of_mixed_load_on_one_node() => SoakAsync(10);

    /// <summary>The soak's quick check.</summary>
    [Fact(Explicit = true)]
    public Task Memory_over_a_one_minute_soak_of_mixed_load_on_one_node() => SoakAsync(1);

    /// <summary>
    /// Steady mixed load on one node for <paramref name="minutes"/>, paced so that it leaves the shared machine some
    /// room: 3 workers read the policy list, 2 write rules, 1 reads a draft, each at most 20 requests a second. RSS and
    /// GC heap are sampled every 10 s; flat means a slope near 0 after the warm-up.
    /// </summary>
    private static async Task SoakAsync(int minutes)
    {
        var duration = TimeSpan.FromMinutes(minutes);
        var warmUp = minutes >= 10 ? TimeSpan.FromMinutes(2) : TimeSpan.FromSeconds(20);
        await using var database = new PostgresTestDatabase();
        await using var node = await AppNode.StartAsync("A", database.Settings, Ct);
        var tenant = await LoadTenant.CreateAsync(node.BaseAddress, Ct);
        using var client = tenant.Client(node.BaseAddress);
        var steps = new List<LoadStep>();
        for (var i = 0; i < 3; i++)
            steps.Add(LoadTenant.PolicyList(client));
        var writers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => tenant.RuleWriterAsync(client, i, Ct)));
        steps.AddRange(writers.Select(w => w.Step));
        steps.Add(LoadTenant.DraftRead(client, writers[0].DraftId));
        var load = new LoadGenerator(steps, TimeSpan.Zero, duration, pace: TimeSpan.FromMilliseconds(50));

        await using var sampler = new MemorySampler(node.ProcessId, TimeSpan.FromSeconds(5));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var sampling = sampler.SampleAsync(TimeSpan.FromSeconds(10), () => load.Completed, stop.Token);
        var lines = new List<string> { Heading($"{minutes}-minute soak, one node") };
        var figures = await load.RunAsync($"mixed, paced ({steps.Count} workers ≤ 20/s each)", Ct);
        await stop.CancelAsync();
        var samples = await sampling;

        lines.Add(LoadFigures.Header);
        lines.Add(figures.Row());
        lines.Add("");
        lines.Add("| time | RSS MB | GC heap MB | GC committed MB | requests |");
        lines.Add("|---|---|---|---|---|");
        lines.AddRange(samples.Select(s => Invariant($"| {s.Elapsed:mm\\:ss} | {s.RssMb:0.0} | {s.GcHeapMb:0.0} | {s.GcCommittedMb:0.0} | {s.Requests} |")));
        lines.Add("");
        var (rss, heap, committed) = (MemorySampler.SlopePerMinute(samples, warmUp, s => s.RssMb),
            MemorySampler.SlopePerMinute(samples, warmUp, s => s.GcHeapMb), MemorySampler.SlopePerMinute(samples, warmUp, s => s.GcCommittedMb));
        lines.Add(Invariant($"slope after {warmUp.TotalSeconds:0} s of warm-up: RSS {rss:+0.00;-0.00} MB/min, GC heap {heap:+0.00;-0.00} MB/min, GC committed {committed:+0.00;-0.00} MB/min"));
        lines.Add($"load average after: {LoadAverage()}");
        Report($"load-soak-{minutes}min", lines);
    }

    // The policy list and the rule writes, each by the same number of workers through one base address.
    private static async Task<List<string>> MeasureAsync(string through, Uri baseAddress, LoadTenant tenant)
    {
        using var client = tenant.Client(baseAddress);
        var list = await new LoadGenerator([.. Enumerable.Range(0, Workers).Select(_ => LoadTenant.PolicyList(client))], WarmUp, Measured)
            .RunAsync($"GET /api/policies, {through}", Ct);
        var writers = await Task.WhenAll(Enumerable.Range(0, Workers).Select(async i => (await tenant.RuleWriterAsync(client, i, Ct)).Step));
        var writes = await new LoadGenerator(writers, WarmUp, Measured).RunAsync($"PUT rule (own draft, If-Match), {through}", Ct);
        return [LoadFigures.Header, list.Row(), writes.Row(), $"load average: {LoadAverage()}", ""];
    }

    private static string Heading(string what) =>
        $"SgDesigner load, {what}: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, PostgreSQL, Release={IsRelease()}, load average before: {LoadAverage()}";

    private static bool IsRelease() => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Report(string file, List<string> lines)
    {
        foreach (var line in lines)
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        var folder = Directory.CreateDirectory(RepositoryRoot.Path("artifacts", "benchmarks")).FullName;
        File.WriteAllLines(Path.Combine(folder, $"{file}.txt"), lines);
    }
}
