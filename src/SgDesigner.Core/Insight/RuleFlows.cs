using System.Collections.Immutable;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Insight;

/// <summary>
/// Computes a <see cref="RuleInsight"/> from three views of the estate: as it is, without the rule, and "alone", where
/// on the rule's side (inbound for an inbound rule) the ENIs carrying its group have this rule only: the groups they
/// carry lose their other rules of that direction. A cell of "alone" towards (or from) those ENIs is exactly what the
/// rule allows with the other side's rules applied; the part of it the estate without the rule still allows is what
/// other rules allow too, the rest only this rule. ENIs in the same class in both views are compared once.
/// </summary>
internal static class RuleFlows
{
    public static RuleInsight Compute(ReachabilityEngine engine, RuleRef target, CancellationToken ct)
    {
        var estate = engine.Estate;
        var group = estate.FindGroup(target.GroupId)!;
        var rule = target.Rule;
        var direction = rule.Direction;
        var carriers = estate.NetworkInterfaces.Where(e => e.GroupIds.Contains(group.Id)).ToList();
        if (carriers.Count == 0)
            return new RuleInsight(target, [], [], $"no network interface carries {group.Id}");

        var without = estate.WithGroup(group with { Rules = [.. group.Rules.Where(r => !ReferenceEquals(r, rule))] });
        var withoutEngine = engine.Update(without);
        var aloneEngine = engine.Update(Alone(estate, group, rule, carriers));
        ct.ThrowIfCancellationRequested();

        var lists = new Lists();
        EniPairs(estate, withoutEngine, aloneEngine, group.Id, direction, lists, ct);
        Outside(estate, without, withoutEngine, group, rule, carriers, lists);
        var only = lists.Only.Build();
        var also = lists.Also.Build();
        string? nothing = null;
        if (only.IsEmpty && also.IsEmpty)
        {
            nothing = PeerExists(estate, rule)
                ? $"the {(direction == Direction.Inbound ? "senders' outbound" : "receivers' inbound")} rules never let the connection through"
                : $"its peer {rule.Peer} matches no network interface and no outside address";
        }
        return new RuleInsight(target, only, also, nothing);
    }

    /// <summary>The estate where the carriers' groups keep, in the rule's direction, this rule only.</summary>
    private static Estate Alone(Estate estate, SecurityGroup group, Rule rule, List<NetworkInterface> carriers)
    {
        var coAttached = carriers.SelectMany(e => e.GroupIds).ToHashSet(StringComparer.Ordinal);
        var groups = estate.Groups.Select(g =>
            g.Id == group.Id ? g with { Rules = [.. g.Rules.Where(r => r.Direction != rule.Direction || ReferenceEquals(r, rule))] }
            : coAttached.Contains(g.Id) ? g with { Rules = [.. g.Rules.Where(r => r.Direction != rule.Direction)] }
            : g);
        return estate with { Groups = [.. groups] };
    }

    private sealed record Joint(int Without, int Alone, List<string> EniIds);

    private static void EniPairs(Estate estate, ReachabilityEngine withoutEngine, ReachabilityEngine aloneEngine, string groupId,
        Direction direction, Lists lists, CancellationToken ct)
    {
        var withoutMatrix = withoutEngine.Matrix();
        var aloneMatrix = aloneEngine.Matrix();
        var aloneClass = aloneMatrix.Enis.ToDictionary(e => e.EniId, e => e.Class, StringComparer.Ordinal);
        var joint = new Dictionary<(int, int), Joint>();
        foreach (var eni in withoutMatrix.Enis)
        {
            var key = (eni.Class, aloneClass[eni.EniId]);
            if (!joint.TryGetValue(key, out var j))
                joint[key] = j = new Joint(key.Item1, key.Item2, []);
            j.EniIds.Add(eni.EniId);
        }
        var all = joint.Values.ToList();
        var enis = ById.First(estate.NetworkInterfaces, e => e.Id);
        var groups = ById.First(estate.Groups, g => g.Id);
        var carrying = all.Where(j => enis[j.EniIds[0]].GroupIds.Contains(groupId)).ToList();
        var parties = new Dictionary<Joint, FlowParty>(ReferenceEqualityComparer.Instance);
        FlowParty Party(Joint j)
        {
            if (!parties.TryGetValue(j, out var p))
            {
                var ids = withoutMatrix.Classes[j.Without].GroupIds;
                parties[j] = p = new FlowParty(DiffContext.GroupsLabel(ids, groups), ids, ids, [.. j.EniIds.Take(3)], j.EniIds.Count, null);
            }
            return p;
        }

        foreach (var fixedSide in carrying)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var other in all)
            {
                var (from, to) = direction == Direction.Inbound ? (other, fixedSide) : (fixedSide, other);
                // The matrix speaks of distinct ENIs: a class has no pair with its only ENI.
                long pairs = (long)from.EniIds.Count * to.EniIds.Count - (ReferenceEquals(from, to) ? to.EniIds.Count : 0);
                if (pairs == 0)
                    continue;
                var allowed = aloneMatrix.Allowed(from.Alone, to.Alone);
                if (allowed.IsEmpty)
                    continue;
                var still = withoutMatrix.Allowed(from.Without, to.Without);
                var sender = from.EniIds[0];
                var receiver = ReferenceEquals(from, to) ? from.EniIds[1] : to.EniIds[0];
                lists.Add(Party(from), Party(to), pairs, allowed, still, set => Others(withoutEngine, sender, receiver, set, direction, enis));
            }
        }
    }

    /// <summary>
    /// Flows between the carriers and the outside: only the carriers' own rules apply there, and their subnet's network
    /// ACL both ways (the space is cut at the ACL rules' blocks too, so one sample decides a region for both layers).
    /// </summary>
    private static void Outside(Estate estate, Estate without, ReachabilityEngine withoutEngine, SecurityGroup group, Rule rule,
        List<NetworkInterface> carriers, Lists lists)
    {
        if (rule.Peer is GroupPeer)
            return; // a group reference never matches outside addresses
        var matrix = withoutEngine.Matrix(); // the rule's removal changes no ACL: its ACL layer is the estate's
        var space = new OutsideSpace(estate, estate, OutsideFlows.AclBlocks(matrix, estate));
        var withoutGroups = ById.First(without.Groups, g => g.Id);
        var ruleOnly = new Dictionary<string, SecurityGroup>(StringComparer.Ordinal) { [group.Id] = group with { Rules = [rule] } };
        var groups = ById.First(estate.Groups, g => g.Id);
        // Carriers with the same groups, primary-address family and ACL profile see the outside alike.
        foreach (var alike in carriers.Where(e => e.PrimaryIp is not null)
                     .GroupBy(e => (string.Join(' ', e.GroupIds.Order(StringComparer.Ordinal)), e.PrimaryIp!.Value.Family, matrix.Acl?.ProfileOf(e.Id))))
        {
            var eni = alike.First();
            var family = alike.Key.Family;
            var nodes = space.Nodes(family);
            var mine = OutsideFlows.WithAcls(matrix, eni, nodes, space.Allowed(estate, ruleOnly, eni with { GroupIds = [group.Id] }, family, rule.Direction), rule.Direction);
            var still = OutsideFlows.WithAcls(matrix, eni, nodes, space.Allowed(without, withoutGroups, eni, family, rule.Direction), rule.Direction);
            var ids = eni.GroupIds.Where(groups.ContainsKey).Order(StringComparer.Ordinal).ToImmutableArray();
            var party = new FlowParty(DiffContext.GroupsLabel(ids, groups), ids, ids, [.. alike.Take(3).Select(e => e.Id)], alike.Count(), null);
            var regions = new Dictionary<(TrafficSet, TrafficSet), HashSet<OutsideNode>>();
            var order = new List<(TrafficSet, TrafficSet)>();
            foreach (var node in nodes.Where(n => n.HasRegion && !mine[n.Order].IsEmpty))
            {
                var key = (mine[node.Order].Except(still[node.Order]), mine[node.Order].Intersect(still[node.Order]));
                if (!regions.TryGetValue(key, out var set))
                {
                    regions[key] = set = [];
                    order.Add(key);
                }
                set.Add(node);
            }
            foreach (var key in order)
            {
                var set = regions[key];
                var (label, block) = space.Describe(set);
                var outside = new FlowParty(label, [], [], [], 0, block);
                var sample = set.MinBy(n => n.Order)!.Sample!.Value;
                var (from, to) = rule.Direction == Direction.Inbound ? (outside, party) : (party, outside);
                Func<TrafficSet, ImmutableArray<RuleRef>> others = traffic =>
                {
                    var endpoint = DiffContext.EndpointOf(ById.First(without.NetworkInterfaces, e => e.Id), eni.Id);
                    if (endpoint is null)
                        return [];
                    var external = new ExternalEndpointIp(sample);
                    var verdict = rule.Direction == Direction.Inbound
                        ? withoutEngine.Query(external, endpoint, DiffContext.Sample(traffic.Entries.First()))
                        : withoutEngine.Query(endpoint, external, DiffContext.Sample(traffic.Entries.First()));
                    return rule.Direction == Direction.Inbound ? verdict.Ingress : verdict.Egress;
                };
                lists.Add(from, to, alike.Count(), key.Item1.Union(key.Item2), still[set.First().Order], others);
            }
        }
    }

    /// <summary>The estate-without-the-rule's rules on the rule's side that allow a sample of <paramref name="set"/>.</summary>
    private static ImmutableArray<RuleRef> Others(ReachabilityEngine withoutEngine, string sender, string receiver, TrafficSet set,
        Direction direction, Dictionary<string, NetworkInterface> enis)
    {
        var from = DiffContext.EndpointOf(enis, sender);
        var to = DiffContext.EndpointOf(enis, receiver);
        if (from is null || to is null)
            return [];
        var verdict = withoutEngine.Query(from, to, DiffContext.Sample(set.Entries.First()));
        return direction == Direction.Inbound ? verdict.Ingress : verdict.Egress;
    }

    /// <summary>False when the rule's peer can match nothing: a group no ENI carries, a stale reference, an empty list.</summary>
    internal static bool PeerExists(Estate estate, Rule rule) => rule.Peer switch
    {
        _ when RuleCoverage.MatchesNothing(rule) => false,
        GroupPeer { AccountId: not null } => true, // another account's ENIs: outside this estate, not known to be absent
        GroupPeer g => estate.NetworkInterfaces.Any(e => e.GroupIds.Contains(g.GroupId)),
        PrefixListPeer p => estate.PrefixLists.FirstOrDefault(l => l.Id == p.PrefixListId) is { Entries.IsDefaultOrEmpty: false },
        _ => true,
    };

    /// <summary>Both lists, merged like the diff's lines: same labels and same traffic make one line.</summary>
    private sealed class Lists
    {
        public Merger Only { get; } = new(withOthers: false);
        public Merger Also { get; } = new(withOthers: true);

        public void Add(FlowParty from, FlowParty to, long pairs, TrafficSet allowed, TrafficSet still, Func<TrafficSet, ImmutableArray<RuleRef>> others)
        {
            var only = allowed.Except(still);
            var also = allowed.Intersect(still);
            if (!only.IsEmpty)
                Only.Add(from, to, pairs, only, others);
            if (!also.IsEmpty)
                Also.Add(from, to, pairs, also, others);
        }
    }

    private sealed class Merger(bool withOthers)
    {
        private readonly Dictionary<(string, string, TrafficSet), Line> _lines = [];

        public void Add(FlowParty from, FlowParty to, long pairs, TrafficSet traffic, Func<TrafficSet, ImmutableArray<RuleRef>> others)
        {
            var key = (from.Label, to.Label, traffic);
            if (!_lines.TryGetValue(key, out var line))
                _lines[key] = line = new Line(others);
            line.Pairs += pairs;
            line.From.Add(from);
            line.To.Add(to);
        }

        public ImmutableArray<RuleFlow> Build() =>
        [
            .. _lines.Select(kv => new RuleFlow(Side(kv.Value.From), Side(kv.Value.To), kv.Value.Pairs, kv.Key.Item3,
                    withOthers ? kv.Value.Others(kv.Key.Item3) : []))
                .OrderBy(f => f.From.Label, StringComparer.Ordinal)
                .ThenBy(f => f.To.Label, StringComparer.Ordinal)
                .ThenBy(f => f.Traffic.ToString(), StringComparer.Ordinal),
        ];

        // Parties of one line share a label; each stands for its own ENIs (classes never share an ENI).
        private static FlowParty Side(List<FlowParty> parties)
        {
            var first = parties[0];
            if (first.Outside is not null || parties.Count == 1)
                return first;
            var distinct = parties.Distinct(ReferenceEqualityComparer.Instance).Cast<FlowParty>().ToList();
            return first with
            {
                EniCount = distinct.Sum(p => p.EniCount),
                SampleEniIds = [.. distinct.SelectMany(p => p.SampleEniIds).Take(3)],
            };
        }

        private sealed class Line(Func<TrafficSet, ImmutableArray<RuleRef>> others)
        {
            public Func<TrafficSet, ImmutableArray<RuleRef>> Others { get; } = others;
            public long Pairs { get; set; }
            public List<FlowParty> From { get; } = [];
            public List<FlowParty> To { get; } = [];
        }
    }
}
