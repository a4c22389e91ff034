using SgDesigner.Data.Audit;
using System.Diagnostics;
using System.Globalization;
using SgDesigner.Core.Model;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

/// <summary>
/// Measures saving and loading a policy of 1,000 groups, 20,000 rules and 10,000 ENIs. Explicit: it runs only
/// when asked, because it measures time (which tests never assert) and takes a while:
/// <c>dotnet test --project tests/SgDesigner.Data.Tests -c Release -- --explicit only</c> (with SGD_TEST_POSTGRES set).
/// Figures go to the test output and to <c>data-bench-&lt;provider&gt;.txt</c> beside the test assembly.
/// </summary>
public abstract class ScaleBenchmark(TestDatabase database)
{
    [Fact(Explicit = true)]
    public async Task SaveAndLoadAWholeLargePolicy()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = database.Store;
        var estate = EstateGenerator.Generate(groups: 1000, rulesPerGroup: 20, enis: 10_000);
        var figures = new List<string>
        {
            $"{database.Provider}: {estate.Groups.Length} groups, {estate.Groups.Sum(g => g.Rules.Length)} rules, "
            + $"{estate.NetworkInterfaces.Length} ENIs, {estate.Instances.Length} instances",
        };
        // Wall time includes the database server's work; this process's CPU time shows how much of it is ours
        // when a shared machine is busy (the load average is printed with the figures).
        async Task<T> Measure<T>(string what, Func<Task<T>> action)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = await action();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            figures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{what}: {clock.Elapsed.TotalMilliseconds:F0} ms wall, {used.TotalMilliseconds:F0} ms CPU in the test process"));
            return result;
        }

        // A first small round trip warms up the connection pool and EF's model and query caches.
        await store.CreatePolicyAsync($"warm-up {Guid.NewGuid()}", null, EstateGenerator.Generate(8, 2, 8), "bench", ct);
        var policy = (await Measure("save (create policy with the estate as revision 1)",
            () => store.CreatePolicyAsync($"large {Guid.NewGuid()}", null, estate, "bench", ct))).Value;
        var loaded = (await Measure("load (revision 1 with its content)", () => store.GetRevisionAsync(policy.Id, 1, ct))).Value;
        var draft = (await Measure("open a draft (copy of revision 1)", () => store.CreateDraftAsync(policy.Id, 1, "bench", "bench", ct))).Value;
        var rule = new Rule("sgr-bench000000001", Direction.Inbound, IpProtocol.Tcp, 443, 443, new CidrPeer(Cidr.AnyV4), "bench");
        var edited = (await Measure("edit one rule in the draft (load, validate, write one row)",
            () => store.UpsertRuleAsync(draft.Id, draft.Version, estate.Groups[0].Id, rule, AuditActor.Named("test"), ct))).Value;
        var replaced = (await Measure("replace the draft's content with the original estate (import)",
            () => store.ReplaceDraftContentAsync(draft.Id, estate, edited.Version, AuditActor.Named("test"), ct))).Value;
        await Measure("publish the draft", () => store.PublishDraftAsync(draft.Id, "bench", "bench", replaced.Version, ct));

        Assert.Equal(EstateText.Describe(estate), EstateText.Describe(loaded.Estate));
        if (File.Exists("/proc/loadavg"))
            figures.Add($"load average: {(await File.ReadAllTextAsync("/proc/loadavg", ct)).Trim()} on {Environment.ProcessorCount} cores");
        var text = string.Join(Environment.NewLine, figures);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"data-bench-{database.Provider}.txt"), text + Environment.NewLine, ct);
    }
}

public sealed class ScaleBenchmarkOnSqlite(SqliteDatabase database) : ScaleBenchmark(database), IClassFixture<SqliteDatabase>;

public sealed class ScaleBenchmarkOnPostgres(PostgresDatabase database) : ScaleBenchmark(database), IClassFixture<PostgresDatabase>;
