using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Lint;

/// <summary>
/// SGD021, SGD022, SGD023: what rules of attached groups do with the estate's ENIs. Worked per set of groups ENIs carry
/// together and per matrix class, never per rule and ENI pair, so the linter stays fast on large estates; the exact
/// flows of one rule are <see cref="Insight.RuleInsight"/>'s.
/// </summary>
internal static class RuleUsageChecks
{
    /// <summary>How many flows a finding lists before saying how many more there are.</summary>
    internal const int MaxFlows = 10;

    /// <param name="estate">The estate.</param>
    /// <param name="engine">An engine built for <paramref name="estate"/>, whose matrix SGD023 reads, or null.</param>
    /// <param name="only">When given, only the scope's rules are checked (<see cref="IncrementalLint"/>).</param>
    public static IEnumerable<Finding> Run(Estate estate, ReachabilityEngine? engine = null, LintScope? only = null)
    {
        var groups = ById.First(estate.Groups, g => g.Id);
        // The distinct sets of existing groups ENIs carry, per group.
        var sets = estate.NetworkInterfaces
            .Select(e => e.GroupIds.Where(groups.ContainsKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray())
            .Where(s => !s.IsEmpty)
            .DistinctBy(s => string.Join(' ', s))
            .ToList();
        var setsWith = sets.SelectMany(s => s.Select(g => (Group: g, Set: s))).GroupBy(x => x.Group, x => x.Set)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var attached = estate.NetworkInterfaces.SelectMany(e => e.GroupIds).ToHashSet(StringComparer.Ordinal);
        var findings = new List<Finding>();
        var oneWay = new Lazy<OneWay>(() => new OneWay((engine ?? ReachabilityEngine.Build(estate)).Matrix(), groups));
        foreach (var group in estate.Groups)
        {
            if (!setsWith.TryGetValue(group.Id, out var carrying))
                continue; // SGD008 reports a group attached to nothing, once for all its rules
            foreach (var rule in group.Rules.Where(r => !RuleCoverage.MatchesNothing(r) && (only is null || only.ChecksUsage(group.Id, r.Id))))
            {
                if (Unused(estate, groups, attached, group, rule) is { } unused)
                {
                    findings.Add(unused);
                    continue;
                }
                if (Redundant(estate, groups, group, rule, carrying) is { } redundant)
                    findings.Add(redundant);
                if (rule.Peer is GroupPeer { AccountId: null } peer && groups.ContainsKey(peer.GroupId) && oneWay.Value.Check(group, rule, peer.GroupId) is { } blocked)
                    findings.Add(blocked);
            }
        }
        return findings;
    }

    private static Finding? Unused(Estate estate, Dictionary<string, SecurityGroup> groups, HashSet<string> attached, SecurityGroup group, Rule rule)
    {
        var why = rule.Peer switch
        {
            GroupPeer { AccountId: null } g when !attached.Contains(g.GroupId) && groups.ContainsKey(g.GroupId) =>
                $"no network interface carries {g.GroupId}",
            PrefixListPeer p when estate.PrefixLists.FirstOrDefault(l => l.Id == p.PrefixListId) is { Entries.IsDefaultOrEmpty: true } =>
                $"prefix list {p.PrefixListId} has no entries",
            _ => null,
        };
        return why is null ? null : LintCatalogue.UnusedRule.Report(group.Id, rule.Id,
            $"{Describe.Group(group)} {Describe.Direction(rule.Direction)} rule {rule.Id} ({rule.TrafficText} {rule.Peer}) allows nothing: {why}");
    }

    /// <summary>Covered, on every set of groups carrying <paramref name="group"/>, by a rule of another group of the set.</summary>
    private static Finding? Redundant(Estate estate, Dictionary<string, SecurityGroup> groups, SecurityGroup group, Rule rule,
        List<ImmutableArray<string>> carrying)
    {
        bool Covers(Rule other) => other.Direction == rule.Direction && !RuleCoverage.MatchesNothing(other) &&
            RuleCoverage.TrafficContains(other, rule) && RuleCoverage.PeerContains(estate, other.Peer, rule.Peer);
        // Covered inside its own group: SGD005 or SGD006 says so already.
        if (group.Rules.Any(other => !ReferenceEquals(other, rule) && Covers(other)))
            return null;
        var flows = new List<string>();
        foreach (var set in carrying)
        {
            var cover = set.Where(id => id != group.Id).Select(id => groups[id])
                .SelectMany(g => g.Rules.Where(Covers).Select(r => (Group: g, Rule: r))).FirstOrDefault();
            if (cover.Rule is null)
                return null;
            var carriers = Label(set, groups);
            var line = rule.Direction == Direction.Inbound ? $"{rule.Peer} → {carriers}" : $"{carriers} → {rule.Peer}";
            flows.Add($"{line}: {rule.TrafficText}, also allowed by {cover.Group.Id} rule {cover.Rule.Id} ({cover.Rule.TrafficText} {cover.Rule.Peer})");
        }
        return LintCatalogue.RedundantRule.Report(group.Id, rule.Id,
            $"{Describe.Group(group)} {Describe.Direction(rule.Direction)} rule {rule.Id} ({rule.TrafficText} {rule.Peer}) is redundant: " +
            $"on every network interface carrying {group.Id}, another group's rule allows the same") with { Flows = Capped(flows) };
    }

    internal static string Label(IEnumerable<string> groupIds, Dictionary<string, SecurityGroup> groups) =>
        string.Join(" + ", groupIds.Select(id => groups.TryGetValue(id, out var g) ? $"{id} ({g.Name})" : id));

    internal static ImmutableArray<string> Capped(List<string> flows) =>
        flows.Count <= MaxFlows ? [.. flows] : [.. flows.Take(MaxFlows - 1), $"… and {flows.Count - (MaxFlows - 1)} more"];

    /// <summary>
    /// SGD023 over the matrix, per pair of behaviours (ENIs alike in VPC, family and groups): the sender's egress depends on
    /// the receiver's class only when the sender has distinguishing CIDR rules, and the receiver's ingress likewise.
    /// </summary>
    private sealed class OneWay
    {
        private readonly ReachabilityMatrix _matrix;
        private readonly Dictionary<string, SecurityGroup> _groups;
        private readonly List<int>[] _classesOf;
        private readonly int[] _enisOf;
        // Keyed by the traffic's number in _traffics: hashing a traffic set once per rule, not once per pair of behaviours.
        private readonly Dictionary<(int, int, bool, int), bool> _blocked = [];
        private readonly Dictionary<TrafficSet, int> _traffics = [];

        public OneWay(ReachabilityMatrix matrix, Dictionary<string, SecurityGroup> groups)
        {
            _matrix = matrix;
            _groups = groups;
            _classesOf = [.. _matrix.Behaviours.Select(_ => new List<int>())];
            _enisOf = new int[_matrix.Behaviours.Length];
            foreach (var (info, index) in _matrix.ClassInfos.Select((c, i) => (c, i)))
            {
                _classesOf[info.Behaviour].Add(index);
                _enisOf[info.Behaviour] += info.EniIds.Count;
            }
        }

        public Finding? Check(SecurityGroup group, Rule rule, string peerGroupId)
        {
            if (!_matrix.BehavioursWithGroup.TryGetValue(group.Id, out var own) || !_matrix.BehavioursWithGroup.TryGetValue(peerGroupId, out var peers))
                return null;
            var inbound = rule.Direction == Direction.Inbound;
            var traffic = TrafficSet.Of(rule);
            if (!_traffics.TryGetValue(traffic, out var trafficKey))
                _traffics[traffic] = trafficKey = _traffics.Count;
            // The peer's side (the senders' egress for an inbound rule, the receivers' ingress for an outbound one) is what
            // blocks; where rules matching every ENI let the traffic through, no pair with that behaviour is blocked. Asked
            // once per peer behaviour, not per pair: a widely carried group is on hundreds of behaviours.
            var blocking = peers.Where(p => _classesOf[p].Count > 0 && !(PeerSide(p, inbound) is { } side && side.Universal.Overlaps(traffic))).ToList();
            var flows = new List<string>();
            foreach (var o in own)
            {
                if (_classesOf[o].Count == 0)
                    continue;
                foreach (var p in blocking)
                {
                    var (from, to) = inbound ? (p, o) : (o, p);
                    if (from == to && _enisOf[from] < 2)
                        continue; // an ENI never connects to itself through the matrix
                    if (!_matrix.ReferencesMatch(_classesOf[from][0], _classesOf[to][0]) || !Blocked(from, to, inbound, traffic, trafficKey))
                        continue;
                    // Labels cost more than the check: only the lines shown are written.
                    flows.Add(flows.Count >= MaxFlows ? "" : $"{Label(_matrix.Behaviours[from].Groups.Select(g => g.Group.Id), _groups)} → {Label(_matrix.Behaviours[to].Groups.Select(g => g.Group.Id), _groups)}: {rule.TrafficText}");
                }
            }
            if (flows.Count == 0)
                return null;
            var other = inbound ? "outbound" : "inbound";
            var side = inbound ? $"the senders' ({peerGroupId}) outbound rules never let it leave" : $"the receivers' ({peerGroupId}) inbound rules never admit it";
            return LintCatalogue.OneWayRule.Report(group.Id, rule.Id,
                $"{Describe.Group(group)} {Describe.Direction(rule.Direction)} rule {rule.Id} ({rule.TrafficText} {rule.Peer}) has no matching {other} rule: " +
                $"for {Count(flows.Count)} {side}") with { Flows = Capped(flows) };
        }

        // The other side of the rule's traffic: the sender's egress for an inbound rule, the receiver's ingress for an
        // outbound one. Blocked when, for some class of the side that the other side's CIDR rules tell apart, none of it passes.
        // The peer's rules of the direction that can block the traffic: its egress when the rule is inbound, else its ingress.
        private SideRules? PeerSide(int peer, bool inbound) => inbound ? _matrix.Behaviours[peer].Out : _matrix.Behaviours[peer].In;

        private bool Blocked(int from, int to, bool inbound, TrafficSet traffic, int trafficKey)
        {
            var key = (from, to, inbound, trafficKey);
            if (_blocked.TryGetValue(key, out var blocked))
                return blocked;
            var behaviour = _matrix.Behaviours[inbound ? from : to];
            // Rules that match every ENI (0.0.0.0/0, the default egress) were settled for the whole peer behaviour in Check.
            var fine = inbound ? behaviour.OutDependsOnAtoms : behaviour.InDependsOnAtoms;
            var fixedClass = inbound ? _classesOf[from][0] : _classesOf[to][0];
            var varying = fine ? _classesOf[inbound ? to : from] : [inbound ? _classesOf[to][0] : _classesOf[from][0]];
            blocked = varying.Exists(c => inbound ? _matrix.EgressMisses(fixedClass, c, traffic) : _matrix.IngressMisses(c, fixedClass, traffic));
            _blocked[key] = blocked;
            return blocked;
        }

        private static string Count(int n) => n == 1 ? "1 pair of group sets" : $"{n} pairs of group sets";
    }
}
