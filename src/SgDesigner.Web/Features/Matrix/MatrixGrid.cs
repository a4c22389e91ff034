using System.Collections.Immutable;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>An instance as a row or column of the matrix.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="Label">Its Name tag, or its id.</param>
/// <param name="Choice">How the preview's pickers list it ("name (id)"), which the preview resolves back to the id.</param>
/// <param name="Class">The matrix class of its primary ENI, or -1 when it has none.</param>
public sealed record MatrixInstance(string Id, string Label, string Choice, int Class);

/// <summary>
/// The instances of one engine snapshot in display order, each with the equivalence class of its primary ENI,
/// and the cells read from the engine's matrix per class pair as they are shown. A 500 × 500 matrix of a few
/// hundred classes needs only the pairs on screen, so cells are computed on first read and kept until the
/// snapshot changes (a new grid is made then).
/// </summary>
public sealed class MatrixGrid
{
    private readonly ReachabilityMatrix? _matrix;
    private readonly Dictionary<(int From, int To), TrafficSet> _cells = [];

    private MatrixGrid(ReachabilityMatrix? matrix, ImmutableArray<MatrixInstance> instances)
    {
        _matrix = matrix;
        Instances = instances;
    }

    /// <summary>Every instance, by label then id.</summary>
    public ImmutableArray<MatrixInstance> Instances { get; }

    /// <summary>The grid of <paramref name="engine"/>'s snapshot.</summary>
    public static MatrixGrid Of(ReachabilityEngine engine)
    {
        var estate = engine.Estate;
        if (estate.Instances.IsEmpty)
            return new MatrixGrid(null, []);
        var matrix = engine.Matrix();
        // An instance stands for its primary ENI (device index 0, else the lowest), as the preview resolves it.
        var primary = estate.NetworkInterfaces
            .Where(e => e.InstanceId is not null)
            .GroupBy(e => e.InstanceId!)
            .ToDictionary(g => g.Key, g => g.MinBy(e => e.DeviceIndex ?? int.MaxValue)!.Id);
        var instances = estate.Instances
            .Select(i => new MatrixInstance(
                i.Id,
                i.Name ?? i.Id,
                i.Name is null ? i.Id : $"{i.Name} ({i.Id})",
                primary.TryGetValue(i.Id, out var eni) ? matrix.ClassOf(eni) : -1))
            .OrderBy(i => i.Label, StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        return new MatrixGrid(matrix, instances);
    }

    /// <summary>What <paramref name="from"/> may open to <paramref name="to"/> on their primary private IPs.</summary>
    public TrafficSet Allowed(MatrixInstance from, MatrixInstance to)
    {
        if (_matrix is null || from.Class < 0 || to.Class < 0)
            return TrafficSet.Empty;
        var key = (from.Class, to.Class);
        if (!_cells.TryGetValue(key, out var set))
            _cells[key] = set = _matrix.Allowed(from.Class, to.Class);
        return set;
    }
}
