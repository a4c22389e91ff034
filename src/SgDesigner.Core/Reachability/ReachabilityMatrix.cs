using System.Collections.Immutable;

namespace SgDesigner.Core.Reachability;

/// <summary>An ENI's row in the matrix.</summary>
/// <param name="EniId">The ENI id.</param>
/// <param name="InstanceId">Its instance, or null.</param>
/// <param name="Class">Index of its equivalence class.</param>
public sealed record MatrixEni(string EniId, string? InstanceId, int Class);

/// <summary>
/// ENIs that every rule of the estate treats alike, as sender and as receiver: same VPC, same groups,
/// and a primary private IP in the same atom of the address space with respect to every CIDR and
/// prefix-list entry any rule uses.
/// </summary>
/// <param name="Index">The class index.</param>
/// <param name="VpcId">The VPC of its ENIs.</param>
/// <param name="GroupIds">The (existing) groups its ENIs carry, sorted.</param>
/// <param name="EniIds">Its ENIs, in estate order.</param>
public sealed record MatrixClass(int Index, string VpcId, ImmutableArray<string> GroupIds, ImmutableArray<string> EniIds);

/// <summary>A non-empty cell: what any sender of <paramref name="From"/> may open to any other ENI of <paramref name="To"/>.</summary>
/// <param name="From">Sender class.</param>
/// <param name="To">Receiver class.</param>
/// <param name="Allowed">The allowed traffic (never empty).</param>
public sealed record MatrixCell(int From, int To, TrafficSet Allowed);

/// <summary>
/// All-pairs reachability between the estate's ENIs, per equivalence class (cli.md "sgd matrix").
/// Every ENI is taken on its primary private IP, as sender and as receiver.
/// </summary>
public sealed class ReachabilityMatrix
{
    private readonly Dictionary<string, int> _eniClass;
    private readonly int[][] _rowTo;           // per sender class: receiver classes with something allowed, ascending
    private readonly TrafficSet[][] _rowAllowed;

    internal ReachabilityMatrix(ImmutableArray<MatrixEni> enis, ImmutableArray<MatrixClass> classes, int[][] rowTo, TrafficSet[][] rowAllowed)
    {
        Enis = enis;
        Classes = classes;
        _rowTo = rowTo;
        _rowAllowed = rowAllowed;
        _eniClass = new Dictionary<string, int>(enis.Length);
        foreach (var e in enis)
            _eniClass.TryAdd(e.EniId, e.Class);
    }

    /// <summary>Every ENI of the estate, in estate order, with its class.</summary>
    public ImmutableArray<MatrixEni> Enis { get; }

    /// <summary>The equivalence classes.</summary>
    public ImmutableArray<MatrixClass> Classes { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => Classes.Length;

    internal int[][] RowTo => _rowTo;
    internal TrafficSet[][] RowAllowed => _rowAllowed;

    /// <summary>The class of <paramref name="eniId"/>; throws for an unknown ENI.</summary>
    public int ClassOf(string eniId) => _eniClass.TryGetValue(eniId, out var c)
        ? c
        : throw new ArgumentException($"network interface {eniId} is not in the matrix", nameof(eniId));

    /// <summary>What any sender of <paramref name="fromClass"/> may open to any other ENI of <paramref name="toClass"/>.</summary>
    public TrafficSet Allowed(int fromClass, int toClass)
    {
        var row = _rowTo[fromClass];
        var i = Array.BinarySearch(row, toClass);
        return i >= 0 ? _rowAllowed[fromClass][i] : TrafficSet.Empty;
    }

    /// <summary>What <paramref name="fromEniId"/> may open to <paramref name="toEniId"/> (primary private IPs).</summary>
    public TrafficSet Between(string fromEniId, string toEniId) => Allowed(ClassOf(fromEniId), ClassOf(toEniId));

    /// <summary>The non-empty cells, by sender class then receiver class.</summary>
    public IEnumerable<MatrixCell> Cells
    {
        get
        {
            for (var from = 0; from < _rowTo.Length; from++)
            {
                for (var i = 0; i < _rowTo[from].Length; i++)
                    yield return new MatrixCell(from, _rowTo[from][i], _rowAllowed[from][i]);
            }
        }
    }

    /// <summary>Number of non-empty cells.</summary>
    public int CellCount => _rowTo.Sum(r => r.Length);
}
