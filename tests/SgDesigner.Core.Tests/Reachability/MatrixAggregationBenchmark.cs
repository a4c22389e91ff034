using System.Diagnostics;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Core.Tests.Reachability;

/// <summary>
/// The aggregated views' figure on the 10,000-instance synthetic estate of <c>sgd bench</c>: building each level's
/// aggregates (collapsed to the 60 the page shows) and counting their cells, as the matrix page does when it opens:
/// the engine and the opening (subnet) level together, with and without network ACLs (three times each, after the code
/// is compiled on a small estate), then each level three times on
/// one matrix, without and with network ACLs (the first fold of a matrix numbers its sets; the later ones find them). Explicit: run it by name; it
/// prints the times and asserts only what the views show.
/// </summary>
public class MatrixAggregationBenchmark
{
    // The web table's limit (AggregatedMatrixTable.MaxShown).
    private const int Shown = 60;

    [Fact(Explicit = true)]
    public void AggregatesTheTenThousandInstanceEstate()
    {
        var lines = new List<string>();
        // The code compiled first, on a small estate with ACLs, as the app's warm-up does: neither case below pays for it.
        var small = EstateGenerator.Generate(new EstateGeneratorOptions(600, 60, 1_200) { NetworkAcls = true });
        var warm = AggregateLevel.Of(small, Primary(small), AggregateBy.Subnet);
        MatrixAggregation.Aggregate(ReachabilityEngine.Build(small).Matrix(), warm, warm);
        // As the page opens a large estate: the engine, then at once the table of the level it opens at (subnet); three
        // times each, alternating.
        foreach (var acls in new[] { false, true, false, true, false, true })
        {
            var withAcls = EstateGenerator.Generate(EstateGeneratorOptions.BenchDefault with { NetworkAcls = acls });
            var opening = Stopwatch.StartNew();
            var openingCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var built = ReachabilityEngine.Build(withAcls).Matrix();
            var engineMs = opening.ElapsedMilliseconds;
            var subnets = AggregateLevel.Collapsed(AggregateLevel.Of(withAcls, Primary(withAcls), AggregateBy.Subnet), Shown, n => $"{n} others");
            var table = MatrixAggregation.Aggregate(built, subnets, subnets);
            lines.Add($"build + opening level{(acls ? " with ACLs" : "")}: {opening.ElapsedMilliseconds} ms wall, "
                + $"{(Process.GetCurrentProcess().TotalProcessorTime - openingCpu).TotalMilliseconds:F0} ms CPU (engine {engineMs} ms, "
                + $"{built.ClassCount} classes, {built.BehaviourCount} behaviours; subnet level {table.Rows.Length} rows)");
            Assert.Equal(subnets.Length, table.Rows.Length);
            // The same table again on the same matrix, as a change of level and back finds it: what a later level costs.
            opening.Restart();
            openingCpu = Process.GetCurrentProcess().TotalProcessorTime;
            MatrixAggregation.Aggregate(built, subnets, subnets);
            lines.Add($"  subnet level again{(acls ? " with ACLs" : "")}: {opening.ElapsedMilliseconds} ms wall, "
                + $"{(Process.GetCurrentProcess().TotalProcessorTime - openingCpu).TotalMilliseconds:F0} ms CPU");
        }
        // Each level three times on one matrix, on the estate without network ACLs and then on the same estate with them.
        foreach (var acls in new[] { false, true })
        {
            var withAcls = EstateGenerator.Generate(EstateGeneratorOptions.BenchDefault with { NetworkAcls = acls });
            var clock = Stopwatch.StartNew();
            var built = ReachabilityEngine.Build(withAcls).Matrix();
            lines.Add($"engine and matrix{(acls ? " with ACLs" : "")}: {clock.ElapsedMilliseconds} ms, {built.ClassCount} classes, {built.BehaviourCount} behaviours");
            var eachLevel = Primary(withAcls);
            foreach (var (by, tag) in new (AggregateBy, string?)[] { (AggregateBy.Vpc, null), (AggregateBy.Subnet, null), (AggregateBy.Tag, "app"), (AggregateBy.Tag, "tier"), (AggregateBy.Group, null) })
            {
                for (var run = 0; run < 3; run++)
                {
                    clock.Restart();
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    // As the page shows a level: at most 60 rows and columns, the largest aggregates and the rest as one.
                    var levels = AggregateLevel.Collapsed(AggregateLevel.Of(withAcls, eachLevel, by, tag), Shown, n => $"{n} others");
                    var aggregated = MatrixAggregation.Aggregate(built, levels, levels);
                    lines.Add($"{by}{(tag is null ? "" : " " + tag)}{(acls ? " with ACLs" : "")} run {run + 1}: {levels.Length} rows, {clock.ElapsedMilliseconds} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU");
                    Assert.Equal(levels.Length, aggregated.Rows.Length);
                    Assert.InRange(levels.Length, 1, Shown);
                }
            }
        }
        var estate = EstateGenerator.Generate(EstateGeneratorOptions.BenchDefault);
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        var primary = Primary(estate);
        var vpcs = AggregateLevel.Of(estate, primary, AggregateBy.Vpc);
        var filterClock = Stopwatch.StartNew();
        var filtered = MatrixAggregation.Aggregate(matrix, vpcs, vpcs, Traffic.Tcp(443));
        lines.Add($"Vpc, tcp 443: {filterClock.ElapsedMilliseconds} ms; first cell {filtered.Cell(0, 0).ExtentText}");
        var biggest = AggregateLevel.Of(estate, primary.Where(e => e.VpcId == vpcs.MaxBy(v => v.EniIds.Length)!.Key), AggregateBy.Subnet);
        filterClock.Restart();
        MatrixAggregation.Aggregate(matrix, biggest, biggest);
        lines.Add($"zoom into the largest VPC: {biggest.Length} subnets, {filterClock.ElapsedMilliseconds} ms");
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', lines));
        Console.WriteLine(string.Join('\n', lines));
    }

    // The page shows instances by their primary ENI.
    private static List<NetworkInterface> Primary(Estate estate) =>
        [.. estate.NetworkInterfaces.Where(e => e.InstanceId is not null && (e.DeviceIndex ?? 0) == 0)];
}
