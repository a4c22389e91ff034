using System.Collections.Immutable;

namespace SgDesigner.Core.Model;

/// <summary>What a network ACL rule does with the traffic it matches.</summary>
public enum AclAction
{
    /// <summary>Lets the packet through.</summary>
    Allow,
    /// <summary>Drops the packet.</summary>
    Deny,
}

/// <summary>
/// One numbered rule of a network ACL (semantics.md, "Network ACLs"): rules are evaluated from the lowest number up
/// and the first match decides. Ports and ICMP type/code follow <see cref="Rule"/>'s convention.
/// </summary>
/// <param name="RuleNumber">1..32766, unique per direction of the ACL.</param>
/// <param name="Protocol">The protocol; <c>-1</c> is all traffic.</param>
/// <param name="FromPort">tcp/udp: first destination port. icmp/icmpv6: the type, -1 for any. Otherwise -1.</param>
/// <param name="ToPort">tcp/udp: last destination port (inclusive). icmp/icmpv6: the code, -1 for any. Otherwise -1.</param>
/// <param name="Cidr">The one IPv4 or IPv6 block the rule matches (the destination outbound, the source inbound).</param>
/// <param name="Action">Allow or deny.</param>
public sealed record NetworkAclEntry(int RuleNumber, IpProtocol Protocol, int FromPort, int ToPort, Cidr Cidr, AclAction Action)
{
    /// <summary>The lowest rule number AWS accepts.</summary>
    public const int MinRuleNumber = 1;

    /// <summary>The highest rule number AWS accepts; 32767 is the final <c>*</c> deny, which is implicit here.</summary>
    public const int MaxRuleNumber = 32766;

    /// <summary>The rule's traffic as <see cref="Rule.TrafficText"/> writes it ("tcp 1024-65535", "icmp 0/any", "all").</summary>
    public string TrafficText => new Rule("", Direction.Inbound, Protocol, FromPort, ToPort, new CidrPeer(Cidr)).TrafficText;

    /// <inheritdoc />
    public override string ToString() => $"#{RuleNumber} {(Action == AclAction.Allow ? "allow" : "deny")} {TrafficText} {Cidr}";
}

/// <summary>
/// A network ACL: stateless, ordered rules applied where traffic crosses a subnet's boundary. An estate without
/// ACLs means "no ACLs modelled": every subnet behaves as under a VPC's default ACL, which allows everything.
/// </summary>
/// <param name="Id">The ACL id (<c>acl-…</c>).</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="IsDefault">True for the VPC's default ACL, which every subnet without another association uses.</param>
/// <param name="SubnetIds">The subnets explicitly associated with it (a subnet has exactly one ACL).</param>
/// <param name="Inbound">Inbound rules, in any order (evaluated by rule number).</param>
/// <param name="Outbound">Outbound rules, in any order (evaluated by rule number).</param>
/// <param name="Name">The Name tag, or null.</param>
public sealed record NetworkAcl(
    string Id,
    string VpcId,
    bool IsDefault,
    ImmutableArray<string> SubnetIds,
    ImmutableArray<NetworkAclEntry> Inbound,
    ImmutableArray<NetworkAclEntry> Outbound,
    string? Name = null)
{
    /// <summary>The rules of one direction.</summary>
    public ImmutableArray<NetworkAclEntry> Entries(Direction direction) => direction == Direction.Inbound ? Inbound : Outbound;

    /// <summary>Value equality, the arrays compared element by element (an ImmutableArray compares by reference).</summary>
    public bool Equals(NetworkAcl? other) =>
        other is not null && Id == other.Id && VpcId == other.VpcId && IsDefault == other.IsDefault && Name == other.Name &&
        SubnetIds.SequenceEqual(other.SubnetIds) && Inbound.SequenceEqual(other.Inbound) && Outbound.SequenceEqual(other.Outbound);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, VpcId, IsDefault, Inbound.Length, Outbound.Length);
}
