using System.Runtime.CompilerServices;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// Traffic sets interned to numbers, with every union and intersection remembered by its operands' numbers: the
/// distinct sets of a matrix are few, so that a cell costs a table look-up instead of a set operation.
/// </summary>
/// <remarks>Shared by <see cref="MatrixCellWalker"/> and the aggregated matrix. Not thread-safe: one per walker.</remarks>
internal sealed class SetNumbers
{
    /// <summary>The number of the empty set.</summary>
    public const int Empty = 0;

    private readonly List<TrafficSet> _sets = [TrafficSet.Empty];
    private readonly Dictionary<TrafficSet, int> _ids = new() { [TrafficSet.Empty] = Empty };
    private readonly SetPairMemo _unions = new();
    private readonly SetPairMemo _intersections = new();

    /// <summary>The set numbered <paramref name="id"/>.</summary>
    public TrafficSet Set(int id) => _sets[id];

    /// <summary>How many sets are numbered.</summary>
    public int Count => _sets.Count;

    /// <summary>The number of <paramref name="set"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Id(TrafficSet set)
    {
        if (!_ids.TryGetValue(set, out var id))
        {
            id = _sets.Count;
            _sets.Add(set);
            _ids[set] = id;
        }
        return id;
    }

    /// <summary>The number of the union of sets <paramref name="x"/> and <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Union(int x, int y)
    {
        if (x == y || y == Empty)
            return x;
        if (x == Empty)
            return y;
        if (!_unions.TryGet(x, y, out var id))
            _unions.Add(x, y, id = Id(_sets[x].Union(_sets[y])));
        return id;
    }

    /// <summary>The number of the intersection of sets <paramref name="x"/> and <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Intersect(int x, int y)
    {
        if (x == Empty || y == Empty)
            return Empty;
        if (x == y)
            return x;
        if (!_intersections.TryGet(x, y, out var id))
            _intersections.Add(x, y, id = Id(_sets[x].Intersect(_sets[y])));
        return id;
    }
}
