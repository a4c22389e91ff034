using System.Collections.Immutable;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>
/// ENIs that are in the same matrix class in the old estate and in the same class in the new one: every
/// pair of such joint classes behaves alike in both, so the diff compares classes, not ENIs.
/// </summary>
/// <param name="Old">Class in the old matrix, or -1 for an ENI the old estate lacks.</param>
/// <param name="New">Class in the new matrix, or -1 for an ENI the new estate lacks.</param>
/// <param name="Order">Position in <see cref="DiffContext.Joint"/>.</param>
internal sealed record JointClass(int Old, int New, int Order)
{
    public List<string> EniIds { get; } = [];
}

/// <summary>Both estates, their engines and matrices, and lookups the diff needs.</summary>
internal sealed class DiffContext
{
    public DiffContext(ReachabilityEngine before, ReachabilityEngine after)
    {
        Before = before;
        After = after;
        OldMatrix = before.Matrix();
        NewMatrix = after.Matrix();
        OldEnis = ById.First(before.Estate.NetworkInterfaces, e => e.Id);
        NewEnis = ById.First(after.Estate.NetworkInterfaces, e => e.Id);
        OldGroups = ById.First(before.Estate.Groups, g => g.Id);
        NewGroups = ById.First(after.Estate.Groups, g => g.Id);

        var joint = new Dictionary<(int, int), JointClass>();
        var newClassOf = ById.First(NewMatrix.Enis, e => e.EniId);
        var oldClassOf = ById.First(OldMatrix.Enis, e => e.EniId);
        foreach (var id in OldMatrix.Enis.Select(e => e.EniId).Concat(NewMatrix.Enis.Select(e => e.EniId)).Distinct(StringComparer.Ordinal))
        {
            var key = (oldClassOf.TryGetValue(id, out var o) ? o.Class : -1, newClassOf.TryGetValue(id, out var n) ? n.Class : -1);
            if (!joint.TryGetValue(key, out var jc))
                joint[key] = jc = new JointClass(key.Item1, key.Item2, joint.Count);
            jc.EniIds.Add(id);
        }
        Joint = [.. joint.Values];
        Scope = new ChangeScope(this);
    }

    public ChangeScope Scope { get; }

    public ReachabilityEngine Before { get; }
    public ReachabilityEngine After { get; }
    public ReachabilityMatrix OldMatrix { get; }
    public ReachabilityMatrix NewMatrix { get; }
    public Dictionary<string, NetworkInterface> OldEnis { get; }
    public Dictionary<string, NetworkInterface> NewEnis { get; }
    public Dictionary<string, SecurityGroup> OldGroups { get; }
    public Dictionary<string, SecurityGroup> NewGroups { get; }
    public ImmutableArray<JointClass> Joint { get; }

    private readonly Dictionary<JointClass, FlowParty> _parties = new(ReferenceEqualityComparer.Instance);

    /// <summary>The party for all of a joint class's ENIs, built once per class (labels are the costly part).</summary>
    public FlowParty PartyOf(JointClass jc)
    {
        if (!_parties.TryGetValue(jc, out var party))
            _parties[jc] = party = NewParty(jc);
        return party;
    }

    /// <summary>The party for a joint class's ENIs, labelled by their groups before and after.</summary>
    private FlowParty NewParty(JointClass jc)
    {
        var before = jc.Old >= 0 ? OldMatrix.Classes[jc.Old].GroupIds : [];
        var after = jc.New >= 0 ? NewMatrix.Classes[jc.New].GroupIds : [];
        var label = (jc.Old, jc.New) switch
        {
            (< 0, _) => $"{GroupsLabel(after, NewGroups)} (new ENI)",
            (_, < 0) => $"{GroupsLabel(before, OldGroups)} (ENI removed)",
            _ when before.SequenceEqual(after) => GroupsLabel(after, NewGroups),
            _ => $"{GroupsLabel(before, OldGroups)} → {GroupsLabel(after, NewGroups)}",
        };
        return new FlowParty(label, jc.New >= 0 ? after : before, before, [.. jc.EniIds.Take(3)], jc.EniIds.Count, null);
    }

    /// <summary>The endpoint of an ENI on its primary private IP (how the matrix takes every ENI), or null.</summary>
    public static Endpoint? EndpointOf(Dictionary<string, NetworkInterface> enis, string eniId) =>
        enis.TryGetValue(eniId, out var eni) && EndpointResolver.OnPrimaryIp(eni, eniId) is { IsOk: true } r ? r.Value : null;

    /// <summary>
    /// Per protocol of <paramref name="set"/>, what the change of one sample connection of it from
    /// <paramref name="sender"/> to <paramref name="receiver"/> comes from: for <paramref name="opened"/> traffic the new
    /// estate's rules that allow it, otherwise the old estate's that allowed it; whether it is untracked; and the
    /// network-ACL rules behind the change (<see cref="FlowDetail.NetworkAclRules"/>).
    /// </summary>
    public ImmutableArray<FlowDetail> Details(bool opened, string sender, string receiver, TrafficSet set)
    {
        var (engine, enis, otherGroups) = opened ? (After, NewEnis, OldGroups) : (Before, OldEnis, NewGroups);
        if (EndpointOf(enis, sender) is not { } from || EndpointOf(enis, receiver) is not { } to)
            return [.. set.Entries.Select(e => new FlowDetail(e, [], false))];
        return
        [
            .. set.Entries.Select(entry =>
            {
                var sample = Sample(entry);
                var verdict = engine.Query(from, to, sample);
                return new FlowDetail(entry, PreferChanged([.. verdict.Egress, .. verdict.Ingress], otherGroups), verdict.Untracked)
                {
                    NetworkAclRules = AclRules(opened, verdict, (other, enis) =>
                        EndpointOf(enis, sender) is { } f && EndpointOf(enis, receiver) is { } t ? other.Query(f, t, sample) : null),
                };
            }),
        ];
    }

    /// <summary>
    /// The network-ACL rules behind the change of one connection (<see cref="FlowDetail.NetworkAclRules"/>).
    /// <paramref name="now"/> is its verdict in the estate the detail speaks of (the new one for opened traffic, the old
    /// one for closed); <paramref name="ask"/> asks the same connection of the other engine, with that estate's ENIs.
    /// Closed and dropped by an ACL in the new estate: that rule. Opened where the old estate's ACL dropped it: the new
    /// estate's rules at that crossing (same leg, subnet and direction), which now let it through.
    /// </summary>
    public ImmutableArray<AclDecision> AclRules(bool opened, Verdict now, Func<ReachabilityEngine, Dictionary<string, NetworkInterface>, Verdict?> ask)
    {
        var (other, matrix, enis) = opened ? (Before, OldMatrix, OldEnis) : (After, NewMatrix, NewEnis);
        if (matrix.Acl is null || ask(other, enis)?.NetworkAcl?.Deciding is not { } dropped)
            return [];
        if (!opened)
            return [dropped];
        return [.. (now.NetworkAcl?.Decisions ?? []).Where(d => d.Leg == dropped.Leg && d.SubnetId == dropped.SubnetId && d.Direction == dropped.Direction)];
    }

    /// <summary>The rules not present (same group, same traffic and peer) in the other estate, or all when each is.</summary>
    public static ImmutableArray<RuleRef> PreferChanged(ImmutableArray<RuleRef> rules, Dictionary<string, SecurityGroup> otherGroups)
    {
        var changed = rules.Where(r => !(otherGroups.TryGetValue(r.GroupId, out var g) && g.Rules.Any(o => RuleCoverage.SameTraffic(o, r.Rule))))
            .ToImmutableArray();
        return changed.IsEmpty ? rules : changed;
    }

    /// <summary>One concrete connection inside a protocol entry, to ask the engine which rules decide it.</summary>
    public static Traffic Sample(TrafficSetEntry entry) => entry.Protocol switch
    {
        { IsAll: true } => Traffic.Tcp(0),
        { HasPorts: true } => new Traffic(entry.Protocol, entry.Ports[0].From),
        { IsIcmp: true } => entry.IcmpTypes[0] switch
        {
            { Type: -1 } => new Traffic(entry.Protocol, -1, entry.Protocol == IpProtocol.Icmp ? 8 : 128, 0),
            var t => new Traffic(entry.Protocol, -1, t.Type, Math.Max(t.Code, 0)),
        },
        _ => new Traffic(entry.Protocol),
    };

    /// <summary>A set of groups for people: <c>sg-1 (web) + sg-2 (db)</c>, or "no groups".</summary>
    internal static string GroupsLabel(ImmutableArray<string> groupIds, Dictionary<string, SecurityGroup> groups) =>
        groupIds.IsEmpty
            ? "no groups"
            : string.Join(" + ", groupIds.Select(id => groups.TryGetValue(id, out var g) ? $"{id} ({g.Name})" : id));

}
