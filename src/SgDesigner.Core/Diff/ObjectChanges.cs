using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;

namespace SgDesigner.Core.Diff;

/// <summary>What happened to one object of an estate.</summary>
public enum ObjectChangeKind
{
    /// <summary>It is new.</summary>
    Added,
    /// <summary>It is there before and after, with other values.</summary>
    Changed,
    /// <summary>It is gone.</summary>
    Removed,
}

/// <summary>One object an edit added, changed or removed: who authored a draft's changes is recorded per object.</summary>
/// <param name="Kind">group, rule, instance, network-interface, prefix-list, vpc, subnet, vpc-connection, external-endpoint,
/// network-acl, network-acl-rule or quotas.</param>
/// <param name="Id">The object's id (a rule's <c>sgr-</c> id, a group's <c>sg-</c> id…).</param>
/// <param name="Change">Added, changed or removed.</param>
/// <param name="GroupId">For a rule: the group it is in (after the edit, or before it when removed); for a network ACL
/// rule: its ACL.</param>
/// <param name="Text">For a rule: how it reads (<c>inbound tcp 22 from 0.0.0.0/0</c>).</param>
public sealed record ObjectChange(string Kind, string Id, ObjectChangeKind Change, string? GroupId = null, string? Text = null)
{
    /// <summary>"rule sgr-1 of sg-2 added (inbound tcp 22 from 0.0.0.0/0)".</summary>
    public override string ToString() =>
        $"{Kind} {Id}{(GroupId is null ? "" : $" of {GroupId}")} {Change.ToString().ToLowerInvariant()}{(Text is null ? "" : $" ({Text})")}";
}

/// <summary>
/// The objects that differ between two versions of an estate, compared by id and by content. Unchanged objects are
/// usually the same instances (an edit copies the estate around what it changes), which keeps this linear and cheap.
/// </summary>
public static partial class ObjectChanges
{
    /// <summary>Every object added, changed or removed, groups before their rules.</summary>
    public static ImmutableArray<ObjectChange> Between(Estate before, Estate after)
    {
        var changes = ImmutableArray.CreateBuilder<ObjectChange>();
        Compare(changes, "vpc", before.Vpcs, after.Vpcs, v => v.Id, ModelEquality.Vpc);
        Compare(changes, "subnet", before.Subnets, after.Subnets, s => s.Id, EqualityComparer<Subnet>.Default);
        Compare(changes, "vpc-connection", before.VpcConnections, after.VpcConnections, c => $"{c.VpcA}~{c.VpcB}",
            EqualityComparer<VpcConnection>.Default);
        Compare(changes, "group", before.Groups, after.Groups, g => g.Id, GroupOwnFields);
        Rules(changes, before, after);
        Compare(changes, "prefix-list", before.PrefixLists, after.PrefixLists, p => p.Id, ModelEquality.PrefixList);
        Compare(changes, "instance", before.Instances, after.Instances, i => i.Id, ModelEquality.Instance);
        Compare(changes, "network-interface", before.NetworkInterfaces, after.NetworkInterfaces, n => n.Id, ModelEquality.Eni);
        Compare(changes, "external-endpoint", before.ExternalEndpoints, after.ExternalEndpoints, x => x.Name,
            EqualityComparer<ExternalEndpoint>.Default);
        Acls(changes, before, after);
        if (before.Quotas != after.Quotas)
            changes.Add(new ObjectChange("quotas", "quotas", ObjectChangeKind.Changed));
        return changes.ToImmutable();
    }

    // A group's own fields; its rules are compared one by one.
    private static readonly IEqualityComparer<SecurityGroup> GroupOwnFields = EqualityComparer<SecurityGroup>.Create(
        (a, b) => ReferenceEquals(a, b) || a is not null && b is not null && a.Name == b.Name && a.Description == b.Description
            && a.VpcId == b.VpcId && ModelEquality.SameTags(a.Tags, b.Tags),
        g => g.Id.GetHashCode(StringComparison.Ordinal));

    private static void Rules(ImmutableArray<ObjectChange>.Builder changes, Estate before, Estate after)
    {
        var old = new Dictionary<string, (string GroupId, Rule Rule)>(StringComparer.Ordinal);
        var beforeGroups = new Dictionary<string, SecurityGroup>(StringComparer.Ordinal);
        foreach (var group in before.Groups)
        {
            beforeGroups[group.Id] = group;
            foreach (var rule in group.Rules)
                old[rule.Id] = (group.Id, rule);
        }
        foreach (var group in after.Groups)
        {
            // An edit runs this on every store; a lookup per group keeps it linear in estates of thousands of groups.
            if (beforeGroups.TryGetValue(group.Id, out var previous) && previous.Rules == group.Rules)
            {
                foreach (var rule in group.Rules)
                    old.Remove(rule.Id);
                continue;
            }
            foreach (var rule in group.Rules)
            {
                if (!old.Remove(rule.Id, out var was))
                    changes.Add(new ObjectChange("rule", rule.Id, ObjectChangeKind.Added, group.Id, rule.ToString()));
                else if (was.GroupId != group.Id || was.Rule != rule)
                    changes.Add(new ObjectChange("rule", rule.Id, ObjectChangeKind.Changed, group.Id, rule.ToString()));
            }
        }
        foreach (var (id, (groupId, rule)) in old)
            changes.Add(new ObjectChange("rule", id, ObjectChangeKind.Removed, groupId, rule.ToString()));
    }

    private static void Compare<T>(
        ImmutableArray<ObjectChange>.Builder changes, string kind, ImmutableArray<T> before, ImmutableArray<T> after,
        Func<T, string> id, IEqualityComparer<T> same)
    {
        if (before == after)
            return;
        var old = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in before.IsDefault ? [] : before)
            old[id(item)] = item;
        foreach (var item in after.IsDefault ? [] : after)
        {
            var key = id(item);
            if (!old.Remove(key, out var was))
                changes.Add(new ObjectChange(kind, key, ObjectChangeKind.Added));
            else if (!same.Equals(was, item))
                changes.Add(new ObjectChange(kind, key, ObjectChangeKind.Changed));
        }
        foreach (var key in old.Keys)
            changes.Add(new ObjectChange(kind, key, ObjectChangeKind.Removed));
    }
}
