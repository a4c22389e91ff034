using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Plans;

/// <summary>
/// Puts one side of a plan's network ACLs in place of the base estate's: the ACLs the plan holds replace the base's of
/// the same id, its rule and association resources on other ACLs replace the base's rule of that number and the
/// subnet's placement, and everything else stays as it is.
/// </summary>
internal sealed class PlanAcls
{
    private readonly NetworkAclResources _resources;
    private readonly HashSet<string> _managed;
    private readonly HashSet<AclRuleKey> _ruleKeys;
    private readonly HashSet<string> _associated;

    public PlanAcls(NetworkAclResources resources)
    {
        _resources = resources;
        _managed = resources.AclIds.ToHashSet(StringComparer.Ordinal);
        _ruleKeys = [.. resources.RuleKeys];
        _associated = resources.AssociatedSubnets.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary><paramref name="estate"/> (the base, its groups already composed) with <paramref name="side"/>'s ACLs;
    /// unchanged when the plan holds no ACL resource, so a plan of groups only is evaluated as before.</summary>
    public Estate Apply(Estate estate, SideAcls side, PlanSide which, List<string> warnings)
    {
        if (_resources.IsEmpty)
            return estate;
        // A subnet has one ACL: one a custom ACL or an association of this side places leaves the others.
        var claimed = side.Acls.Where(a => !a.IsDefault).SelectMany(a => a.SubnetIds)
            .Concat(side.OtherAcls.Values.SelectMany(a => a.SubnetIds))
            .ToHashSet(StringComparer.Ordinal);
        var kept = OrEmpty(estate.NetworkAcls).Where(a => !_managed.Contains(a.Id)).Select(a =>
        {
            var extra = side.OtherAcls.GetValueOrDefault(a.Id);
            return a with
            {
                SubnetIds = [.. OrEmpty(a.SubnetIds).Where(s => !_associated.Contains(s) && !claimed.Contains(s)), .. extra is null ? [] : extra.SubnetIds],
                Inbound = Merge(a, Direction.Inbound, extra),
                Outbound = Merge(a, Direction.Outbound, extra),
            };
        });
        var own = side.Acls.Select(a => a.IsDefault ? a with { SubnetIds = [.. a.SubnetIds.Where(s => !claimed.Contains(s))] } : a);
        var acls = kept.Concat(own).ToImmutableArray();
        if (which == PlanSide.After)
        {
            var subnets = estate.Subnets.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var missing in acls.SelectMany(a => a.SubnetIds).Distinct().Where(s => !subnets.Contains(s)))
                warnings.Add($"{side.SubnetAddresses.GetValueOrDefault(missing, missing)}: subnet {missing} is not in the state or the policy, so no ENI is known in it");
        }
        var vpcs = estate.Vpcs.AddRange(acls.Select(a => a.VpcId).Distinct().Where(v => estate.Vpcs.All(x => x.Id != v)).Select(v => new Vpc(v, null, [])));
        return estate with { NetworkAcls = acls, Vpcs = vpcs };
    }

    private ImmutableArray<NetworkAclEntry> Merge(NetworkAcl acl, Direction direction, NetworkAcl? extra) =>
    [
        .. OrEmpty(acl.Entries(direction)).Where(e => !_ruleKeys.Contains(new AclRuleKey(acl.Id, direction, e.RuleNumber))),
        .. extra is null ? [] : extra.Entries(direction),
    ];

    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
