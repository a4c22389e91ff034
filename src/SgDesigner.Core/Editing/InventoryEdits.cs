using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Editing;

/// <summary>Adding, changing and removing instances and their network interfaces.</summary>
public static partial class InventoryEdits
{
    /// <summary>Adds an instance or replaces the instance with its id.</summary>
    public static EstateEdit PutInstance(Instance instance) =>
        EditCheck.Checked(e => EditResult.Ok(e with { Instances = EditCheck.Upsert(e.Instances, instance, i => i.Id) }));

    /// <summary>Removes an instance; refused while network interfaces are attached to it.</summary>
    public static EstateEdit RemoveInstance(string instanceId) =>
        EditCheck.Remove(e => e.Instances, i => i.Id, instanceId, $"instances[{instanceId}]", (e, l) => e with { Instances = l });

    /// <summary>Removes an instance and the network interfaces attached to it (terminating an instance deletes them by default).</summary>
    public static EstateEdit TerminateInstance(string instanceId) => EditCheck.Checked(e =>
        e.Instances.Any(i => i.Id == instanceId)
            ? EditResult.Ok(e with
            {
                Instances = e.Instances.RemoveAll(i => i.Id == instanceId),
                NetworkInterfaces = e.NetworkInterfaces.RemoveAll(n => n.InstanceId == instanceId),
            })
            : InstanceNotFound(instanceId));

    /// <summary>Renames an instance (its Name tag too, which is where AWS keeps the name).</summary>
    public static EstateEdit RenameInstance(string instanceId, string name) => EditCheck.Checked(e =>
    {
        var index = e.Instances.Select(i => i.Id).ToList().IndexOf(instanceId);
        if (index < 0)
            return InstanceNotFound(instanceId);
        var instance = e.Instances[index];
        var trimmed = name.Trim();
        var tags = trimmed.Length == 0 ? instance.Tags.Remove("Name") : instance.Tags.SetItem("Name", trimmed);
        return EditResult.Ok(e with { Instances = e.Instances.SetItem(index, instance with { Name = trimmed.Length == 0 ? null : trimmed, Tags = tags }) });
    });

    /// <summary>Adds an instance with one network interface (device index 0) at <paramref name="ip"/> in the subnet, carrying no group yet.</summary>
    public static EstateEdit AddInstance(IdSource ids, string name, string subnetId, IpAddress ip) => EditCheck.Checked(e =>
        e.Subnets.FirstOrDefault(s => s.Id == subnetId) is { } subnet
            ? EditResult.Ok(WithInstance(e, ids, name, subnet, ip, []))
            : EditResult.NotFound($"subnets[{subnetId}]", $"subnet {subnetId} is not in the draft"));

    /// <summary>
    /// Adds an instance with one network interface carrying <paramref name="groupId"/>, on the next free address of a
    /// subnet of the group's VPC.
    /// </summary>
    public static EstateEdit AddInstanceToGroup(IdSource ids, string name, string groupId) => EditCheck.Checked(e =>
    {
        if (e.FindGroup(groupId) is not { } group)
            return GroupEdits.GroupNotFound(groupId);
        var subnet = e.Subnets.FirstOrDefault(s => s.VpcId == group.VpcId);
        if (subnet is null)
            return EditResult.Invalid("subnet", $"VPC {group.VpcId} has no subnet to put the instance in");
        return NextFreeAddress(e, subnet) is { } address
            ? EditResult.Ok(WithInstance(e, ids, name, subnet, address, [groupId]))
            : EditResult.Invalid("subnet", $"subnet {subnet.Id} has no free address");
    });

    /// <summary>Adds a network interface or replaces the interface with its id; an address another interface of the VPC uses is refused at this one.</summary>
    public static EstateEdit PutNetworkInterface(NetworkInterface eni) =>
        EditCheck.Checked(e => NewAddressClash(e, eni) ?? EditResult.Ok(e with { NetworkInterfaces = EditCheck.Upsert(e.NetworkInterfaces, eni, n => n.Id) }));

    /// <summary>Removes a network interface.</summary>
    public static EstateEdit RemoveNetworkInterface(string eniId) =>
        EditCheck.Remove(e => e.NetworkInterfaces, n => n.Id, eniId, $"networkInterfaces[{eniId}]", (e, l) => e with { NetworkInterfaces = l });

    /// <summary>Moves an interface to <paramref name="subnetId"/> with <paramref name="ip"/> as its primary private address.</summary>
    public static EstateEdit SetAddress(string eniId, string subnetId, IpAddress ip) => EditCheck.Checked(e =>
    {
        if (e.Subnets.FirstOrDefault(s => s.Id == subnetId) is not { } subnet)
            return EditResult.NotFound($"subnets[{subnetId}]", $"subnet {subnetId} is not in the draft");
        return WithInterface(e, eniId, eni =>
        {
            ImmutableArray<IpAddress> ips = eni.PrivateIps.IsDefaultOrEmpty ? [ip] : eni.PrivateIps.SetItem(0, ip);
            return eni with { SubnetId = subnet.Id, VpcId = subnet.VpcId, PrivateIps = ips };
        });
    });

    /// <summary>Attaches a group to an interface; refused beyond the estate's groups-per-interface quota.</summary>
    public static EstateEdit AttachGroup(string eniId, string groupId) => EditCheck.Checked(e =>
        AttachRefusal(e, eniId, groupId) is { } refusal
            ? EditResult.Invalid($"networkInterfaces[{eniId}].groupIds", refusal)
            : WithInterface(e, eniId, eni => eni with { GroupIds = eni.GroupIds.Add(groupId) }));

    /// <summary>Detaches a group from an interface.</summary>
    public static EstateEdit DetachGroup(string eniId, string groupId) =>
        EditCheck.Checked(e => WithInterface(e, eniId, eni => eni with { GroupIds = eni.GroupIds.Remove(groupId) }));

    /// <summary>Why <paramref name="groupId"/> cannot be attached to the interface, or null when it can (or the interface does not exist).</summary>
    public static string? AttachRefusal(Estate estate, string eniId, string groupId)
    {
        if (estate.NetworkInterfaces.FirstOrDefault(n => n.Id == eniId) is not { } eni)
            return null;
        var groups = eni.GroupIds.IsDefault ? [] : eni.GroupIds;
        if (groups.Contains(groupId))
            return $"{groupId} is attached already";
        if (estate.FindGroup(groupId) is not { } group)
            return $"security group {groupId} does not exist";
        if (group.VpcId != eni.VpcId)
            return $"{group.Name} belongs to {group.VpcId}, not to the interface's VPC {eni.VpcId}";
        // https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html: security groups per network interface.
        if (groups.Length >= estate.Quotas.GroupsPerEni)
            return $"an interface carries at most {estate.Quotas.GroupsPerEni} security groups (AWS quota); detach one first";
        return null;
    }

    // AWS reserves the first four addresses and the last one of every subnet.
    private static IpAddress? NextFreeAddress(Estate e, Subnet subnet)
    {
        var used = e.NetworkInterfaces.SelectMany(n => n.PrivateIps.IsDefault ? [] : n.PrivateIps).ToHashSet();
        for (var v = subnet.Cidr.First.Value + 4; v <= subnet.Cidr.Last.Value - 1; v++)
        {
            var ip = new IpAddress(subnet.Cidr.Family, v);
            if (!used.Contains(ip))
                return ip;
        }
        return null;
    }

    private static Estate WithInstance(Estate e, IdSource ids, string name, Subnet subnet, IpAddress ip, ImmutableArray<string> groupIds)
    {
        var trimmed = name.Trim();
        var instance = new Instance(ids.Next("i-"), trimmed, ImmutableSortedDictionary<string, string>.Empty.Add("Name", trimmed));
        var eni = new NetworkInterface(ids.Next("eni-"), subnet.VpcId, subnet.Id, instance.Id, 0, [ip], null, groupIds);
        return e with { Instances = e.Instances.Add(instance), NetworkInterfaces = e.NetworkInterfaces.Add(eni) };
    }

    private static EditResult WithInterface(Estate e, string eniId, Func<NetworkInterface, NetworkInterface> change)
    {
        for (var i = 0; i < e.NetworkInterfaces.Length; i++)
        {
            if (e.NetworkInterfaces[i].Id == eniId)
                return EditResult.Ok(e with { NetworkInterfaces = e.NetworkInterfaces.SetItem(i, change(e.NetworkInterfaces[i])) });
        }
        return EditResult.NotFound($"networkInterfaces[{eniId}]", $"network interface {eniId} is not in the draft");
    }

    private static EditResult InstanceNotFound(string instanceId) =>
        EditResult.NotFound($"instances[{instanceId}]", $"instance {instanceId} is not in the draft");
}
