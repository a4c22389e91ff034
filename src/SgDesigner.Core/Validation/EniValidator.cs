using SgDesigner.Core.Model;

namespace SgDesigner.Core.Validation;

/// <summary>Network interfaces: VPC, subnet, instance, addresses and attached groups.</summary>
internal static class EniValidator
{
    public static void Check(Estate estate, Dictionary<string, Vpc> vpcs, ValidationSink sink)
    {
        var subnets = new Dictionary<string, Subnet>(StringComparer.Ordinal);
        foreach (var subnet in estate.Subnets)
            subnets.TryAdd(subnet.Id, subnet);
        var groups = new Dictionary<string, SecurityGroup>(StringComparer.Ordinal);
        foreach (var group in estate.Groups)
            groups.TryAdd(group.Id, group);
        var instanceIds = estate.Instances.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var ipOwners = new Dictionary<(string Vpc, IpAddress Ip), string>();
        var attachments = new Dictionary<(string Instance, int Index), string>();
        foreach (var eni in estate.NetworkInterfaces)
        {
            var path = $"networkInterfaces[{eni.Id}]";
            TextValidator.CheckFreeText(eni.Description, $"{path}.description", "description", sink);
            if (!vpcs.ContainsKey(eni.VpcId))
                sink.Soft($"{path}.vpcId", $"VPC {QuotedValue.Of(eni.VpcId)} does not exist");
            Subnet? subnet = null;
            if (eni.SubnetId is { } subnetId && !subnets.TryGetValue(subnetId, out subnet))
                sink.Soft($"{path}.subnetId", $"subnet {QuotedValue.Of(subnetId)} does not exist");
            if (subnet is not null && subnet.VpcId != eni.VpcId)
                sink.Soft($"{path}.subnetId", $"subnet {QuotedValue.Of(subnet.Id)} is in {subnet.VpcId}, not in the interface's VPC {eni.VpcId}");
            if (eni.InstanceId is { } instanceId && !instanceIds.Contains(instanceId))
                sink.Soft($"{path}.instanceId", $"instance {QuotedValue.Of(instanceId)} does not exist");
            // An instance has one interface per device index (0 is the primary).
            if (eni.InstanceId is { } owner && eni.DeviceIndex is { } index && !attachments.TryAdd((owner, index), eni.Id))
                sink.Soft($"{path}.deviceIndex", $"{owner} already has {attachments[(owner, index)]} at device index {index}");
            if (eni.DeviceIndex is < 0)
                sink.Error($"{path}.deviceIndex", "a device index cannot be negative");
            CheckAddresses(eni, subnet, path, ipOwners, sink);
            CheckGroups(eni, groups, estate.Quotas.GroupsPerEni, path, sink);
        }
    }

    private static void CheckAddresses(NetworkInterface eni, Subnet? subnet, string path, Dictionary<(string, IpAddress), string> owners, ValidationSink sink)
    {
        var ips = eni.PrivateIps.IsDefault ? [] : eni.PrivateIps;
        var seen = new HashSet<IpAddress>();
        for (var i = 0; i < ips.Length; i++)
        {
            var ip = ips[i];
            var ipPath = $"{path}.privateIps[{i}]";
            if (!seen.Add(ip))
                sink.Error(ipPath, $"{ip} is listed twice");
            // A private address comes from the subnet's block of its family.
            var block = ip.Family == IpFamily.V4 ? subnet?.Cidr : subnet?.Ipv6Cidr;
            if (subnet is not null && (block is null || !block.Value.Contains(ip)))
                sink.Soft(ipPath, $"{ip} is not inside subnet {subnet.Id} ({(ip.Family == IpFamily.V4 ? subnet.Cidr : subnet.Ipv6Cidr?.ToString() ?? "no IPv6 block")})");
            if (!owners.TryAdd((eni.VpcId, ip), eni.Id) && owners[(eni.VpcId, ip)] != eni.Id)
                sink.Soft(ipPath, $"{ip} is already used by {owners[(eni.VpcId, ip)]} in {eni.VpcId}");
        }
    }

    private static void CheckGroups(NetworkInterface eni, Dictionary<string, SecurityGroup> groups, int quota, string path, ValidationSink sink)
    {
        var ids = eni.GroupIds.IsDefault ? [] : eni.GroupIds;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!seen.Add(id))
                sink.Error($"{path}.groupIds", $"group {QuotedValue.Of(id)} is attached twice");
            if (!groups.TryGetValue(id, out var group))
                sink.Soft($"{path}.groupIds", $"security group {QuotedValue.Of(id)} does not exist");
            else if (group.VpcId != eni.VpcId)
                sink.Soft($"{path}.groupIds", $"security group {QuotedValue.Of(id)} belongs to {group.VpcId}, not to the interface's VPC {eni.VpcId}");
        }
        if (ids.Length > quota)
            sink.Soft($"{path}.groupIds", $"{ids.Length} security groups exceed the quota of {quota} per network interface");
        else if (ids.Length == quota)
            sink.Warn($"{path}.groupIds", $"{ids.Length} security groups: the interface is at its quota of {quota}");
    }
}
