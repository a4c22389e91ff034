using System.Collections.Immutable;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Lint;

/// <summary>
/// The findings after an edit, re-checking only the groups the edit can affect and keeping the others' findings, so a
/// designer edit at 20,000 rules costs what it touches. The result is exactly <see cref="Linter.Lint"/>'s (same findings,
/// same order); edits other than rule and group changes that <see cref="EditScope"/> calls narrow lint the whole estate.
/// </summary>
/// <remarks>
/// Which findings can change when the groups C changed (ENIs, prefix lists, VPCs and their connections are the same
/// objects, no group was removed or moved, no added group is named by an ENI):
/// <list type="bullet">
/// <item>C itself: every per-group and per-rule check, the quotas.</item>
/// <item>N, the groups an ENI carries together with a group of C: SGD022 compares a rule with the rules of the other
/// groups on the same ENIs, and the flow lines of SGD022 and SGD023 name them. A rule of N is re-checked (those two
/// checks) when it has such a finding, or when a rule of C covers it before or after the edit; nothing else of N can
/// change.</item>
/// <item>Rules elsewhere whose peer is in C or N: SGD023 reads the peer's ENIs' other direction, which the rules of
/// every group on those ENIs decide; SGD007, SGD017 and SGD021 (and so SGD022, which SGD021 pre-empts) read whether
/// the peer exists (an added group). Only those checks are re-run, for those rules only.</item>
/// <item>Groups a rule of C referenced before or after: SGD008 counts the groups referencing an unattached group.</item>
/// </list>
/// When C kept its names and VPCs (only rules changed), both of those narrow further: a rule whose peer is in N (not C) is
/// re-checked only when the edit changed the direction its SGD023 reads (the peer's other direction), and a rule of N only
/// when a rule of C covers it, since no flow line's names changed.
/// A group whose edit left its name, VPC and rules (descriptions and metadata aside) as they were, a description or tags edit,
/// reaches nothing else: it joins neither N nor the peers above, and its SGD021–SGD023 findings are kept.
/// SGD015 (duplicate names) compares names across the estate and is cheap: it is always re-run whole. Findings about
/// ENIs (SGD009, SGD016) cannot change and are kept.
/// </remarks>
public static class IncrementalLint
{
    /// <summary>
    /// The findings of <paramref name="after"/>, given <paramref name="previous"/>, the findings of
    /// <paramref name="before"/> as <see cref="Linter.Lint"/> returned them (or this method did).
    /// </summary>
    /// <param name="before">The estate <paramref name="previous"/> was found in.</param>
    /// <param name="previous">Findings of <paramref name="before"/>.</param>
    /// <param name="after">The edited estate.</param>
    /// <param name="engine">An engine built or updated for <paramref name="after"/>, whose matrix SGD023 reads, or null.</param>
    /// <param name="options">The options <paramref name="previous"/> was found with (the same "today"); none by default.</param>
    public static ImmutableArray<Finding> After(Estate before, ImmutableArray<Finding> previous, Estate after, ReachabilityEngine? engine = null, LintOptions? options = null) =>
        After(before, previous, after, engine, wholeWhenLarge: true, options);

    /// <param name="before">The estate <paramref name="previous"/> was found in.</param>
    /// <param name="previous">Findings of <paramref name="before"/>.</param>
    /// <param name="after">The edited estate.</param>
    /// <param name="engine">An engine for <paramref name="after"/>, or null.</param>
    /// <param name="wholeWhenLarge">False in tests, so small estates exercise the incremental path too.</param>
    /// <param name="options">The options of <paramref name="previous"/>.</param>
    internal static ImmutableArray<Finding> After(Estate before, ImmutableArray<Finding> previous, Estate after, ReachabilityEngine? engine, bool wholeWhenLarge, LintOptions? options = null)
    {
        options ??= LintOptions.None;
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (ReferenceEquals(before, after) && !previous.IsDefault)
            return previous;
        if (previous.IsDefault || EditScope.Of(before, after) is not { Narrow: true } scope)
            return Linter.Lint(after, engine, options);
        var only = Scope(before, previous, after, scope.Groups);
        // Past half the estate a whole lint costs about the same and needs no merge.
        if (wholeWhenLarge && only.Groups.Count * 2 > after.Groups.Length)
            return Linter.Lint(after, engine, options);

        var fresh = Linter.Run(after, engine, only, options);
        fresh.Sort(Stable(fresh));
        return Merge(previous.Where(f => !only.Rechecks(f)), fresh);
    }

    /// <summary>What to re-check after the groups <paramref name="changed"/> changed (see the remarks).</summary>
    internal static LintScope Scope(Estate before, ImmutableArray<Finding> previous, Estate after, IReadOnlySet<string> changed)
    {
        // A description or tags edit is seen by the group's own checks only (SGD019); the others read names and rules.
        var old = before.Groups.Where(g => changed.Contains(g.Id)).ToDictionary(g => g.Id, StringComparer.Ordinal);
        var reaching = after.Groups.Where(g => changed.Contains(g.Id) && !(old.TryGetValue(g.Id, out var was) && SameForOthers(was, g)))
            .Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var carriedAlong = new HashSet<string>(reaching, StringComparer.Ordinal);
        foreach (var eni in after.NetworkInterfaces)
        {
            if (!eni.GroupIds.IsDefault && eni.GroupIds.Any(reaching.Contains))
                carriedAlong.UnionWith(eni.GroupIds);
        }
        var groups = new HashSet<string>(changed, StringComparer.Ordinal);
        var reachingRules = new List<Rule>();
        foreach (var estate in new[] { before, after })
        {
            foreach (var group in estate.Groups.Where(g => reaching.Contains(g.Id)))
            {
                reachingRules.AddRange(group.Rules.Where(r => !RuleCoverage.MatchesNothing(r)));
                // SGD008 counts the groups referencing an unattached group.
                groups.UnionWith(group.Rules.Select(r => r.Peer).OfType<GroupPeer>().Select(p => p.GroupId));
            }
        }
        // When the reaching groups kept their names and VPCs (only rules changed), what a rule elsewhere can see change is
        // SGD023 of a rule whose peer group shares ENIs with them: that reads the peer's ENIs' other direction, so it
        // changes only when the edit changed rules of that direction. Nor can a finding's flow lines change: they name
        // groups. A rename, a move to another VPC or a new group keeps the wide scope.
        var renamedOrNew = after.Groups.Any(g => reaching.Contains(g.Id) && !(old.TryGetValue(g.Id, out var was) && was.Name == g.Name && was.VpcId == g.VpcId));
        var changedSides = renamedOrNew ? [] : ChangedDirections(old, after.Groups.Where(g => reaching.Contains(g.Id)));
        bool PeerSideChanged(Rule rule, string peer) =>
            reaching.Contains(peer) || carriedAlong.Contains(peer) && (renamedOrNew || changedSides.Contains(rule.Direction == Direction.Inbound ? Direction.Outbound : Direction.Inbound));
        var usageFound = !renamedOrNew ? [] : previous.Where(f => f.RuleId is not null && f.GroupId is not null && (f.Id == LintCatalogue.RedundantRule.Id || f.Id == LintCatalogue.OneWayRule.Id))
            .Select(f => (f.GroupId!, f.RuleId!)).ToHashSet();
        // Asked for every rule of every neighbour (a widely carried group has hundreds): the rules before and after the edit
        // are mostly the same ones, and only a rule of the same direction can cover.
        var covering = reachingRules.Distinct().ToLookup(r => r.Direction);
        var rules = new HashSet<(string, string)>();
        foreach (var group in after.Groups.Where(g => !reaching.Contains(g.Id)))
        {
            var neighbour = carriedAlong.Contains(group.Id);
            foreach (var rule in group.Rules)
            {
                // A neighbour's rule: SGD022 reads the reaching groups' rules only where one of them covers it, and the
                // flow lines of SGD022 and SGD023 name them only where there is a finding.
                if (rule.Peer is GroupPeer p && PeerSideChanged(rule, p.GroupId) ||
                    neighbour && (usageFound.Contains((group.Id, rule.Id)) || covering[rule.Direction].Any(other => Covers(after, other, rule))))
                    rules.Add((group.Id, rule.Id));
            }
        }
        return new LintScope(groups, reaching, rules);
    }

    /// <summary>The directions in which <paramref name="edited"/> groups' rules differ from <paramref name="old"/>'s, descriptions aside.</summary>
    private static HashSet<Direction> ChangedDirections(Dictionary<string, SecurityGroup> old, IEnumerable<SecurityGroup> edited)
    {
        var sides = new HashSet<Direction>();
        foreach (var group in edited)
        {
            var before = old[group.Id].Rules;
            foreach (var direction in new[] { Direction.Inbound, Direction.Outbound })
            {
                if (!before.Where(r => r.Direction == direction).SequenceEqual(group.Rules.Where(r => r.Direction == direction), RuleIgnoringDescription.Instance))
                    sides.Add(direction);
            }
        }
        return sides;
    }

    /// <summary>SGD022's cover: <paramref name="other"/> admits all that <paramref name="rule"/> does.</summary>
    private static bool Covers(Estate estate, Rule other, Rule rule) => other.Direction == rule.Direction &&
        RuleCoverage.TrafficContains(other, rule) && RuleCoverage.PeerContains(estate, other.Peer, rule.Peer);

    /// <summary>Equal in everything another group's findings read: name, VPC and rules but for their descriptions.</summary>
    private static bool SameForOthers(SecurityGroup before, SecurityGroup after) =>
        before.Name == after.Name && before.VpcId == after.VpcId && (before.Rules == after.Rules || before.Rules.SequenceEqual(after.Rules, RuleIgnoringDescription.Instance));

    private sealed class RuleIgnoringDescription : IEqualityComparer<Rule>
    {
        public static RuleIgnoringDescription Instance { get; } = new();

        public bool Equals(Rule? x, Rule? y) => ReferenceEquals(x, y) || x is not null && y is not null && x == y with { Description = x.Description, Metadata = x.Metadata };

        public int GetHashCode(Rule obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }

    // List.Sort is not stable: ties (a group over its quota both ways) are broken by the order the checks produced them.
    private static Comparison<Finding> Stable(List<Finding> findings)
    {
        var position = new Dictionary<Finding, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < findings.Count; i++)
            position[findings[i]] = i;
        return (x, y) => FindingOrder.Instance.Compare(x, y) is var order && order != 0 ? order : position[x].CompareTo(position[y]);
    }

    private static ImmutableArray<Finding> Merge(IEnumerable<Finding> kept, List<Finding> fresh)
    {
        var result = ImmutableArray.CreateBuilder<Finding>();
        var next = 0;
        foreach (var finding in kept)
        {
            while (next < fresh.Count && FindingOrder.Instance.Compare(fresh[next], finding) < 0)
                result.Add(fresh[next++]);
            result.Add(finding);
        }
        while (next < fresh.Count)
            result.Add(fresh[next++]);
        return result.ToImmutable();
    }
}
