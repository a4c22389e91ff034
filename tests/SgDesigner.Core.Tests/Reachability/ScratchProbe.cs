using System.Diagnostics;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Core.Tests.Reachability;

public class ScratchProbe
{
    [Fact(Explicit = true)]
    public void Probe()
    {
        var estate = EstateGenerator.Generate(EstateGeneratorOptions.BenchDefault);
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        var b = matrix.Behaviours;
        var lines = new List<string> { $"classes {matrix.ClassCount} behaviours {b.Length} outAtoms {b.Count(x => x.OutDependsOnAtoms)} inAtoms {b.Count(x => x.InDependsOnAtoms)} vpcs {estate.Vpcs.Length} subnets {estate.Subnets.Length}" };
        lines.Add($"out refs avg {b.Average(x => x.Out?.RefGroups.Length ?? 0):F1} in refs avg {b.Average(x => x.In?.RefGroups.Length ?? 0):F1} out dist avg {b.Average(x => x.Out?.DistinguishingIds.Length ?? 0):F1} in dist avg {b.Average(x => x.In?.DistinguishingIds.Length ?? 0):F1}");
        lines.Add($"classes per behaviour max {matrix.ClassInfos.CountBy(c => c.Behaviour).Max(x => x.Value)} atoms len avg {matrix.ClassInfos.Average(c => c.Atom.Length):F1}");
        var clock = Stopwatch.StartNew();
        var n = 0;
        for (var x = 0; x < b.Length; x++)
            for (var y = 0; y < b.Length; y++)
                if (matrix.Bases(x, y).Egress is not null) n++;
        lines.Add($"all Bases: {clock.ElapsedMilliseconds} ms, {n} non-null");
        clock.Restart();
        var walker = new MatrixCellWalker(matrix);
        var row = new int[matrix.ClassCount];
        for (var c = 0; c < matrix.ClassCount; c++) walker.FillRow(c, row);
        lines.Add($"walk: {clock.ElapsedMilliseconds} ms, sets {walker.SetCount}");
        Console.WriteLine(string.Join('\n', lines));
    }
}
