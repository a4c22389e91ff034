using System.Collections.Immutable;

namespace SgDesigner.Core.Reachability;

/// <summary>An ENI's row in the matrix.</summary>
/// <param name="EniId">The ENI id.</param>
/// <param name="InstanceId">Its instance, or null.</param>
/// <param name="Class">Index of its equivalence class.</param>
public sealed record MatrixEni(string EniId, string? InstanceId, int Class);

/// <summary>
/// ENIs that every rule of the estate treats alike, as sender and as receiver: same VPC, same address
/// family, same existing groups, and a primary private IP in the same atom of the address space with
/// respect to every rule block (CIDR or prefix-list entry) that contains some ENIs but not others.
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
/// Every ENI is taken on its primary private IP, both as sender and as receiver.
/// </summary>
/// <remarks>
/// Held in factored form: per behaviour (VPC, family, groups) the traffic its rules allow to every ENI,
/// to members of referenced behaviours, and to each distinguishing block; a cell combines these in a few
/// set operations. Building is linear in ENIs and references; only reading every cell is quadratic in
/// classes, and <see cref="Cells"/> shares the work between classes of the same behaviours.
/// </remarks>
public sealed class ReachabilityMatrix
{
    private readonly MatrixClassInfo[] _classes;
    private readonly Dictionary<string, int> _eniClass;

    internal ReachabilityMatrix(EstateIndex index, CidrCatalog catalog, Behaviour[] behaviours, Dictionary<string, int> eniBehaviour,
        Dictionary<string, int[]> behavioursWithGroup, int[] distinguishingIds, MatrixClassInfo[] classes)
    {
        Index = index;
        Catalog = catalog;
        Behaviours = behaviours;
        EniBehaviour = eniBehaviour;
        BehavioursWithGroup = behavioursWithGroup;
        DistinguishingIds = distinguishingIds;
        _classes = classes;
        _eniClass = new Dictionary<string, int>(eniBehaviour.Count);
        for (var c = 0; c < classes.Length; c++)
        {
            foreach (var id in classes[c].EniIds)
                _eniClass[id] = c;
        }
        Enis = [.. eniBehaviour.Keys.Select(id => new MatrixEni(id, index.Enis[id].Eni.InstanceId, _eniClass[id]))];
        Classes = [.. classes.Select((c, i) => new MatrixClass(i, behaviours[c.Behaviour].VpcId,
            [.. behaviours[c.Behaviour].Groups.Select(g => g.Group.Id)], [.. c.EniIds]))];
    }

    internal EstateIndex Index { get; }
    internal CidrCatalog Catalog { get; }
    internal Behaviour[] Behaviours { get; }
    internal Dictionary<string, int> EniBehaviour { get; }
    internal Dictionary<string, int[]> BehavioursWithGroup { get; }
    internal int[] DistinguishingIds { get; }
    internal MatrixClassInfo[] ClassInfos => _classes;

    /// <summary>Every ENI of the estate, in estate order, with its class.</summary>
    public ImmutableArray<MatrixEni> Enis { get; }

    /// <summary>The equivalence classes.</summary>
    public ImmutableArray<MatrixClass> Classes { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => _classes.Length;

    /// <summary>Number of behaviours: classes before distinguishing blocks split them (VPC, family, groups).</summary>
    public int BehaviourCount => Behaviours.Length;

    /// <summary>The class of <paramref name="eniId"/>; throws for an unknown ENI.</summary>
    public int ClassOf(string eniId) => _eniClass.TryGetValue(eniId, out var c)
        ? c
        : throw new ArgumentException($"network interface {eniId} is not in the matrix", nameof(eniId));

    /// <summary>What <paramref name="fromEniId"/> may open to <paramref name="toEniId"/> (primary private IPs).</summary>
    public TrafficSet Between(string fromEniId, string toEniId) => Allowed(ClassOf(fromEniId), ClassOf(toEniId));

    /// <summary>What any sender of <paramref name="fromClass"/> may open to any other ENI of <paramref name="toClass"/>.</summary>
    public TrafficSet Allowed(int fromClass, int toClass)
    {
        var a = _classes[fromClass];
        var b = _classes[toClass];
        return Cell(Behaviours[a.Behaviour], a, Behaviours[b.Behaviour], b, null);
    }

    // semantics.md "Evaluating a connection A → B": some outbound rule of A matches B and some inbound
    // rule of B matches A; ENIs in VPCs neither the same nor connected never reach each other.
    private TrafficSet Cell(Behaviour ga, MatrixClassInfo a, Behaviour gb, MatrixClassInfo b, TrafficSet?[]? shared)
    {
        if (ga.Out is null || gb.In is null || ga.Family != gb.Family)
            return TrafficSet.Empty;
        var dependsOnAtoms = ga.Out.Distinguishing.Length > 0 || gb.In.Distinguishing.Length > 0;
        if (!dependsOnAtoms && shared?[b.Behaviour] is { } known)
            return known;
        TrafficSet result;
        if (Index.Link(ga.VpcId, gb.VpcId) == VpcLink.None)
            result = TrafficSet.Empty;
        else
        {
            var egress = ga.Out.Universal;
            if (ga.OutRow.TryGetValue(b.Behaviour, out var byRef))
                egress = egress.Union(byRef);
            if (ga.Out.Distinguishing.Length > 0)
                egress = egress.Union(ga.Out.ForAtom(b.Atom));
            if (egress.IsEmpty)
                result = egress;
            else
            {
                var ingress = gb.In.Universal;
                if (gb.InRow.TryGetValue(a.Behaviour, out var inByRef))
                    ingress = ingress.Union(inByRef);
                if (gb.In.Distinguishing.Length > 0)
                    ingress = ingress.Union(gb.In.ForAtom(a.Atom));
                result = egress.Intersect(ingress);
            }
        }
        if (!dependsOnAtoms && shared is not null)
            shared[b.Behaviour] = result;
        return result;
    }

    /// <summary>
    /// The non-empty cells, by sender class; each row in ascending receiver class. Classes of one behaviour
    /// pair whose cell does not depend on atoms share one computation.
    /// </summary>
    public IEnumerable<MatrixCell> Cells
    {
        get
        {
            TrafficSet?[]? shared = null;
            var sharedFor = -1;
            for (var from = 0; from < _classes.Length; from++)
            {
                var a = _classes[from];
                if (a.Behaviour != sharedFor)
                {
                    shared = new TrafficSet?[Behaviours.Length];
                    sharedFor = a.Behaviour;
                }
                var ga = Behaviours[a.Behaviour];
                if (ga.Out is null)
                    continue;
                for (var to = 0; to < _classes.Length; to++)
                {
                    var b = _classes[to];
                    var set = Cell(ga, a, Behaviours[b.Behaviour], b, shared);
                    if (!set.IsEmpty)
                        yield return new MatrixCell(from, to, set);
                }
            }
        }
    }
}
