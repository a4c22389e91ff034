using System.Diagnostics;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Core.Tests.Reachability;

/// <summary>
/// The aggregated views' figure on the 10,000-instance synthetic estate of <c>sgd bench</c>: building each level's
/// aggregates (collapsed to the 60 the page shows) and counting their cells, as the matrix page does when it opens
/// (the engine's matrix is built first and timed apart). Explicit: run it by name; it prints the times and asserts only what the views show.
/// </summary>
public class MatrixAggregationBenchmark
{
    // The web table's limit (AggregatedMatrixTable.MaxShown).
    private const int Shown = 60;

    [Fact(Explicit = true)]
    public void AggregatesTheTenThousandInstanceEstate()
    {
        var estate = EstateGenerator.Generate(EstateGeneratorOptions.BenchDefault);
        var clock = Stopwatch.StartNew();
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        var lines = new List<string> { $"engine and matrix: {clock.ElapsedMilliseconds} ms, {matrix.ClassCount} classes, {matrix.BehaviourCount} behaviours" };
        // The one read of every row that all levels share (MatrixRowDiffs), timed apart from the levels' folds.
        clock.Restart();
        var readCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var diffs = matrix.RowDiffs;
        lines.Add($"rows read once: {clock.ElapsedMilliseconds} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - readCpu).TotalMilliseconds:F0} ms CPU, {diffs.ChangeCount:N0} changed cells, {diffs.SetCount:N0} sets");
        // The page shows instances by their primary ENI.
        var primary = estate.NetworkInterfaces.Where(e => e.InstanceId is not null && (e.DeviceIndex ?? 0) == 0).ToList();
        foreach (var (by, tag) in new (AggregateBy, string?)[] { (AggregateBy.Vpc, null), (AggregateBy.Subnet, null), (AggregateBy.Tag, "app"), (AggregateBy.Tag, "tier"), (AggregateBy.Group, null) })
        {
            for (var run = 0; run < 3; run++)
            {
                clock.Restart();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                // As the page shows a level: at most 60 rows and columns, the largest aggregates and the rest as one.
                var levels = AggregateLevel.Collapsed(AggregateLevel.Of(estate, primary, by, tag), Shown, n => $"{n} others");
                var aggregated = MatrixAggregation.Aggregate(matrix, levels, levels);
                lines.Add($"{by}{(tag is null ? "" : " " + tag)} run {run + 1}: {levels.Length} rows, {clock.ElapsedMilliseconds} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU");
                Assert.Equal(levels.Length, aggregated.Rows.Length);
                Assert.InRange(levels.Length, 1, Shown);
            }
        }
        var vpcs = AggregateLevel.Of(estate, primary, AggregateBy.Vpc);
        clock.Restart();
        var filtered = MatrixAggregation.Aggregate(matrix, vpcs, vpcs, Traffic.Tcp(443));
        lines.Add($"Vpc, tcp 443: {clock.ElapsedMilliseconds} ms; first cell {filtered.Cell(0, 0).ExtentText}");
        var biggest = AggregateLevel.Of(estate, primary.Where(e => e.VpcId == vpcs.MaxBy(v => v.EniIds.Length)!.Key), AggregateBy.Subnet);
        clock.Restart();
        MatrixAggregation.Aggregate(matrix, biggest, biggest);
        lines.Add($"zoom into the largest VPC: {biggest.Length} subnets, {clock.ElapsedMilliseconds} ms");
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', lines));
        Console.WriteLine(string.Join('\n', lines));
    }
}
