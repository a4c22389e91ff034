using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Model;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Hosting;
using SgDesigner.Data.Mapping;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

/// <summary>
/// Measures saving, loading and editing a policy of 1,000 groups, 20,000 rules and 10,000 ENIs (<c>SGD_BENCH_RULES</c>
/// sets another number of rules, 20 per group). Explicit: it runs only when asked, because it measures time (which
/// tests never assert) and takes a while:
/// <c>dotnet run --project tests/SgDesigner.Data.Tests -c Release --no-build -- -explicit only -class "*ScaleBenchmark*"</c>
/// (with SGD_TEST_POSTGRES set). Every step runs <see cref="Rounds"/> times; the figures are the medians, written to the
/// test output and to <c>data-bench-&lt;provider&gt;.txt</c> beside the test assembly.
/// </summary>
public abstract class ScaleBenchmark(TestDatabase database)
{
    private const int Rounds = 3;

    [Fact(Explicit = true)]
    public async Task SaveAndLoadAWholeLargePolicy()
    {
        var ct = TestContext.Current.CancellationToken;
        var rules = int.TryParse(Environment.GetEnvironmentVariable("SGD_BENCH_RULES"), out var n) ? n : 20_000;
        var estate = EstateGenerator.Generate(groups: Math.Max(1, rules / 20), rulesPerGroup: 20, enis: 10_000);
        var samples = new Dictionary<string, List<(double Wall, double Cpu)>>();
        var load = new List<string> { await LoadAverageAsync(ct) };
        // Wall time includes the database server's work; this process's CPU time shows how much of it is ours
        // when a shared machine is busy (the load average is printed with the figures).
        async Task<T> Measure<T>(string what, Func<Task<T>> action)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = await action();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (!samples.TryGetValue(what, out var list))
                samples[what] = list = [];
            list.Add((clock.Elapsed.TotalMilliseconds, used.TotalMilliseconds));
            return result;
        }

        // A first small round trip warms up the connection pool and EF's model and query caches.
        await database.Store.CreatePolicyAsync($"warm-up {Guid.NewGuid()}", null, EstateGenerator.Generate(8, 2, 8), "bench", ct);
        for (var round = 0; round < Rounds; round++)
        {
            var loaded = await RoundAsync(estate, Measure, ct);
            Assert.Equal(EstateText.Describe(estate), EstateText.Describe(loaded));
        }
        load.Add(await LoadAverageAsync(ct));

        var figures = new List<string>
        {
            $"{database.Provider}: {estate.Groups.Length} groups, {estate.Groups.Sum(g => g.Rules.Length)} rules, "
            + $"{estate.NetworkInterfaces.Length} ENIs, {estate.Instances.Length} instances; median of {Rounds} rounds",
        };
        foreach (var (what, list) in samples)
        {
            figures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{what}: {Median(list.Select(s => s.Wall)):F0} ms wall, {Median(list.Select(s => s.Cpu)):F0} ms CPU in the test process"
                + $" (walls {string.Join(" / ", list.Select(s => s.Wall.ToString("F0", CultureInfo.InvariantCulture)))})"));
        }
        figures.Add($"load average: before {load[0]}, after {load[1]}, on {Environment.ProcessorCount} cores");
        var text = string.Join(Environment.NewLine, figures);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"data-bench-{database.Provider}.txt"), text + Environment.NewLine, ct);
    }

    // One round of what users do with a large policy; returns revision 1 as loaded.
    private async Task<Estate> RoundAsync(Estate estate, Func<string, Func<Task<object>>, Task<object>> measure, CancellationToken ct)
    {
        var store = database.Store;
        async Task<T> Step<T>(string what, Func<Task<StoreResult<T>>> action) => ((StoreResult<T>)await measure(what, async () => await action())).Value;
        var policy = await Step("save (create policy with the estate as revision 1)",
            () => store.CreatePolicyAsync($"large {Guid.NewGuid()}", null, estate, "bench", ct));
        var loaded = await Step("load (revision 1 with its content)", () => store.GetRevisionAsync(policy.Id, 1, ct));
        var draft = await Step("open a draft (copy of revision 1)", () => store.CreateDraftAsync(policy.Id, 1, "bench", "bench", ct));
        // A store of its own has nothing kept: this edit reads the whole draft first, as after a restart.
        var cold = new PolicyStore(database.Services.GetRequiredService<IDbContextFactory<SgDbContext>>(), TimeProvider.System, new DraftContentCache());
        var first = new Rule("sgr-bench000000001", Direction.Inbound, IpProtocol.Tcp, 443, 443, new CidrPeer(Cidr.AnyV4), "bench");
        var edited = await Step("edit one rule in a draft nobody has read (loads the whole draft)",
            () => cold.UpsertRuleAsync(draft.Id, draft.Version, estate.Groups[0].Id, first, AuditActor.Named("test"), ct));
        var read = await Step("read the draft (what the designer shows)", () => store.GetDraftAsync(draft.Id, ct));
        var second = new Rule("sgr-bench000000002", Direction.Inbound, IpProtocol.Tcp, 8443, 8443, new CidrPeer(Cidr.AnyV4), "bench");
        edited = await Step("edit one rule in the draft the designer shows",
            () => store.UpsertRuleAsync(draft.Id, read.Info.Version, estate.Groups[1].Id, second, AuditActor.Named("test"), ct));
        var changed = estate.Groups[2].Rules[0] with { Description = "edited in the benchmark" };
        edited = await Step("edit one more rule (the next edit)",
            () => store.UpsertRuleAsync(draft.Id, edited.Version, estate.Groups[2].Id, changed, AuditActor.Named("test"), ct));
        var replaced = await Step("replace the draft's content with the original estate (import)",
            () => store.ReplaceDraftContentAsync(draft.Id, estate, edited.Version, AuditActor.Named("test"), ct));
        await Step("publish the draft", () => store.PublishDraftAsync(draft.Id, "bench", "bench", replaced.Version, ct));
        if (database.Provider == StorageProvider.Postgres)
        {
            // The two ways of writing a snapshot's rows, on the same rows, each in a transaction rolled back.
            var rows = EstateMapping.ToRows(estate, Guid.CreateVersion7());
            foreach (var method in Enum.GetValues<BulkInsert.PostgresMethod>())
                await measure($"write the content rows only: {method}", async () => await WriteRowsAsync(policy.Id, rows, method, ct));
        }
        return loaded.Estate;
    }

    private async Task<bool> WriteRowsAsync(Guid policyId, EstateRows rows, BulkInsert.PostgresMethod method, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var snapshotId = rows.Groups[0].SnapshotId;
        db.Snapshots.Add(new SnapshotRow { Id = snapshotId, PolicyId = policyId, RulesPerDirection = 60, GroupsPerEni = 5, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
        await BulkInsert.WriteAsync(db, rows, method, ct);
        await transaction.RollbackAsync(ct);
        return true;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static async Task<string> LoadAverageAsync(CancellationToken ct) =>
        File.Exists("/proc/loadavg") ? string.Join(" ", (await File.ReadAllTextAsync("/proc/loadavg", ct)).Split(' ').Take(3)) : "unknown";
}

public sealed class ScaleBenchmarkOnSqlite(SqliteDatabase database) : ScaleBenchmark(database), IClassFixture<SqliteDatabase>;

public sealed class ScaleBenchmarkOnPostgres(PostgresDatabase database) : ScaleBenchmark(database), IClassFixture<PostgresDatabase>;
