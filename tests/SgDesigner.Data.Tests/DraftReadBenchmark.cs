using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Synthetic;
using SgDesigner.Data.Mapping;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

/// <summary>
/// Measures reading a draft nobody has read yet (what the designer does on the first arrival at it): the estate of
/// <c>sgd bench</c> (10,000 instances, ACLs), read by a store with nothing kept, <see cref="Rounds"/> times after one
/// read that compiles the code. Explicit (it measures time, which tests never assert):
/// <c>dotnet run --project tests/SgDesigner.Data.Tests -c Release --no-build -- -explicit only -class "*DraftReadBenchmark*"</c>.
/// Prints wall and this process's CPU per round, and writes them to <c>draft-read-&lt;provider&gt;.txt</c>.
/// </summary>
public abstract class DraftReadBenchmark(TestDatabase database)
{
    private const int Rounds = 5;

    [Fact(Explicit = true)]
    public async Task ReadANeverReadLargeDraft()
    {
        var ct = TestContext.Current.CancellationToken;
        var estate = SgDesigner.Core.Synthetic.EstateGenerator.Generate(EstateGeneratorOptions.BenchDefault);
        var policy = await database.Store.CreatePolicyAsync($"read {Guid.NewGuid():N}", null, estate, "bench", ct);
        var draft = await database.Store.CreateDraftAsync(policy.Value.Id, null, "read", "bench", ct);
        var contexts = database.Services.GetRequiredService<IDbContextFactory<SgDbContext>>();
        var lines = new List<string>
        {
            $"{database.Provider}: {estate.Instances.Length} instances, {estate.NetworkInterfaces.Length} ENIs, "
            + $"{estate.Groups.Sum(g => g.Rules.Length)} rules, {estate.NetworkAcls.Length} network ACLs; load before {await ScaleBenchmark.LoadAverageAsync(ct)}",
        };
        // As the app's warm-up does after a start (StartupWarmUp, its synthetic estate): the read's queries compiled, on
        // no draft, and the mapping run on rows of an estate not stored (SGD_BENCH_WARMUP=queries: the queries only).
        var sample = Environment.GetEnvironmentVariable("SGD_BENCH_WARMUP") == "queries" ? null
            : SgDesigner.Core.Synthetic.EstateGenerator.Generate(new EstateGeneratorOptions(600, 60, 1_200) { NetworkAcls = true });
        await database.Store.WarmUpAsync(sample, ct);
        for (var round = 0; round <= Rounds; round++)
        {
            var cold = new PolicyStore(contexts, TimeProvider.System, new DraftContentCache());
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var read = await cold.GetOpenDraftAsync(draft.Value.Id, ct);
            var wall = clock.Elapsed.TotalMilliseconds;
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Assert.Equal(estate.Instances.Length, read!.Estate.Instances.Length);
            // The same draft's two steps apart: its rows, then the estate made of them.
            await using var db = await contexts.CreateDbContextAsync(ct);
            var snapshot = await db.Snapshots.AsNoTracking().SingleAsync(s => s.Id == db.Drafts.Single(d => d.Id == draft.Value.Id).SnapshotId, ct);
            clock.Restart();
            var rows = await SnapshotContent.LoadSideBySideAsync(contexts, db, snapshot, ct);
            var rowsWall = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            EstateMapping.ToEstate(rows);
            var mappingWall = clock.Elapsed.TotalMilliseconds;
            // The same tables through EF's own query, one after the other on one connection (as the JSON reading above
            // would take without its second connection: compare with the JSON line below).
            clock.Restart();
            var efRows = 0;
            foreach (var type in EstateRows.TableTypes())
                efRows += (await ContentTableReads.ThroughEfAsync(type, db, snapshot.Id)).Count;
            var efWall = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var jsonRows = 0;
            foreach (var type in EstateRows.TableTypes())
                jsonRows += (await ContentTableReads.AsStoredAsync(type, db, snapshot.Id)).Count;
            var jsonWall = clock.Elapsed.TotalMilliseconds;
            Assert.Equal(efRows, jsonRows);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{(round == 0 ? "first read after the app's warm-up (PolicyStore.WarmUpAsync)" : $"round {round}")}: {wall:F0} ms wall, {used:F0} ms CPU;"
                + $" again in two steps: rows {rowsWall:F0} ms, estate from them {mappingWall:F0} ms;"
                + $" the {jsonRows} rows on one connection: EF's query {efWall:F0} ms, this provider's reading {jsonWall:F0} ms"));
        }
        lines.Add($"load after {await ScaleBenchmark.LoadAverageAsync(ct)}, on {Environment.ProcessorCount} cores");
        var text = string.Join(Environment.NewLine, lines);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"draft-read-{database.Provider}.txt"), text + Environment.NewLine, ct);
    }
}

public sealed class DraftReadBenchmarkOnSqlite(SqliteDatabase database) : DraftReadBenchmark(database), IClassFixture<SqliteDatabase>;

public sealed class DraftReadBenchmarkOnPostgres(PostgresDatabase database) : DraftReadBenchmark(database), IClassFixture<PostgresDatabase>;
