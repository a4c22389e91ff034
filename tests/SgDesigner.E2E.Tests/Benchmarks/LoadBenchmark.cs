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
    private const int Rounds = 2;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3), Measured = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Node A alone, then A and B behind nginx, in alternating rounds (both nodes run throughout; B is idle while A alone
    /// is measured), so that the shared machine's changing load falls on both alike. Before them, node A without a proxy.
    /// </summary>
    [Fact(Explicit = true)]
    public async Task Policy_list_and_rule_writes_on_one_node_and_on_two()
    {
        await using var database = new PostgresTestDatabase();
        await using var a = await AppNode.StartAsync("A", database.Settings, Ct);
        await using var b = await AppNode.StartAsync("B", database.Settings, Ct);
        var tenant = await LoadTenant.CreateAsync(a.BaseAddress, Ct);
        await using var one = await NginxProxy.StartAsync([a.BaseAddress], Ct);
        await using var two = await NginxProxy.StartAsync([a.BaseAddress, b.BaseAddress], Ct);
        var heading = Heading("one node against two");
        var rows = new List<string>();
        var notes = new List<string>();
        try
        {
            // Both nodes answer each kind of request for a while first: the JIT's work is not measured.
            await MeasureAsync("warm-up", two.BaseAddress, tenant, TimeSpan.FromSeconds(15), [], []);
            two.TakeRequestsPerNode();
            await MeasureAsync("one node, direct", a.BaseAddress, tenant, Measured, rows, notes);
            for (var round = 1; round <= Rounds; round++)
            {
                await MeasureAsync($"one node, nginx, round {round}", one.BaseAddress, tenant, Measured, rows, notes);
                await MeasureAsync($"two nodes, nginx, round {round}", two.BaseAddress, tenant, Measured, rows, notes);
                notes.Add($"requests per node through nginx in round {round} (warm-ups included): one node {one.TakeRequestsPerNode()}; two nodes {two.TakeRequestsPerNode()}");
            }
        }
        finally
        {
            Report("load-one-and-two-nodes", [heading, "", LoadFigures.Header, .. rows, "", .. notes, $"load average after: {LoadAverage()}"]);
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
        steps.AddRange(writers.Select(w => (LoadStep)w.WriteAsync));
        steps.Add(LoadTenant.DraftRead(client, writers[0].DraftId));
        var load = new LoadGenerator(steps, TimeSpan.Zero, duration, pace: TimeSpan.FromMilliseconds(50));

        await using var sampler = new MemorySampler(node.ProcessId, TimeSpan.FromSeconds(5));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var sampling = sampler.SampleAsync(TimeSpan.FromSeconds(10), () => load.Completed, stop.Token);
        var lines = new List<string> { Heading($"{minutes}-minute soak, one node") };
        var figures = await load.RunAsync($"mixed, paced ({steps.Count} workers ≤ 20/s each)", Ct);
        await stop.CancelAsync();
        var samples = await sampling;
        var lost = (await Task.WhenAll(writers.Select(w => w.HoldsLastWriteAsync(Ct)))).Count(held => !held);

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
        lines.Add($"drafts missing their last acknowledged write: {lost} of {writers.Length}; load average after: {LoadAverage()}");
        Report($"load-soak-{minutes}min", lines);
    }

    // The policy list and the rule writes, each by the same number of workers through one base address; then a check
    // that every worker's draft holds its last acknowledged write.
    private static async Task MeasureAsync(string through, Uri baseAddress, LoadTenant tenant, TimeSpan measured, List<string> rows, List<string> notes)
    {
        using var client = tenant.Client(baseAddress);
        var list = await new LoadGenerator([.. Enumerable.Range(0, Workers).Select(_ => LoadTenant.PolicyList(client))], WarmUp, measured)
            .RunAsync($"GET /api/policies, {through}", Ct);
        var average = LoadAverage();
        var writers = await Task.WhenAll(Enumerable.Range(0, Workers).Select(i => tenant.RuleWriterAsync(client, i, Ct)));
        var writes = await new LoadGenerator([.. writers.Select(w => (LoadStep)w.WriteAsync)], WarmUp, measured).RunAsync($"PUT rule (own draft, If-Match), {through}", Ct);
        var lost = (await Task.WhenAll(writers.Select(w => w.HoldsLastWriteAsync(Ct)))).Count(held => !held);
        rows.AddRange([list.Row(), writes.Row()]);
        notes.Add($"{through}: load average after the list {average}, after the writes {LoadAverage()}; drafts missing their last acknowledged write: {lost} of {Workers}");
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
