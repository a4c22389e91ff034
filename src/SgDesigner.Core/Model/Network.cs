using System.Collections.Immutable;

namespace SgDesigner.Core.Model;

/// <summary>A VPC and its address space.</summary>
/// <param name="Id">The VPC id (<c>vpc-…</c>).</param>
/// <param name="Name">The Name tag, or null.</param>
/// <param name="Cidrs">IPv4 and (optional) IPv6 blocks of the VPC.</param>
public sealed record Vpc(string Id, string? Name, ImmutableArray<Cidr> Cidrs);

/// <summary>How two VPCs are connected.</summary>
public enum VpcConnectionKind
{
    /// <summary>A VPC peering connection (group references work in the same region).</summary>
    Peering,
    /// <summary>A transit gateway (group references only where referencing is enabled).</summary>
    TransitGateway,
}

/// <summary>A declared connection between two VPCs; without one, their ENIs cannot reach each other.</summary>
/// <param name="VpcA">One VPC.</param>
/// <param name="VpcB">The other VPC.</param>
/// <param name="Kind">Peering or transit gateway.</param>
/// <param name="GroupReferencing">Whether rules referencing a group in the other VPC match across it.</param>
public sealed record VpcConnection(string VpcA, string VpcB, VpcConnectionKind Kind, bool GroupReferencing);

/// <summary>A subnet of a VPC.</summary>
/// <param name="Id">The subnet id (<c>subnet-…</c>).</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="Cidr">Its IPv4 block.</param>
/// <param name="Ipv6Cidr">Its IPv6 block, if any.</param>
/// <param name="AvailabilityZone">e.g. <c>us-east-1a</c>, or null.</param>
/// <param name="Name">The Name tag, or null.</param>
public sealed record Subnet(string Id, string VpcId, Cidr Cidr, Cidr? Ipv6Cidr = null, string? AvailabilityZone = null, string? Name = null);

/// <summary>A managed prefix list.</summary>
/// <param name="Id">The list id (<c>pl-…</c>).</param>
/// <param name="Name">Its name.</param>
/// <param name="Family">IPv4 or IPv6.</param>
/// <param name="Entries">Its CIDR entries.</param>
/// <param name="MaxEntries">
/// The most entries the list may hold (AWS's <c>MaxEntries</c>, 1..1000), or null when unknown: then its entry count.
/// A rule referencing the list counts this many rules against the group's quota, as AWS counts it.
/// </param>
public sealed record PrefixList(string Id, string Name, IpFamily Family, ImmutableArray<Cidr> Entries, int? MaxEntries = null)
{
    /// <summary>How many rules one rule referencing the list counts as: its maximum entries, at least 1.</summary>
    public int RuleWeight => Math.Max(1, MaxEntries ?? (Entries.IsDefault ? 0 : Entries.Length));
}

/// <summary>An instance; its network interfaces refer to it by id.</summary>
/// <param name="Id">The instance id (<c>i-…</c>).</param>
/// <param name="Name">The Name tag, or null.</param>
/// <param name="Tags">AWS tags.</param>
public sealed record Instance(string Id, string? Name, ImmutableSortedDictionary<string, string> Tags)
{
    /// <summary>
    /// The source ports its operating system picks for connections it opens, which a network ACL must let the
    /// replies back to; Linux's by default.
    /// </summary>
    public EphemeralPorts EphemeralPorts { get; init; } = EphemeralPorts.Linux;
}

/// <summary>An elastic network interface: the thing security groups are attached to.</summary>
/// <param name="Id">Unique in the estate. Importers keep ENIs that share an id in anonymised data apart.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="SubnetId">Its subnet, or null when unknown.</param>
/// <param name="InstanceId">The instance it is attached to, or null (load balancers, NAT gateways, Lambda…).</param>
/// <param name="DeviceIndex">Its device index on the instance (0 = primary), or null.</param>
/// <param name="PrivateIps">Private addresses, primary first; may include IPv6 addresses.</param>
/// <param name="PublicIp">Public or Elastic IP, if any; never matches a group reference.</param>
/// <param name="GroupIds">Attached security groups (1–5 by default; NAT/TGW ENIs may have none).</param>
/// <param name="Description">Free text, or null.</param>
public sealed record NetworkInterface(
    string Id,
    string VpcId,
    string? SubnetId,
    string? InstanceId,
    int? DeviceIndex,
    ImmutableArray<IpAddress> PrivateIps,
    IpAddress? PublicIp,
    ImmutableArray<string> GroupIds,
    string? Description = null)
{
    /// <summary>The primary private IP, or null for an ENI with none.</summary>
    public IpAddress? PrimaryIp => PrivateIps.IsDefaultOrEmpty ? null : PrivateIps[0];
}

/// <summary>A named block outside the estate (the internet, a partner, an office network).</summary>
/// <param name="Name">Display name.</param>
/// <param name="Cidr">Its addresses.</param>
public sealed record ExternalEndpoint(string Name, Cidr Cidr);

/// <summary>Adjustable AWS quotas the designer enforces (semantics.md, "Defaults and limits").</summary>
/// <param name="RulesPerDirection">Inbound (and, separately, outbound) rules per group, counted per peer.</param>
/// <param name="GroupsPerEni">Security groups per network interface.</param>
public sealed record Quotas(int RulesPerDirection = Validation.AwsLimits.DefaultRulesPerDirection, int GroupsPerEni = Validation.AwsLimits.DefaultGroupsPerEni)
{
    /// <summary>AWS's default quotas.</summary>
    public static Quotas Default { get; } = new();
}
