using System.Collections.Immutable;
using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Diff;

public static partial class ObjectChanges
{
    /// <summary>
    /// Network ACLs by id (own fields and subnets), and their rules one by one: a rule is known by its ACL, direction and
    /// number (<c>inbound#100</c>), as AWS knows it, so renumbering a rule reads as one removed and one added.
    /// </summary>
    private static void Acls(ImmutableArray<ObjectChange>.Builder changes, Estate before, Estate after)
    {
        if (before.NetworkAcls == after.NetworkAcls)
            return;
        Compare(changes, "network-acl", before.NetworkAcls, after.NetworkAcls, a => a.Id, AclOwnFields);
        var old = AclEntries(before);
        foreach (var (key, (aclId, entry)) in AclEntries(after))
        {
            if (!old.Remove(key, out var was))
                changes.Add(new ObjectChange("network-acl-rule", key.Rule, ObjectChangeKind.Added, aclId, entry.ToString()));
            else if (was.Entry != entry)
                changes.Add(new ObjectChange("network-acl-rule", key.Rule, ObjectChangeKind.Changed, aclId, entry.ToString()));
        }
        foreach (var (key, (aclId, entry)) in old)
            changes.Add(new ObjectChange("network-acl-rule", key.Rule, ObjectChangeKind.Removed, aclId, entry.ToString()));
    }

    private static readonly IEqualityComparer<NetworkAcl> AclOwnFields = EqualityComparer<NetworkAcl>.Create(
        (a, b) => ReferenceEquals(a, b) || a is not null && b is not null && a.VpcId == b.VpcId && a.IsDefault == b.IsDefault
            && a.Name == b.Name && a.SubnetIds.SequenceEqual(b.SubnetIds),
        a => a.Id.GetHashCode(StringComparison.Ordinal));

    private static Dictionary<(string Acl, string Rule), (string AclId, NetworkAclEntry Entry)> AclEntries(Estate estate)
    {
        var entries = new Dictionary<(string, string), (string, NetworkAclEntry)>();
        foreach (var acl in estate.NetworkAcls)
        {
            foreach (var direction in (Direction[])[Direction.Inbound, Direction.Outbound])
            {
                foreach (var entry in acl.Entries(direction).IsDefault ? [] : acl.Entries(direction))
                    entries[(acl.Id, RuleKey(direction, entry.RuleNumber))] = (acl.Id, entry);
            }
        }
        return entries;
    }

    /// <summary>How a network ACL rule is named among its ACL's: <c>inbound#100</c>.</summary>
    public static string RuleKey(Direction direction, int ruleNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"{DirectionText.Of(direction)}#{ruleNumber}");
}
