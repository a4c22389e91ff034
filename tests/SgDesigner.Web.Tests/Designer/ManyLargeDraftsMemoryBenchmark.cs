using System.Diagnostics;
using SgDesigner.Core.Synthetic;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Matrix;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// Memory as many large drafts are opened in a row on one server, each as a page does it (the first request prepares
/// it, the circuit loads it, its lint and matrix tables are computed, the tab is closed): the managed heap after a full
/// collection and the process's resident memory after each draft. What is kept across drafts is bounded by
/// <see cref="PreparedDrafts.Capacity"/> (engines, findings, matrix tables) and the store's content cache. Explicit: it only
/// measures and prints: <c>dotnet run --project tests/SgDesigner.Web.Tests -c Debug --no-build -- -explicit only -class "*ManyLargeDraftsMemoryBenchmark"</c>
/// (<c>SGD_BENCH_INSTANCES</c> sets the size, 10,000 by default; <c>SGD_BENCH_DRAFTS</c> how many, 12 by default).
/// </summary>
public sealed class ManyLargeDraftsMemoryBenchmark : DesignerTestContext
{
    [Fact(Explicit = true)]
    public async Task Memory_after_each_of_many_large_drafts_opened_in_a_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var instances = int.TryParse(Environment.GetEnvironmentVariable("SGD_BENCH_INSTANCES"), out var n) ? n : 10_000;
        var count = int.TryParse(Environment.GetEnvironmentVariable("SGD_BENCH_DRAFTS"), out var d) ? d : 12;
        var estate = EstateGenerator.Generate(instances == 10_000 ? EstateGeneratorOptions.BenchDefault : new EstateGeneratorOptions(instances, instances / 10, instances * 2));
        var drafts = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var policy = await Store.CreatePolicyAsync($"memory-{i}-{Guid.NewGuid():N}", null, estate, Tester, ct);
            drafts.Add((await Store.CreateDraftAsync(policy.Value.Id, null, "one of many", Tester, ct)).Value.Id);
        }
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{count} drafts of {instances:N0} instances; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        output?.WriteLine($"before: {Memory()}");
        for (var i = 0; i < drafts.Count; i++)
        {
            await NewSession().PrepareAheadAsync(drafts[i], ct);
            var session = NewSession();
            Assert.Null(await session.LoadAsync(drafts[i], ct));
            for (var w = 0; session.Linting && w < 6000; w++)
                await Task.Delay(50, ct);
            var grid = MatrixGrid.For(session.Engine);
            for (var w = 0; !grid.AggregatedLevels.All(grid.IsPrepared) && w < 6000; w++)
                await Task.Delay(50, ct);
            output?.WriteLine($"after draft {i + 1}: {Memory()}");
        }
        output?.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static string Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return $"managed heap {GC.GetTotalMemory(false) / 1_048_576:N0} MB, resident {process.WorkingSet64 / 1_048_576:N0} MB";
    }
}
