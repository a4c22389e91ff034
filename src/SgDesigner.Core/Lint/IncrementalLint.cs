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
/// Which groups' findings can change when the groups C changed (ENIs, prefix lists, VPCs and their connections are the
/// same objects, no group was removed or moved, no added group is named by an ENI):
/// <list type="bullet">
/// <item>C itself: every per-group and per-rule check, the quotas.</item>
/// <item>N, the groups an ENI carries together with a group of C: SGD022 compares a rule with the rules of the other
/// groups on the same ENIs, and its flow lines name them.</item>
/// <item>Groups with a rule whose peer is in C or N: SGD023 reads the peer's ENIs' other direction, which the rules of
/// every group on those ENIs decide; SGD007, SGD017 and SGD021 read whether the peer exists (an added group).</item>
/// <item>Groups a rule of C referenced before or after: SGD008 counts the groups referencing an unattached group.</item>
/// </list>
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
    public static ImmutableArray<Finding> After(Estate before, ImmutableArray<Finding> previous, Estate after, ReachabilityEngine? engine = null) =>
        After(before, previous, after, engine, wholeWhenLarge: true);

    /// <param name="before">The estate <paramref name="previous"/> was found in.</param>
    /// <param name="previous">Findings of <paramref name="before"/>.</param>
    /// <param name="after">The edited estate.</param>
    /// <param name="engine">An engine for <paramref name="after"/>, or null.</param>
    /// <param name="wholeWhenLarge">False in tests, so small estates exercise the incremental path too.</param>
    internal static ImmutableArray<Finding> After(Estate before, ImmutableArray<Finding> previous, Estate after, ReachabilityEngine? engine, bool wholeWhenLarge)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (ReferenceEquals(before, after) && !previous.IsDefault)
            return previous;
        if (previous.IsDefault || EditScope.Of(before, after) is not { Narrow: true } scope)
            return Linter.Lint(after, engine);
        var affected = Affected(before, after, scope.Groups);
        // Past half the estate a whole lint costs about the same and needs no merge.
        if (wholeWhenLarge && affected.Count * 2 > after.Groups.Length)
            return Linter.Lint(after, engine);

        var fresh = Linter.Run(after, engine, affected);
        fresh.Sort(Stable(fresh));
        var kept = previous.Where(f => f.Id != LintCatalogue.DuplicateGroupName.Id && (f.EniId is not null || f.GroupId is null || !affected.Contains(f.GroupId)));
        return Merge(kept, fresh);
    }

    /// <summary>The groups whose findings can differ between the estates (see the remarks).</summary>
    internal static HashSet<string> Affected(Estate before, Estate after, IReadOnlySet<string> changed)
    {
        var affected = new HashSet<string>(changed, StringComparer.Ordinal);
        foreach (var eni in after.NetworkInterfaces)
        {
            if (!eni.GroupIds.IsDefault && eni.GroupIds.Any(changed.Contains))
                affected.UnionWith(eni.GroupIds);
        }
        var carriedAlong = affected.ToHashSet(StringComparer.Ordinal);
        foreach (var group in after.Groups)
        {
            if (!affected.Contains(group.Id) && group.Rules.Any(r => r.Peer is GroupPeer p && carriedAlong.Contains(p.GroupId)))
                affected.Add(group.Id);
        }
        foreach (var estate in new[] { before, after })
        {
            foreach (var group in estate.Groups.Where(g => changed.Contains(g.Id)))
                affected.UnionWith(group.Rules.Select(r => r.Peer).OfType<GroupPeer>().Select(p => p.GroupId));
        }
        return affected;
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
