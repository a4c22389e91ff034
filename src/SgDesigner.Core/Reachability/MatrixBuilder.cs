using System.Collections.Immutable;

namespace SgDesigner.Core.Reachability;

/// <summary>Computes the all-pairs matrix per equivalence class.</summary>
internal static class MatrixBuilder
{
    public static ReachabilityMatrix Build(EstateIndex index, ReachabilityMatrix? previous, EstateIndex? previousIndex)
    {
        _ = previous;
        _ = previousIndex;
        var catalog = new CidrCatalog(index);
        var partition = new ClassPartition(index, catalog);
        var classes = partition.Classes;
        var rowTo = new int[classes.Count][];
        var rowAllowed = new TrafficSet[classes.Count][];
        for (var from = 0; from < classes.Count; from++)
        {
            var to = new List<int>();
            var allowed = new List<TrafficSet>();
            for (var t = 0; t < classes.Count; t++)
            {
                var set = PairEvaluator.Allowed(index, classes[from].Representative, classes[t].Representative);
                if (set.IsEmpty)
                    continue;
                to.Add(t);
                allowed.Add(set);
            }
            rowTo[from] = [.. to];
            rowAllowed[from] = [.. allowed];
        }
        return Assemble(index, partition, rowTo, rowAllowed);
    }

    internal static ReachabilityMatrix Assemble(EstateIndex index, ClassPartition partition, int[][] rowTo, TrafficSet[][] rowAllowed)
    {
        var enis = ImmutableArray.CreateBuilder<MatrixEni>(partition.EniOrder.Count);
        foreach (var (id, cls) in partition.EniOrder)
            enis.Add(new MatrixEni(id, index.Enis[id].Eni.InstanceId, cls));
        var classes = partition.Classes
            .Select(c => new MatrixClass(c.Index, c.VpcId, [.. c.Groups.Select(g => g.Group.Id)], [.. c.EniIds]))
            .ToImmutableArray();
        return new ReachabilityMatrix(enis.MoveToImmutable(), classes, rowTo, rowAllowed);
    }
}
