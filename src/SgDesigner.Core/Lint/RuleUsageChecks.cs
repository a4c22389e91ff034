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
    public static readonly System.Diagnostics.Stopwatch TPre = new(), TUnused = new(), TRedundant = new(), TOneWay = new(), TMiss = new();
    public static long Pairs, Misses, Rules;
    /// <summary>How many flows a finding lists before saying how many more there are.</summary>
    internal const int MaxFlows = 10;

    /// <param name="estate">The estate.</param>
    /// <param name="engine">An engine built for <paramref name="estate"/>, whose matrix SGD023 reads, or null.</param>
    /// <param name="only">When given, only the scope's rules are checked (<see cref="IncrementalLint"/>).</param>
    public static IEnumerable<Finding> Run(Estate estate, ReachabilityEngine? engine = null, LintScope? only = null)
    {
        TPre.Start();
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
        _ = oneWay.Value;
        TPre.Stop();
        foreach (var group in estate.Groups)
        {
            if (!setsWith.TryGetValue(group.Id, out var carrying))
                continue; // SGD008 reports a group attached to nothing, once for all its rules
            foreach (var rule in group.Rules.Where(r => !RuleCoverage.MatchesNothing(r) && (only is null || only.ChecksUsage(group.Id, r.Id))))
            {
                Rules++;
                TUnused.Start();
                var u = Unused(estate, groups, attached, group, rule);
                TUnused.Stop();
                if (u is { } unused)
                {
                    findings.Add(unused);
                    continue;
                }
                TRedundant.Start();
                var rr = Redundant(estate, groups, group, rule, carrying);
                TRedundant.Stop();
                if (rr is { } redundant)
                    findings.Add(redundant);
                TOneWay.Start();
                var bb = rule.Peer is GroupPeer { AccountId: null } peer && groups.ContainsKey(peer.GroupId) ? oneWay.Value.Check(group, rule, peer.GroupId) : null;
                TOneWay.Stop();
                if (bb is { } blocked)
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
        private readonly Dictionary<(int, int, bool, TrafficSet), bool> _blocked = [];

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
            var flows = new List<string>();
            foreach (var o in own)
            {
                foreach (var p in peers)
                {
                    var (from, to) = inbound ? (p, o) : (o, p);
                    Pairs++;
                    if (from == to && _enisOf[from] < 2)
                        continue; // an ENI never connects to itself through the matrix
                    if (_classesOf[from].Count == 0 || _classesOf[to].Count == 0 || !_matrix.ReferencesMatch(_classesOf[from][0], _classesOf[to][0]) ||
                        !Blocked(from, to, inbound, traffic))
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
        private bool Blocked(int from, int to, bool inbound, TrafficSet traffic)
        {
            var key = (from, to, inbound, traffic);
            if (_blocked.TryGetValue(key, out var blocked))
                return blocked;
            Misses++;
            TMiss.Start();
            try {
            var behaviour = _matrix.Behaviours[inbound ? from : to];
            // Rules that match every ENI (0.0.0.0/0, the default egress) settle most pairs without computing a cell.
            if ((inbound ? behaviour.Out : behaviour.In) is { } side && side.Universal.Overlaps(traffic))
            {
                _blocked[key] = false;
                return false;
            }
            var fine = inbound ? behaviour.OutDependsOnAtoms : behaviour.InDependsOnAtoms;
            var fixedClass = inbound ? _classesOf[from][0] : _classesOf[to][0];
            var varying = fine ? _classesOf[inbound ? to : from] : [inbound ? _classesOf[to][0] : _classesOf[from][0]];
            blocked = varying.Exists(c =>
            {
                var set = inbound ? _matrix.Egress(fixedClass, c) : _matrix.Ingress(c, fixedClass);
                return set is not null && !set.Overlaps(traffic);
            });
            _blocked[key] = blocked;
            return blocked;
            } finally { TMiss.Stop(); }
        }

        private static string Count(int n) => n == 1 ? "1 pair of group sets" : $"{n} pairs of group sets";
    }
}
