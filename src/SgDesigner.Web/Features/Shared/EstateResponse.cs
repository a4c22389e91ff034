using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Instances;

namespace SgDesigner.Web.Features.Shared;

/// <summary>A policy's content as the API shows it: addresses and CIDRs as text, peers as one named field each.</summary>
/// <param name="Vpcs">VPCs.</param>
/// <param name="Subnets">Subnets.</param>
/// <param name="VpcConnections">Peerings and transit gateways between VPCs.</param>
/// <param name="Groups">Security groups with their rules.</param>
/// <param name="PrefixLists">Managed prefix lists.</param>
/// <param name="Instances">Instances.</param>
/// <param name="NetworkInterfaces">ENIs with their addresses and groups.</param>
/// <param name="ExternalEndpoints">Named blocks outside the estate.</param>
/// <param name="Quotas">The quotas enforced.</param>
/// <param name="NetworkAcls">Network ACLs with their subnets and rules (empty: none modelled, every subnet allows all).</param>
public sealed record EstateResponse(
    IReadOnlyList<VpcResponse> Vpcs,
    IReadOnlyList<SubnetResponse> Subnets,
    IReadOnlyList<VpcConnectionResponse> VpcConnections,
    IReadOnlyList<GroupResponse> Groups,
    IReadOnlyList<PrefixListResponse> PrefixLists,
    IReadOnlyList<InstanceResponse> Instances,
    IReadOnlyList<NetworkInterfaceResponse> NetworkInterfaces,
    IReadOnlyList<ExternalEndpointResponse> ExternalEndpoints,
    QuotasResponse Quotas,
    IReadOnlyList<NetworkAclResponse> NetworkAcls)
{
    /// <summary>From Core's estate.</summary>
    public static EstateResponse From(Estate estate) => new(
        [.. estate.Vpcs.Select(VpcResponse.From)],
        [.. estate.Subnets.Select(SubnetResponse.From)],
        [.. estate.VpcConnections.Select(c => new VpcConnectionResponse(c.VpcA, c.VpcB, WireNames.Of(c.Kind), c.GroupReferencing))],
        [.. estate.Groups.Select(GroupResponse.From)],
        [.. estate.PrefixLists.Select(PrefixListResponse.From)],
        [.. estate.Instances.Select(InstanceResponse.From)],
        [.. estate.NetworkInterfaces.Select(NetworkInterfaceResponse.From)],
        [.. estate.ExternalEndpoints.Select(e => new ExternalEndpointResponse(e.Name, e.Cidr.ToString()))],
        new QuotasResponse(estate.Quotas.RulesPerDirection, estate.Quotas.GroupsPerEni),
        [.. estate.NetworkAcls.Select(NetworkAclResponse.From)]);
}

/// <summary>A connection between two VPCs.</summary>
/// <param name="VpcA">One VPC.</param>
/// <param name="VpcB">The other.</param>
/// <param name="Kind"><c>peering</c> or <c>transitGateway</c>.</param>
/// <param name="GroupReferencing">Whether group references match across it.</param>
public sealed record VpcConnectionResponse(string VpcA, string VpcB, string Kind, bool GroupReferencing);

/// <summary>A named block outside the estate.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Cidr">Its addresses.</param>
public sealed record ExternalEndpointResponse(string Name, string Cidr);

/// <summary>The quotas the designer enforces.</summary>
/// <param name="RulesPerDirection">Inbound (and, separately, outbound) rules per group.</param>
/// <param name="GroupsPerEni">Security groups per network interface.</param>
public sealed record QuotasResponse(int RulesPerDirection, int GroupsPerEni);

/// <summary>Enum and family names as the API writes and reads them.</summary>
public static class WireNames
{
    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public static string Of(Direction direction) => DirectionText.Of(direction);

    /// <summary><c>ipv4</c> or <c>ipv6</c>.</summary>
    public static string Of(IpFamily family) => family == IpFamily.V4 ? "ipv4" : "ipv6";

    /// <summary><c>peering</c> or <c>transitGateway</c>.</summary>
    public static string Of(VpcConnectionKind kind) => kind == VpcConnectionKind.Peering ? "peering" : "transitGateway";

    /// <summary>Parses a direction (<c>inbound</c>/<c>ingress</c>, <c>outbound</c>/<c>egress</c>).</summary>
    public static ParseResult<Direction> ParseDirection(string? text) => DirectionText.Parse(text);

    /// <summary>Parses an address family (<c>ipv4</c>, <c>ipv6</c>).</summary>
    public static ParseResult<IpFamily> ParseFamily(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "ipv4" or "v4" => ParseResult<IpFamily>.Ok(IpFamily.V4),
        "ipv6" or "v6" => ParseResult<IpFamily>.Ok(IpFamily.V6),
        _ => ParseResult<IpFamily>.Fail($"unknown address family {QuotedValue.Of(text)}: use ipv4 or ipv6"),
    };
}
