using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Instances;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// Edits of instances, their network interfaces and subnets, as pure functions of the draft's content (see
/// <see cref="DraftChanges"/>). The store validates the result again, so a stale check here cannot store an
/// address outside its subnet or a sixth group.
/// </summary>
public static class InventoryChanges
{
    /// <summary>
    /// Adds a subnet with <paramref name="cidr"/>. A draft without a VPC first gets one whose block is the /16
    /// holding the subnet (AWS's largest VPC block), since every subnet lives in a VPC.
    /// </summary>
    public static Func<Estate, StoreResult<Estate>> AddSubnet(string subnetId, Cidr cidr, string? name) => e =>
    {
        var estate = e;
        if (estate.Vpcs.IsEmpty)
        {
            var block = cidr.PrefixLength >= 16 ? new Cidr(cidr.First, 16) : cidr;
            estate = estate with { Vpcs = [new Vpc(NewIds.With("vpc-"), "designer", [block])] };
        }
        var vpc = estate.Vpcs.FirstOrDefault(v => v.Cidrs.Any(c => c.Contains(cidr)));
        if (vpc is null)
            return StoreFailure.Invalid("subnet.cidr", $"{cidr} is not inside any VPC block ({string.Join(", ", estate.Vpcs.SelectMany(v => v.Cidrs))})");
        var subnet = new Subnet(subnetId, vpc.Id, cidr, Name: string.IsNullOrWhiteSpace(name) ? null : name.Trim());
        return estate with { Subnets = estate.Subnets.Add(subnet) };
    };

    /// <summary>Adds an instance with one network interface (device index 0) at <paramref name="ip"/> in the subnet, carrying no group yet.</summary>
    public static Func<Estate, StoreResult<Estate>> AddInstance(string name, string subnetId, IpAddress ip) => e =>
    {
        if (e.Subnets.FirstOrDefault(s => s.Id == subnetId) is not { } subnet)
            return StoreFailure.NotFound($"subnet {subnetId} is not in the draft");
        var trimmed = name.Trim();
        var instance = new Instance(NewIds.With("i-"), trimmed, ImmutableSortedDictionary<string, string>.Empty.Add("Name", trimmed));
        var eni = new NetworkInterface(NewIds.With("eni-"), subnet.VpcId, subnet.Id, instance.Id, 0, [ip], null, []);
        return e with { Instances = e.Instances.Add(instance), NetworkInterfaces = e.NetworkInterfaces.Add(eni) };
    };

    /// <summary>Renames an instance (its Name tag too, which is where AWS keeps the name).</summary>
    public static Func<Estate, StoreResult<Estate>> RenameInstance(string instanceId, string name) => e =>
    {
        var index = e.Instances.Select(i => i.Id).ToList().IndexOf(instanceId);
        if (index < 0)
            return StoreFailure.NotFound($"instance {instanceId} is not in the draft");
        var instance = e.Instances[index];
        var trimmed = name.Trim();
        var tags = trimmed.Length == 0 ? instance.Tags.Remove("Name") : instance.Tags.SetItem("Name", trimmed);
        return e with { Instances = e.Instances.SetItem(index, instance with { Name = trimmed.Length == 0 ? null : trimmed, Tags = tags }) };
    };

    /// <summary>Removes an instance and the network interfaces attached to it (terminating an instance deletes them by default).</summary>
    public static Func<Estate, StoreResult<Estate>> DeleteInstance(string instanceId) => e =>
        e.Instances.Any(i => i.Id == instanceId)
            ? e with
            {
                Instances = e.Instances.RemoveAll(i => i.Id == instanceId),
                NetworkInterfaces = e.NetworkInterfaces.RemoveAll(n => n.InstanceId == instanceId),
            }
            : StoreFailure.NotFound($"instance {instanceId} is not in the draft");

    /// <summary>Moves an interface to <paramref name="subnetId"/> with <paramref name="ip"/> as its primary private address.</summary>
    public static Func<Estate, StoreResult<Estate>> SetAddress(string eniId, string subnetId, IpAddress ip) => e =>
    {
        if (e.Subnets.FirstOrDefault(s => s.Id == subnetId) is not { } subnet)
            return StoreFailure.NotFound($"subnet {subnetId} is not in the draft");
        return WithInterface(e, eniId, eni =>
        {
            ImmutableArray<IpAddress> ips = eni.PrivateIps.IsDefaultOrEmpty ? [ip] : eni.PrivateIps.SetItem(0, ip);
            return eni with { SubnetId = subnet.Id, VpcId = subnet.VpcId, PrivateIps = ips };
        });
    };

    /// <summary>Attaches a group to an interface; refused beyond the estate's groups-per-interface quota.</summary>
    public static Func<Estate, StoreResult<Estate>> AttachGroup(string eniId, string groupId) => e =>
        InventoryRules.CheckAttach(e, eniId, groupId) is { } refusal
            ? StoreFailure.Invalid($"networkInterfaces[{eniId}].groupIds", refusal)
            : WithInterface(e, eniId, eni => eni with { GroupIds = eni.GroupIds.Add(groupId) });

    /// <summary>Detaches a group from an interface.</summary>
    public static Func<Estate, StoreResult<Estate>> DetachGroup(string eniId, string groupId) => e =>
        WithInterface(e, eniId, eni => eni with { GroupIds = eni.GroupIds.Remove(groupId) });

    private static StoreResult<Estate> WithInterface(Estate e, string eniId, Func<NetworkInterface, NetworkInterface> change)
    {
        for (var i = 0; i < e.NetworkInterfaces.Length; i++)
        {
            if (e.NetworkInterfaces[i].Id == eniId)
                return e with { NetworkInterfaces = e.NetworkInterfaces.SetItem(i, change(e.NetworkInterfaces[i])) };
        }
        return StoreFailure.NotFound($"network interface {eniId} is not in the draft");
    }
}
