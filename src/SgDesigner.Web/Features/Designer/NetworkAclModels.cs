using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Designer;

/// <summary>A new custom network ACL.</summary>
/// <param name="Id">Its id (<c>acl-…</c>); one is made up when left out.</param>
/// <param name="VpcId">The VPC it belongs to (required).</param>
/// <param name="Name">Its Name tag, or null.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record NetworkAclRequest(string? Id, string? VpcId, string? Name, long? Version);

/// <summary>One numbered rule of a network ACL.</summary>
/// <param name="Direction"><c>inbound</c> or <c>outbound</c> (adding a rule only; a change names it in the path).</param>
/// <param name="RuleNumber">1..32766, unique in its direction; the lowest matching rule decides. A change may renumber.</param>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, <c>all</c> (or <c>-1</c>) or an IANA number.</param>
/// <param name="FromPort">tcp/udp: first port (required).</param>
/// <param name="ToPort">tcp/udp: last port; default fromPort.</param>
/// <param name="IcmpType">icmp/icmpv6: the type, -1 or left out for any.</param>
/// <param name="IcmpCode">icmp/icmpv6: the code, -1 or left out for any.</param>
/// <param name="Cidr">The one IPv4 or IPv6 block it matches, without host bits (the source inbound, the destination outbound).</param>
/// <param name="Action"><c>allow</c> or <c>deny</c>.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record NetworkAclRuleRequest(
    string? Direction, int? RuleNumber, string? Protocol, int? FromPort, int? ToPort, int? IcmpType, int? IcmpCode, string? Cidr, string? Action, long? Version);

/// <summary>Moves a rule one place in evaluation order.</summary>
/// <param name="To"><c>up</c> (evaluated earlier) or <c>down</c>.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record NetworkAclMoveRequest(string? To, long? Version);

/// <summary>An instance's client port range.</summary>
/// <param name="Ports"><c>linux</c>, <c>windows</c>, <c>nat-gateway</c>, <c>elb</c> or a range such as <c>1024-5000</c>.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record EphemeralPortsRequest(string? Ports, long? Version);

/// <summary>A network ACL.</summary>
/// <param name="Id">Its id.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="IsDefault">True for the VPC's default ACL, which every subnet without another association uses.</param>
/// <param name="Name">Its Name tag, or null.</param>
/// <param name="SubnetIds">The subnets associated with it.</param>
/// <param name="Inbound">Inbound rules, lowest number first.</param>
/// <param name="Outbound">Outbound rules, lowest number first.</param>
public sealed record NetworkAclResponse(
    string Id, string VpcId, bool IsDefault, string? Name, IReadOnlyList<string> SubnetIds,
    IReadOnlyList<NetworkAclRuleResponse> Inbound, IReadOnlyList<NetworkAclRuleResponse> Outbound)
{
    /// <summary>From Core's ACL.</summary>
    public static NetworkAclResponse From(NetworkAcl a) => new(
        a.Id, a.VpcId, a.IsDefault, a.Name, [.. a.SubnetIds],
        [.. NetworkAclEdits.Sorted(a.Inbound).Select(NetworkAclRuleResponse.From)],
        [.. NetworkAclEdits.Sorted(a.Outbound).Select(NetworkAclRuleResponse.From)]);
}

/// <summary>A network ACL rule.</summary>
/// <param name="RuleNumber">Its number, 1..32766.</param>
/// <param name="Protocol">The protocol as text (<c>tcp</c>, <c>all</c>, <c>50</c>…).</param>
/// <param name="FromPort">tcp/udp: first port; icmp: the type (-1 any); otherwise -1.</param>
/// <param name="ToPort">tcp/udp: last port; icmp: the code (-1 any); otherwise -1.</param>
/// <param name="Cidr">The block it matches.</param>
/// <param name="Action"><c>allow</c> or <c>deny</c>.</param>
/// <param name="Traffic">The traffic as the designer writes it (<c>tcp 1024-65535</c>, <c>icmp 8/any</c>, <c>all</c>).</param>
public sealed record NetworkAclRuleResponse(int RuleNumber, string Protocol, int FromPort, int ToPort, string Cidr, string Action, string Traffic)
{
    /// <summary>From Core's rule.</summary>
    public static NetworkAclRuleResponse From(NetworkAclEntry e) =>
        new(e.RuleNumber, e.Protocol.ToString(), e.FromPort, e.ToPort, e.Cidr.ToString(), e.Action == AclAction.Allow ? "allow" : "deny", e.TrafficText);
}
