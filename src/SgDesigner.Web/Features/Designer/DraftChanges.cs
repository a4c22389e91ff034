using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The designer's edits as pure functions of the draft's content; <see cref="DesignSession.EditAsync"/> runs
/// them against the stored content inside the store's version check.
/// </summary>
public static class DraftChanges
{
    /// <summary>The address space given to the VPC a new policy gets with its first group.</summary>
    public static readonly Cidr DefaultVpcCidr = Cidr.Parse("10.0.0.0/16").Value;

    /// <summary>Adds <paramref name="rule"/> to the group, or replaces the rule with its id there.</summary>
    public static Func<Estate, StoreResult<Estate>> UpsertRule(string groupId, Rule rule) => e =>
    {
        if (e.FindGroup(groupId) is not { } group)
            return StoreFailure.NotFound($"group {groupId} is not in the draft");
        var index = group.Rules.Select(r => r.Id).ToList().IndexOf(rule.Id);
        return e.WithGroup(group with { Rules = index >= 0 ? group.Rules.SetItem(index, rule) : group.Rules.Add(rule) });
    };

    /// <summary>Removes a rule from its group.</summary>
    public static Func<Estate, StoreResult<Estate>> DeleteRule(string groupId, string ruleId) => e =>
        e.FindGroup(groupId) is { } group && group.Rules.Any(r => r.Id == ruleId)
            ? e.WithGroup(group with { Rules = group.Rules.RemoveAll(r => r.Id == ruleId) })
            : StoreFailure.NotFound($"rule {ruleId} is not in group {groupId}");

    /// <summary>
    /// Adds a group with AWS's default outbound rule (all traffic to 0.0.0.0/0). A policy without a VPC gets
    /// one first (10.0.0.0/16 with a subnet 10.0.0.0/24), since every group lives in a VPC.
    /// </summary>
    public static Func<Estate, StoreResult<Estate>> AddGroup(string groupId, string name, string description) => e =>
    {
        var estate = WithVpc(e);
        var vpc = estate.Vpcs[0];
        // AWS gives every new group an allow-all egress rule (security-group-rules.html, "Default rules").
        Rule egress = new(NewIds.With("sgr-"), Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4));
        return estate.WithGroup(new SecurityGroup(groupId, name.Trim(), description.Trim(), vpc.Id,
            ImmutableSortedDictionary<string, string>.Empty, [egress]));
    };

    /// <summary>Adds an instance with one network interface carrying <paramref name="groupId"/>, on the next free address of a subnet of the group's VPC.</summary>
    public static Func<Estate, StoreResult<Estate>> AddInstance(string name, string groupId) => e =>
    {
        if (e.FindGroup(groupId) is not { } group)
            return StoreFailure.NotFound($"group {groupId} is not in the draft");
        var subnet = e.Subnets.FirstOrDefault(s => s.VpcId == group.VpcId);
        if (subnet is null)
            return StoreFailure.Invalid("subnet", $"VPC {group.VpcId} has no subnet to put the instance in");
        var used = e.NetworkInterfaces.SelectMany(n => n.PrivateIps.IsDefault ? [] : n.PrivateIps).ToHashSet();
        // AWS reserves the first four addresses and the last one of every subnet.
        var first = subnet.Cidr.First.Value + 4;
        var last = subnet.Cidr.Last.Value - 1;
        IpAddress? free = null;
        for (var v = first; v <= last && free is null; v++)
        {
            var ip = new IpAddress(subnet.Cidr.Family, v);
            if (!used.Contains(ip))
                free = ip;
        }
        if (free is not { } address)
            return StoreFailure.Invalid("subnet", $"subnet {subnet.Id} has no free address");
        var instance = new Instance(NewIds.With("i-"), name.Trim(), ImmutableSortedDictionary<string, string>.Empty.Add("Name", name.Trim()));
        var eni = new NetworkInterface(NewIds.With("eni-"), group.VpcId, subnet.Id, instance.Id, 0, [address], null, [groupId]);
        return e with { Instances = e.Instances.Add(instance), NetworkInterfaces = e.NetworkInterfaces.Add(eni) };
    };

    private static Estate WithVpc(Estate e)
    {
        if (!e.Vpcs.IsEmpty)
            return e;
        var vpc = new Vpc(NewIds.With("vpc-"), "designer", [DefaultVpcCidr]);
        var subnet = new Subnet(NewIds.With("subnet-"), vpc.Id, Cidr.Parse("10.0.0.0/24").Value, Name: "designer-a");
        return e with { Vpcs = [vpc], Subnets = e.Subnets.Add(subnet) };
    }
}
