using System.Collections.Immutable;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Diff;

/// <summary>A rule kept under the same id whose content changed.</summary>
/// <param name="Before">The rule in the old estate.</param>
/// <param name="After">The rule in the new estate.</param>
public sealed record RuleChange(Rule Before, Rule After)
{
    /// <summary>False when only the description or the metadata changed, so no traffic is affected.</summary>
    public bool AffectsTraffic => !RuleCoverage.SameTraffic(Before, After);
}

/// <summary>What changed among one group's rules. A group that was added lists all its rules as added; a removed one as removed.</summary>
/// <param name="GroupId">The group's id.</param>
/// <param name="GroupName">Its name (the new one when it was renamed).</param>
/// <param name="Added">Rules only the new estate has.</param>
/// <param name="Removed">Rules only the old estate has.</param>
/// <param name="Changed">Rules with the same id and different content.</param>
public sealed record GroupRuleDiff(
    string GroupId,
    string GroupName,
    ImmutableArray<Rule> Added,
    ImmutableArray<Rule> Removed,
    ImmutableArray<RuleChange> Changed);

/// <summary>A group that kept its id but changed its name.</summary>
/// <param name="GroupId">The id.</param>
/// <param name="OldName">The name before.</param>
/// <param name="NewName">The name after.</param>
public sealed record GroupRename(string GroupId, string OldName, string NewName);

/// <summary>The rule-by-rule difference between two estates, per group.</summary>
/// <param name="GroupsAdded">Groups only the new estate has.</param>
/// <param name="GroupsRemoved">Groups only the old estate has.</param>
/// <param name="GroupsRenamed">Groups whose name changed.</param>
/// <param name="Groups">Per group with any rule change, ordered by group id.</param>
public sealed record RuleDiff(
    ImmutableArray<SecurityGroup> GroupsAdded,
    ImmutableArray<SecurityGroup> GroupsRemoved,
    ImmutableArray<GroupRename> GroupsRenamed,
    ImmutableArray<GroupRuleDiff> Groups)
{
    /// <summary>True when nothing changed.</summary>
    public bool IsEmpty => GroupsAdded.IsEmpty && GroupsRemoved.IsEmpty && GroupsRenamed.IsEmpty && Groups.IsEmpty;

    /// <summary>
    /// Compares the groups of two estates. Rules are matched by id (<see cref="Rule.Id"/> is stable across revisions);
    /// a rule that disappeared under one id and reappeared with identical traffic and peer under another (as happens
    /// when a re-import assigns new ids) is matched by content instead, and counts as changed only if its description or metadata did.
    /// </summary>
    public static RuleDiff Compare(Estate before, Estate after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var oldGroups = ById.First(before.Groups, g => g.Id);
        var newGroups = ById.First(after.Groups, g => g.Id);

        var added = after.Groups.Where(g => !oldGroups.ContainsKey(g.Id)).OrderBy(g => g.Id, StringComparer.Ordinal).ToImmutableArray();
        var removed = before.Groups.Where(g => !newGroups.ContainsKey(g.Id)).OrderBy(g => g.Id, StringComparer.Ordinal).ToImmutableArray();
        var renamed = after.Groups
            .Where(g => oldGroups.TryGetValue(g.Id, out var old) && old.Name != g.Name)
            .OrderBy(g => g.Id, StringComparer.Ordinal)
            .Select(g => new GroupRename(g.Id, oldGroups[g.Id].Name, g.Name))
            .ToImmutableArray();

        var ids = oldGroups.Keys.Union(newGroups.Keys).Order(StringComparer.Ordinal);
        var groups = ids
            .Select(id => CompareGroup(oldGroups.GetValueOrDefault(id), newGroups.GetValueOrDefault(id)))
            .Where(d => d is not null)
            .Select(d => d!)
            .ToImmutableArray();
        return new RuleDiff(added, removed, renamed, groups);
    }

    private static GroupRuleDiff? CompareGroup(SecurityGroup? before, SecurityGroup? after)
    {
        var oldRules = before?.Rules ?? [];
        var newRules = after?.Rules ?? [];
        var oldById = ById.First(oldRules, r => r.Id);
        var newById = ById.First(newRules, r => r.Id);
        // Only the first holder of an id is matched by id; any later holder counts as added or removed.
        static bool MatchedById(Rule r, Dictionary<string, Rule> own, Dictionary<string, Rule> other) =>
            ReferenceEquals(own[r.Id], r) && other.ContainsKey(r.Id);

        var changed = newRules
            .Where(r => MatchedById(r, newById, oldById) && oldById[r.Id] != r)
            .Select(r => new RuleChange(oldById[r.Id], r))
            .ToList();
        var addedRules = newRules.Where(r => !MatchedById(r, newById, oldById)).ToList();
        var removedRules = oldRules.Where(r => !MatchedById(r, oldById, newById)).ToList();

        foreach (var rule in addedRules.ToList())
        {
            var twin = removedRules.FirstOrDefault(old => RuleCoverage.SameTraffic(old, rule));
            if (twin is null)
                continue;
            addedRules.Remove(rule);
            removedRules.Remove(twin);
            if (twin.Description != rule.Description || twin.Metadata != rule.Metadata)
                changed.Add(new RuleChange(twin, rule));
        }

        if (addedRules.Count == 0 && removedRules.Count == 0 && changed.Count == 0)
            return null;
        var group = (after ?? before)!;
        return new GroupRuleDiff(group.Id, group.Name, [.. addedRules], [.. removedRules], [.. changed]);
    }
}
