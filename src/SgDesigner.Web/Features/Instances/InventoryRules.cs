using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Instances;

/// <summary>
/// The checks the instances editor makes at a field before storing anything: a private address inside its
/// subnet and free in its VPC, a group within the per-interface quota, a subnet block AWS would accept. Each
/// returns the message to show at the field.
/// </summary>
public static class InventoryRules
{
    /// <summary>
    /// Parses <paramref name="text"/> as the primary private address of an interface in <paramref name="subnetId"/>;
    /// <paramref name="eniId"/> is the interface being edited (its own address is not a clash), null for a new one.
    /// </summary>
    public static ParseResult<IpAddress> CheckPrivateIp(Estate estate, string? subnetId, string? text, string? eniId)
    {
        if (estate.Subnets.FirstOrDefault(s => s.Id == subnetId) is not { } subnet)
            return ParseResult<IpAddress>.Fail("choose a subnet first");
        if (string.IsNullOrWhiteSpace(text))
            return ParseResult<IpAddress>.Fail("a private IP is required");
        var parsed = IpAddress.Parse(text);
        if (!parsed.IsOk)
            return parsed;
        var ip = parsed.Value;
        // A private address comes from the subnet's block of its family.
        var block = ip.Family == IpFamily.V4 ? subnet.Cidr : subnet.Ipv6Cidr;
        if (block is not { } cidr || !cidr.Contains(ip))
            return ParseResult<IpAddress>.Fail($"{ip} is not inside subnet {subnet.Id} ({(ip.Family == IpFamily.V4 ? subnet.Cidr : subnet.Ipv6Cidr?.ToString() ?? "no IPv6 block")})");
        // AWS reserves the first four addresses and the last one of every subnet
        // (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
        if (ip.Value - cidr.First.Value < 4 || ip == cidr.Last)
            return ParseResult<IpAddress>.Fail($"{ip} is reserved by AWS: the first four addresses and the last one of {cidr} cannot be assigned");
        // Private addresses are unique within a VPC.
        var owner = estate.NetworkInterfaces.FirstOrDefault(n => n.Id != eniId && n.VpcId == subnet.VpcId && !n.PrivateIps.IsDefault && n.PrivateIps.Contains(ip));
        if (owner is not null)
            return ParseResult<IpAddress>.Fail($"{ip} is already used by {OwnerLabel(estate, owner)} in {subnet.VpcId}");
        return ParseResult<IpAddress>.Ok(ip);
    }

    /// <summary>Why <paramref name="groupId"/> cannot be attached to the interface, or null when it can (or the interface does not exist).</summary>
    public static string? CheckAttach(Estate estate, string eniId, string groupId) => InventoryEdits.AttachRefusal(estate, eniId, groupId);

    /// <summary>A warning when the interface is at (or beyond) its groups quota, otherwise null.</summary>
    public static string? QuotaWarning(Estate estate, NetworkInterface eni)
    {
        var count = eni.GroupIds.IsDefault ? 0 : eni.GroupIds.Length;
        var quota = estate.Quotas.GroupsPerEni;
        return count >= quota ? $"at the quota of {quota} security groups per interface: no more can be attached" : null;
    }

    /// <summary>Parses the block of a new subnet: IPv4, /16 to /28, inside the VPC (when there is one) and clear of its other subnets.</summary>
    public static ParseResult<Cidr> CheckSubnetCidr(Estate estate, string? text)
    {
        var parsed = Cidr.Parse(text);
        if (!parsed.IsOk)
            return parsed;
        var cidr = parsed.Value;
        // https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html: IPv4 subnets are /16 to /28.
        if (cidr.Family != IpFamily.V4 || cidr.PrefixLength is < 16 or > 28)
            return ParseResult<Cidr>.Fail($"{cidr}: a subnet's block must be IPv4 and between /16 and /28");
        if (!estate.Vpcs.IsEmpty && !estate.Vpcs.Any(v => v.Cidrs.Any(c => c.Contains(cidr))))
            return ParseResult<Cidr>.Fail($"{cidr} is not inside the VPC's blocks ({string.Join(", ", estate.Vpcs.SelectMany(v => v.Cidrs))})");
        // Subnets of one VPC cannot overlap; the new one goes into the VPC whose block holds it.
        var vpcIds = estate.Vpcs.Where(v => v.Cidrs.Any(c => c.Contains(cidr))).Select(v => v.Id).ToHashSet();
        if (estate.Subnets.FirstOrDefault(s => vpcIds.Contains(s.VpcId) && s.Cidr.Overlaps(cidr)) is { } clash)
            return ParseResult<Cidr>.Fail($"{cidr} overlaps subnet {clash.Id} ({clash.Cidr})");
        return parsed;
    }

    /// <summary>A subnet as the editor lists it: name (or id) and block.</summary>
    public static string SubnetLabel(Subnet subnet) => $"{subnet.Name ?? subnet.Id} · {subnet.Cidr}";

    private static string OwnerLabel(Estate estate, NetworkInterface eni) =>
        estate.Instances.FirstOrDefault(i => i.Id == eni.InstanceId)?.Name is { } name ? $"{eni.Id} of {name}" : eni.Id;
}
