using System.Collections.Concurrent;
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
/// respect to every rule block (CIDR or prefix-list entry) that contains some ENIs but not others. Where network
/// ACLs can drop traffic, also the same subnet (when its ACL can), the same client port range, and the same atom
/// with respect to the ACL rules' blocks: a pair of classes is then either all within one subnet or all across.
/// </summary>
/// <param name="Index">The class index.</param>
/// <param name="VpcId">The VPC of its ENIs.</param>
/// <param name="GroupIds">The (existing) groups its ENIs carry, sorted.</param>
/// <param name="EniIds">Its ENIs.</param>
public sealed record MatrixClass(int Index, string VpcId, ImmutableArray<string> GroupIds, ImmutableArray<string> EniIds);

/// <summary>A non-empty cell: what any sender of <paramref name="From"/> may open to any other ENI of <paramref name="To"/>.</summary>
/// <param name="From">Sender class.</param>
/// <param name="To">Receiver class.</param>
/// <param name="Allowed">The allowed traffic (never empty).</param>
/// <remarks>A value, not an object: a large estate has hundreds of millions of cells to read.</remarks>
public readonly record struct MatrixCell(int From, int To, TrafficSet Allowed);

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
    private readonly ConcurrentBag<MatrixCellWalker>[] _walkers = [.. Enumerable.Range(0, AggregationRun.WalkerSlots).Select(_ => new ConcurrentBag<MatrixCellWalker>())];

    internal ReachabilityMatrix(EstateIndex index, GroupRulesCache cache, Behaviour[] behaviours, int[] behaviourVpc, VpcLink[,] links,
        Dictionary<string, int> eniBehaviour, Dictionary<string, int[]> behavioursWithGroup, ClassLayout layout)
    {
        BehavioursWithGroup = behavioursWithGroup;
        Index = index;
        Cache = cache;
        Behaviours = behaviours;
        BehaviourVpc = behaviourVpc;
        Links = links;
        EniBehaviour = eniBehaviour;
        Layout = layout;
        _classes = layout.Infos;
    }

    internal EstateIndex Index { get; }
    internal GroupRulesCache Cache { get; }
    internal Behaviour[] Behaviours { get; }
    internal int[] BehaviourVpc { get; }
    internal VpcLink[,] Links { get; }
    internal Dictionary<string, int> EniBehaviour { get; }
    internal ClassLayout Layout { get; }
    /// <summary>Group id → indices of the behaviours carrying it.</summary>
    internal Dictionary<string, int[]> BehavioursWithGroup { get; }
    internal MatrixClassInfo[] ClassInfos => _classes;

    /// <summary>
    /// A walker of this matrix for one thread's use, to hand back with <see cref="ReturnWalker"/>: every aggregated view
    /// of the matrix (<see cref="AggregationRun"/>), whatever its level, zoom or filter, finds the sets numbered and the
    /// operations remembered by the views before it: the walker of slot <paramref name="slot"/>
    /// (<see cref="AggregationRun.WalkerSlots"/>) folded the same sender behaviours before.
    /// </summary>
    internal MatrixCellWalker RentWalker(int slot) => _walkers[slot].TryTake(out var walker) ? walker : new MatrixCellWalker(this);

    /// <summary>Hands back a walker of <see cref="RentWalker"/> for slot <paramref name="slot"/>, no longer used by its thread.</summary>
    internal void ReturnWalker(MatrixCellWalker walker, int slot) => _walkers[slot].Add(walker);

    /// <summary>Every ENI of the estate, in estate order, with its class.</summary>
    public ImmutableArray<MatrixEni> Enis => Layout.Enis;

    /// <summary>The equivalence classes.</summary>
    public ImmutableArray<MatrixClass> Classes => Layout.Classes;

    /// <summary>Number of classes.</summary>
    public int ClassCount => _classes.Length;

    /// <summary>Number of behaviours: ENIs alike in VPC, address family and groups, before distinguishing blocks split them into classes.</summary>
    public int BehaviourCount => Behaviours.Length;

    /// <summary>The class of <paramref name="eniId"/>; throws for an unknown ENI.</summary>
    public int ClassOf(string eniId) => Layout.EniClass.TryGetValue(eniId, out var c)
        ? c
        : throw new ArgumentException($"network interface {eniId} is not in the matrix", nameof(eniId));

    /// <summary>What <paramref name="fromEniId"/> may open to <paramref name="toEniId"/> (primary private IPs).</summary>
    public TrafficSet Between(string fromEniId, string toEniId) => Allowed(ClassOf(fromEniId), ClassOf(toEniId));

    /// <summary>What any sender of <paramref name="fromClass"/> may open to any other ENI of <paramref name="toClass"/>.</summary>
    public TrafficSet Allowed(int fromClass, int toClass) => Cell(_classes[fromClass], _classes[toClass]);

    // semantics.md "Evaluating a connection A → B": some outbound rule of A matches B and some inbound
    // rule of B matches A; ENIs in VPCs neither the same nor connected never reach each other, and group
    // references match across a connection only where it allows group referencing.
    // With network ACLs, the groups' cell is intersected with what the ACLs on the path let through (AclMatrixLayer).
    private TrafficSet Cell(MatrixClassInfo a, MatrixClassInfo b)
    {
        var (egress, ingress) = Bases(a.Behaviour, b.Behaviour);
        var cell = egress is null ? TrafficSet.Empty : WithAtoms(Behaviours[a.Behaviour], a, egress, Behaviours[b.Behaviour], b, ingress!);
        return Layout.Acl is not { } acl || cell.IsEmpty ? cell : cell.Intersect(acl.Between(a.Profile, b.Profile));
    }

    /// <summary>The network-ACL layer the cells respect, or null when no ACL of the estate can drop anything.</summary>
    internal AclMatrixLayer? Acl => Layout.Acl;

    // What the two behaviours' rules allow whatever the atoms: blocks containing every ENI and group
    // references. Null when the pair can never connect (no IP, other family, VPCs not connected).
    internal (TrafficSet? Egress, TrafficSet? Ingress) Bases(int from, int to)
    {
        var ga = Behaviours[from];
        var gb = Behaviours[to];
        if (ga.Out is null || gb.In is null || ga.Family != gb.Family)
            return (null, null);
        var link = Links[BehaviourVpc[from], BehaviourVpc[to]];
        if (link == VpcLink.None)
            return (null, null);
        var egress = ga.Out.Universal;
        var ingress = gb.In.Universal;
        if (link == VpcLink.Full)
        {
            if (ga.Out.RefGroups.Length > 0)
                egress = egress.Union(ga.Out.ForGroups(gb.GroupNumbers));
            if (gb.In.RefGroups.Length > 0)
                ingress = ingress.Union(gb.In.ForGroups(ga.GroupNumbers));
        }
        return (egress, ingress);
    }

    /// <summary>
    /// What the outbound rules of <paramref name="fromClass"/> allow towards <paramref name="toClass"/>, the receiver's
    /// inbound rules left out; null when the two can never connect (no IP, other family, VPCs not connected).
    /// </summary>
    internal TrafficSet? Egress(int fromClass, int toClass)
    {
        var (a, b) = (_classes[fromClass], _classes[toClass]);
        var (egress, _) = Bases(a.Behaviour, b.Behaviour);
        var ga = Behaviours[a.Behaviour];
        return egress is null || !ga.OutDependsOnAtoms ? egress : egress.Union(ga.Out!.ForAtom(b.Atom));
    }

    /// <summary>What the inbound rules of <paramref name="toClass"/> allow from <paramref name="fromClass"/>; null as for <see cref="Egress"/>.</summary>
    internal TrafficSet? Ingress(int fromClass, int toClass)
    {
        var (a, b) = (_classes[fromClass], _classes[toClass]);
        var (_, ingress) = Bases(a.Behaviour, b.Behaviour);
        var gb = Behaviours[b.Behaviour];
        return ingress is null || !gb.InDependsOnAtoms ? ingress : ingress.Union(gb.In!.ForAtom(a.Atom));
    }

    /// <summary>
    /// True when <see cref="Egress"/> is not null and shares nothing with <paramref name="traffic"/> (SGD023 asks it per pair
    /// of behaviours), answered part by part without building the set.
    /// </summary>
    internal bool EgressMisses(int fromClass, int toClass, TrafficSet traffic)
    {
        var (a, b) = (_classes[fromClass], _classes[toClass]);
        var (ga, gb) = (Behaviours[a.Behaviour], Behaviours[b.Behaviour]);
        var link = Links[BehaviourVpc[a.Behaviour], BehaviourVpc[b.Behaviour]];
        if (ga.Out is null || gb.In is null || ga.Family != gb.Family || link == VpcLink.None)
            return false;
        return !ga.Out.Universal.Overlaps(traffic) && !(link == VpcLink.Full && ga.Out.GroupsOverlap(gb.GroupNumbers, traffic))
            && !(ga.OutDependsOnAtoms && ga.Out.AtomOverlaps(b.Atom, traffic));
    }

    /// <summary>True when <see cref="Ingress"/> is not null and shares nothing with <paramref name="traffic"/>; see <see cref="EgressMisses"/>.</summary>
    internal bool IngressMisses(int fromClass, int toClass, TrafficSet traffic)
    {
        var (a, b) = (_classes[fromClass], _classes[toClass]);
        var (ga, gb) = (Behaviours[a.Behaviour], Behaviours[b.Behaviour]);
        var link = Links[BehaviourVpc[a.Behaviour], BehaviourVpc[b.Behaviour]];
        if (ga.Out is null || gb.In is null || ga.Family != gb.Family || link == VpcLink.None)
            return false;
        return !gb.In.Universal.Overlaps(traffic) && !(link == VpcLink.Full && gb.In.GroupsOverlap(ga.GroupNumbers, traffic))
            && !(gb.InDependsOnAtoms && gb.In.AtomOverlaps(a.Atom, traffic));
    }

    /// <summary>True when group references match between the two classes' VPCs (the same VPC, or a connection allowing it).</summary>
    internal bool ReferencesMatch(int fromClass, int toClass) =>
        Links[BehaviourVpc[_classes[fromClass].Behaviour], BehaviourVpc[_classes[toClass].Behaviour]] == VpcLink.Full;

    private static TrafficSet WithAtoms(Behaviour ga, MatrixClassInfo a, TrafficSet egress, Behaviour gb, MatrixClassInfo b, TrafficSet ingress)
    {
        if (ga.OutDependsOnAtoms)
            egress = egress.Union(ga.Out!.ForAtom(b.Atom));
        if (egress.IsEmpty)
            return egress;
        if (gb.InDependsOnAtoms)
            ingress = ingress.Union(gb.In!.ForAtom(a.Atom));
        return egress.Intersect(ingress);
    }

    /// <summary>
    /// The non-empty cells, by sender class then ascending receiver class. Computed row by row with every set
    /// operation remembered (<see cref="MatrixCellWalker"/>), on every core (<see cref="MatrixRowChunks"/>): equal
    /// cells computed by one walker share one <see cref="TrafficSet"/>.
    /// </summary>
    public IEnumerable<MatrixCell> Cells
    {
        get
        {
            // A chunk's list goes back to the spares once read: fresh lists of this size would live on the large object heap.
            var spares = new ConcurrentBag<List<MatrixCell>>();
            var chunks = MatrixRowChunks.InOrder(this, walker => (Walker: walker, Row: new int[_classes.Length]), (state, rows) =>
            {
                var cells = spares.TryTake(out var spare) ? spare : [];
                cells.Clear();
                for (var from = rows.Start; from < rows.End; from++)
                {
                    if (!state.Walker.FillRow(from, state.Row))
                        continue;
                    for (var to = 0; to < state.Row.Length; to++)
                    {
                        if (state.Row[to] != MatrixCellWalker.EmptyId)
                            cells.Add(new MatrixCell(from, to, state.Walker.Set(state.Row[to])));
                    }
                }
                return cells;
            });
            foreach (var chunk in chunks)
            {
                for (var i = 0; i < chunk.Count; i++)
                    yield return chunk[i];
                spares.Add(chunk);
            }
        }
    }
}
