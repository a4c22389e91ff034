using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Data.Audit;

namespace SgDesigner.Data.Store;

// Granular draft edits: each one changes one object of the draft's estate, validates the whole result and
// writes only the rows that changed (see EditDraftAsync). Upserts replace the object with the same id or add it.
public sealed partial class PolicyStore
{
    /// <summary>Adds or replaces a security group (with its tags and rules).</summary>
    public Task<StoreResult<DraftInfo>> UpsertGroupAsync(Guid draftId, long expectedVersion, SecurityGroup group, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => e.WithGroup(group), actor, ct);

    /// <summary>Removes a security group; refused while rules or ENIs still reference it.</summary>
    public Task<StoreResult<DraftInfo>> DeleteGroupAsync(Guid draftId, long expectedVersion, string groupId, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => Remove(e.Groups, g => g.Id == groupId, $"groups[{groupId}]", l => e with { Groups = l }), actor, ct);

    /// <summary>Adds a rule to a group, or replaces the rule with the same id (moving it to that group if needed).</summary>
    public Task<StoreResult<DraftInfo>> UpsertRuleAsync(Guid draftId, long expectedVersion, string groupId, Rule rule, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e =>
        {
            if (e.FindGroup(groupId) is null)
                return StoreFailure.NotFound($"group {groupId} is not in the draft");
            var groups = e.Groups.Select(g =>
            {
                var index = g.Rules.Select(r => r.Id).ToList().IndexOf(rule.Id);
                if (g.Id == groupId)
                    return g with { Rules = index >= 0 ? g.Rules.SetItem(index, rule) : g.Rules.Add(rule) };
                return index >= 0 ? g with { Rules = g.Rules.RemoveAt(index) } : g;
            });
            return e with { Groups = [.. groups] };
        }, actor, ct);

    /// <summary>Removes a rule, wherever it is.</summary>
    public Task<StoreResult<DraftInfo>> DeleteRuleAsync(Guid draftId, long expectedVersion, string ruleId, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e =>
        {
            if (!e.Groups.Any(g => g.Rules.Any(r => r.Id == ruleId)))
                return StoreFailure.NotFound($"rule {ruleId} is not in the draft");
            return e with { Groups = [.. e.Groups.Select(g => g with { Rules = g.Rules.RemoveAll(r => r.Id == ruleId) })] };
        }, actor, ct);

    /// <summary>Adds or replaces an instance.</summary>
    public Task<StoreResult<DraftInfo>> UpsertInstanceAsync(Guid draftId, long expectedVersion, Instance instance, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => e with { Instances = Upsert(e.Instances, instance, i => i.Id) }, actor, ct);

    /// <summary>Removes an instance; refused while ENIs are attached to it.</summary>
    public Task<StoreResult<DraftInfo>> DeleteInstanceAsync(Guid draftId, long expectedVersion, string instanceId, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => Remove(e.Instances, i => i.Id == instanceId, $"instances[{instanceId}]", l => e with { Instances = l }), actor, ct);

    /// <summary>Adds or replaces a network interface.</summary>
    public Task<StoreResult<DraftInfo>> UpsertNetworkInterfaceAsync(Guid draftId, long expectedVersion, NetworkInterface eni, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => e with { NetworkInterfaces = Upsert(e.NetworkInterfaces, eni, n => n.Id) }, actor, ct);

    /// <summary>Removes a network interface.</summary>
    public Task<StoreResult<DraftInfo>> DeleteNetworkInterfaceAsync(Guid draftId, long expectedVersion, string eniId, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => Remove(e.NetworkInterfaces, n => n.Id == eniId, $"networkInterfaces[{eniId}]", l => e with { NetworkInterfaces = l }), actor, ct);

    /// <summary>Adds or replaces a managed prefix list.</summary>
    public Task<StoreResult<DraftInfo>> UpsertPrefixListAsync(Guid draftId, long expectedVersion, PrefixList list, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => e with { PrefixLists = Upsert(e.PrefixLists, list, p => p.Id) }, actor, ct);

    /// <summary>Removes a prefix list; refused while rules reference it.</summary>
    public Task<StoreResult<DraftInfo>> DeletePrefixListAsync(Guid draftId, long expectedVersion, string prefixListId, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => Remove(e.PrefixLists, p => p.Id == prefixListId, $"prefixLists[{prefixListId}]", l => e with { PrefixLists = l }), actor, ct);

    /// <summary>Adds or replaces a VPC.</summary>
    public Task<StoreResult<DraftInfo>> UpsertVpcAsync(Guid draftId, long expectedVersion, Vpc vpc, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => e with { Vpcs = Upsert(e.Vpcs, vpc, v => v.Id) }, actor, ct);

    /// <summary>Removes a VPC; refused while subnets, groups or ENIs are in it.</summary>
    public Task<StoreResult<DraftInfo>> DeleteVpcAsync(Guid draftId, long expectedVersion, string vpcId, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => Remove(e.Vpcs, v => v.Id == vpcId, $"vpcs[{vpcId}]", l => e with { Vpcs = l }), actor, ct);

    /// <summary>Adds or replaces a subnet.</summary>
    public Task<StoreResult<DraftInfo>> UpsertSubnetAsync(Guid draftId, long expectedVersion, Subnet subnet, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => e with { Subnets = Upsert(e.Subnets, subnet, s => s.Id) }, actor, ct);

    /// <summary>Removes a subnet; refused while ENIs are in it.</summary>
    public Task<StoreResult<DraftInfo>> DeleteSubnetAsync(Guid draftId, long expectedVersion, string subnetId, AuditActor actor, CancellationToken ct = default) =>
        EditDraftAsync(draftId, expectedVersion, e => Remove(e.Subnets, s => s.Id == subnetId, $"subnets[{subnetId}]", l => e with { Subnets = l }), actor, ct);

    private static ImmutableArray<T> Upsert<T>(ImmutableArray<T> items, T item, Func<T, string> id)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (id(items[i]) == id(item))
                return items.SetItem(i, item);
        }
        return items.Add(item);
    }

    // Removing something still referenced fails validation afterwards, which names every reference left.
    private static StoreResult<Estate> Remove<T>(
        ImmutableArray<T> items, Predicate<T> match, string path, Func<ImmutableArray<T>, Estate> with)
    {
        var remaining = items.RemoveAll(match);
        return remaining.Length == items.Length ? StoreFailure.NotFound($"{path} is not in the draft") : with(remaining);
    }
}
