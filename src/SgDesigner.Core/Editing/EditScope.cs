using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Editing;

/// <summary>
/// What an edit changed when it changed security groups and nothing else: the ids of the groups that differ. Edits
/// build the next estate from the previous one, so everything they leave alone is the very same object; comparing
/// references finds the changed groups without looking at the 20,000 rules of the others. Validation and storage use
/// it to cost what the edit touches instead of what the policy holds. An edit of network ACLs (or instances' ephemeral
/// ports) is not a group edit: it takes the whole path, validated whole (with the network ACL checks).
/// </summary>
/// <param name="Groups">Ids of the groups added, changed or removed.</param>
/// <param name="Narrow">
/// True when the groups outside <paramref name="Groups"/> and the network can gain no new error from the edit: no group
/// was removed (a rule or ENI referencing it would turn stale), none moved to another VPC (its ENIs would sit in the
/// wrong one) and none was added under an id an ENI already names (its VPC now counts). When false, validation checks the whole estate; the stored rows can still be diffed by group.
/// </param>
public sealed record EditScope(IReadOnlySet<string> Groups, bool Narrow)
{
    /// <summary>The groups that differ between the two estates, or null when anything but groups changed.</summary>
    public static EditScope? Of(Estate before, Estate after)
    {
        // ImmutableArray's == compares the underlying arrays: true exactly when an edit kept the collection as it was.
        if (before.Vpcs != after.Vpcs || before.Subnets != after.Subnets || before.VpcConnections != after.VpcConnections
            || before.PrefixLists != after.PrefixLists || before.Instances != after.Instances
            || before.NetworkInterfaces != after.NetworkInterfaces || before.ExternalEndpoints != after.ExternalEndpoints
            || before.Quotas != after.Quotas || before.NetworkAcls != after.NetworkAcls)
            return null;
        var old = ById(before.Groups);
        var current = ById(after.Groups);
        // Duplicate group ids make "the same group" ambiguous: leave such an estate to a whole check.
        if (old is null || current is null)
            return null;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var narrow = true;
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, group) in current)
        {
            if (!old.TryGetValue(id, out var previous))
            {
                changed.Add(id);
                added.Add(id);
            }
            else if (!ReferenceEquals(previous, group))
            {
                changed.Add(id);
                narrow &= previous.VpcId == group.VpcId;
            }
        }
        foreach (var id in old.Keys.Where(id => !current.ContainsKey(id)))
        {
            changed.Add(id);
            narrow = false;
        }
        if (added.Count > 0 && after.NetworkInterfaces.Any(n => !n.GroupIds.IsDefault && n.GroupIds.Any(added.Contains)))
            narrow = false;
        return new EditScope(changed, narrow);
    }

    private static Dictionary<string, SecurityGroup>? ById(ImmutableArray<SecurityGroup> groups)
    {
        var byId = new Dictionary<string, SecurityGroup>(groups.Length, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (group.Id is null || !byId.TryAdd(group.Id, group))
                return null;
        }
        return byId;
    }
}
