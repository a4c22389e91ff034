using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Editing;

// An instance's network interfaces: attaching, detaching, adding one, and every private address of one.
public static partial class InventoryEdits
{
    /// <summary>
    /// Gives the interface exactly <paramref name="privateIps"/> (primary first). Each must be inside the interface's subnet
    /// and not used by another interface of its VPC (the estate's validation says which one); listing one twice is refused.
    /// </summary>
    public static EstateEdit SetPrivateIps(string eniId, ImmutableArray<IpAddress> privateIps) => EditCheck.Checked(e =>
    {
        if (privateIps.IsDefaultOrEmpty)
            return EditResult.Invalid($"networkInterfaces[{eniId}].privateIps", "an interface keeps at least its primary private address");
        if (privateIps.GroupBy(ip => ip).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return EditResult.Invalid($"networkInterfaces[{eniId}].privateIps[{privateIps.LastIndexOf(twice.Key)}]", $"{twice.Key} is listed twice");
        if (e.NetworkInterfaces.FirstOrDefault(n => n.Id == eniId) is { } eni && NewAddressClash(e, eni with { PrivateIps = privateIps }) is { } clash)
            return clash;
        return WithInterface(e, eniId, eni => eni with { PrivateIps = privateIps });
    });

    // An address the interface did not have that another interface of its VPC uses, refused at the edited interface (the
    // estate's validation would name whichever of the two comes later).
    private static EditResult? NewAddressClash(Estate e, NetworkInterface eni)
    {
        var before = e.NetworkInterfaces.FirstOrDefault(n => n.Id == eni.Id)?.PrivateIps is { IsDefault: false } had ? had : [];
        var ips = eni.PrivateIps.IsDefault ? [] : eni.PrivateIps;
        for (var i = 0; i < ips.Length; i++)
        {
            if (before.Contains(ips[i]))
                continue;
            var ip = ips[i];
            if (e.NetworkInterfaces.FirstOrDefault(n => n.Id != eni.Id && n.VpcId == eni.VpcId && !n.PrivateIps.IsDefault && n.PrivateIps.Contains(ip)) is { } other)
                return EditResult.Invalid($"networkInterfaces[{eni.Id}].privateIps[{i}]", $"{ip} is already used by {other.Id} in {eni.VpcId}");
        }
        return null;
    }

    /// <summary>
    /// Attaches an interface that no instance holds to <paramref name="instanceId"/> at <paramref name="deviceIndex"/>
    /// (AWS's AttachNetworkInterface). Refused when another instance holds it, when the index is taken, or when it is in
    /// another VPC or availability zone than the instance's other interfaces.
    /// </summary>
    public static EstateEdit AttachInterface(string eniId, string instanceId, int deviceIndex) => EditCheck.Checked(e =>
    {
        var path = $"networkInterfaces[{eniId}]";
        if (e.NetworkInterfaces.FirstOrDefault(n => n.Id == eniId) is not { } eni)
            return EditResult.NotFound(path, $"network interface {eniId} is not in the draft");
        if (!e.Instances.Any(i => i.Id == instanceId))
            return InstanceNotFound(instanceId);
        if (eni.InstanceId is { } holder && holder != instanceId)
            return EditResult.Invalid($"{path}.instanceId", $"{eniId} is attached to {holder}: detach it first");
        if (deviceIndex < 0)
            return EditResult.Invalid($"{path}.deviceIndex", "a device index cannot be negative");
        var others = e.NetworkInterfaces.Where(n => n.InstanceId == instanceId && n.Id != eniId).ToList();
        if (others.FirstOrDefault(n => n.DeviceIndex == deviceIndex) is { } taken)
            return EditResult.Invalid($"{path}.deviceIndex", $"{instanceId} already has {taken.Id} at device index {deviceIndex}");
        if (others.FirstOrDefault(n => n.VpcId != eni.VpcId) is { } elsewhere)
            return EditResult.Invalid($"{path}.vpcId", $"{eniId} is in {eni.VpcId}, but {instanceId}'s interfaces are in {elsewhere.VpcId}");
        var zone = Zone(e, eni);
        if (zone is not null && others.Select(n => Zone(e, n)).FirstOrDefault(z => z is not null && z != zone) is { } otherZone)
            return EditResult.Invalid($"{path}.subnetId", $"{eniId} is in {zone}, but {instanceId}'s interfaces are in {otherZone}: AWS attaches only interfaces of the instance's availability zone");
        return WithInterface(e, eniId, n => n with { InstanceId = instanceId, DeviceIndex = deviceIndex });
    });

    /// <summary>Detaches an interface from its instance (AWS's DetachNetworkInterface); the primary one (device index 0) stays.</summary>
    public static EstateEdit DetachInterface(string eniId) => EditCheck.Checked(e =>
    {
        var path = $"networkInterfaces[{eniId}]";
        if (e.NetworkInterfaces.FirstOrDefault(n => n.Id == eniId) is not { } eni)
            return EditResult.NotFound(path, $"network interface {eniId} is not in the draft");
        if (eni.InstanceId is null)
            return EditResult.Invalid($"{path}.instanceId", $"{eniId} is not attached to an instance");
        if (eni.DeviceIndex is 0)
            return EditResult.Invalid($"{path}.deviceIndex", $"{eniId} is the primary interface (device index 0) of {eni.InstanceId}: it cannot be detached");
        return WithInterface(e, eniId, n => n with { InstanceId = null, DeviceIndex = null });
    });

    /// <summary>
    /// Adds a network interface in <paramref name="subnetId"/> on its next free address, attached to the instance at the
    /// next free device index, carrying no group yet.
    /// </summary>
    public static EstateEdit AddInterface(IdSource ids, string instanceId, string subnetId) => EditCheck.Checked(e =>
    {
        if (!e.Instances.Any(i => i.Id == instanceId))
            return InstanceNotFound(instanceId);
        if (e.Subnets.FirstOrDefault(s => s.Id == subnetId) is not { } subnet)
            return EditResult.NotFound($"subnets[{subnetId}]", $"subnet {subnetId} is not in the draft");
        if (NextFreeAddress(e, subnet) is not { } address)
            return EditResult.Invalid($"subnets[{subnetId}]", $"subnet {subnet.Id} has no free address");
        var eni = new NetworkInterface(ids.Next("eni-"), subnet.VpcId, subnet.Id, null, null, [address], null, []);
        return AttachInterface(eni.Id, instanceId, NextDeviceIndex(e, instanceId))(e with { NetworkInterfaces = e.NetworkInterfaces.Add(eni) });
    });

    /// <summary>The lowest device index the instance has free.</summary>
    public static int NextDeviceIndex(Estate estate, string instanceId)
    {
        var used = estate.NetworkInterfaces.Where(n => n.InstanceId == instanceId && n.DeviceIndex is not null).Select(n => n.DeviceIndex!.Value).ToHashSet();
        var index = 0;
        while (used.Contains(index))
            index++;
        return index;
    }

    private static string? Zone(Estate e, NetworkInterface eni) => e.Subnets.FirstOrDefault(s => s.Id == eni.SubnetId)?.AvailabilityZone;
}
