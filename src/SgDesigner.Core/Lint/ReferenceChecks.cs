using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>
/// SGD007, SGD008, SGD016, SGD017: references between groups, prefix lists and ENIs that lead nowhere
/// (a stale group reference matches nothing, semantics.md "Matching one rule").
/// </summary>
internal static class ReferenceChecks
{
    /// <param name="estate">The estate.</param>
    /// <param name="only">
    /// When given, only the scope's groups and rules are checked, and ENIs not at all (<see cref="IncrementalLint"/>).
    /// </param>
    public static IEnumerable<Finding> Run(Estate estate, LintScope? only = null)
    {
        var groupsById = ById.First(estate.Groups, g => g.Id);
        var referencing = estate.VpcConnections.Where(c => c.GroupReferencing)
            .SelectMany(c => new[] { (c.VpcA, c.VpcB), (c.VpcB, c.VpcA) })
            .ToHashSet();
        var prefixListIds = estate.PrefixLists.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var attached = estate.NetworkInterfaces.SelectMany(e => e.GroupIds).ToHashSet(StringComparer.Ordinal);
        // How many other groups reference each group, counted once up front (estates can hold thousands of groups).
        var referencedBy = estate.Groups
            .SelectMany(g => g.Rules.Select(r => r.Peer).OfType<GroupPeer>().Where(p => p.GroupId != g.Id && (only is null || only.Groups.Contains(p.GroupId)))
                .Select(p => (p.GroupId, g.Id)).Distinct())
            .GroupBy(x => x.GroupId)
            .ToDictionary(x => x.Key, x => x.Count(), StringComparer.Ordinal);

        foreach (var group in estate.Groups)
        {
            var whole = only is null || only.Groups.Contains(group.Id);
            foreach (var rule in group.Rules)
            {
                if (!whole && !only!.ChecksReferences(group.Id, rule.Id))
                    continue;
                var missing = rule.Peer switch
                {
                    GroupPeer { AccountId: null } g when !groupsById.ContainsKey(g.GroupId) => $"group {g.GroupId}",
                    PrefixListPeer p when !prefixListIds.Contains(p.PrefixListId) => $"prefix list {p.PrefixListId}",
                    _ => null,
                };
                if (missing is not null)
                {
                    yield return LintCatalogue.StaleReference.Report(group.Id, rule.Id,
                        $"{Describe.Group(group)} {Describe.Direction(rule.Direction)} rule {rule.Id} ({rule.TrafficText}) references {missing}, which does not exist");
                }
                else if (rule.Peer is GroupPeer peer && groupsById.TryGetValue(peer.GroupId, out var other) && other.VpcId is var otherVpc && otherVpc != group.VpcId &&
                         !referencing.Contains((group.VpcId, otherVpc)))
                {
                    yield return LintCatalogue.CrossVpcGroupReference.Report(group.Id, rule.Id,
                        $"{Describe.Group(group)} {Describe.Direction(rule.Direction)} rule {rule.Id} ({rule.TrafficText}) references {peer.GroupId} in {otherVpc}, " +
                        $"but no connection from {group.VpcId} lets group references match");
                }
            }

            // A VPC's default group cannot be deleted, so an unused one is not worth a finding (Prowler skips it too).
            if (whole && !attached.Contains(group.Id) && !string.Equals(group.Name, "default", StringComparison.OrdinalIgnoreCase))
            {
                var note = referencedBy.TryGetValue(group.Id, out var count)
                    ? $"; rules of {count} other group(s) reference it and so match nothing"
                    : "";
                yield return LintCatalogue.UnattachedGroup.Report(group.Id, null, $"{Describe.Group(group)} is attached to no network interface{note}");
            }
        }

        foreach (var eni in only is null ? estate.NetworkInterfaces : [])
        {
            foreach (var groupId in eni.GroupIds.Where(id => !groupsById.ContainsKey(id)))
            {
                yield return LintCatalogue.EniUnknownGroup.Report(groupId, null,
                    $"network interface {eni.Id} carries group {groupId}, which is not in the policy", eni.Id);
            }
        }
    }
}
