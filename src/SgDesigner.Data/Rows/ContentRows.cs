using SgDesigner.Core.Model;

namespace SgDesigner.Data.Rows;

// The content of a snapshot, one row type per table. Every key starts with SnapshotId and the rest comes from
// the model (AWS ids), never from the database: EF can then batch inserts, and a copy of a snapshot keeps every
// id, which is what makes two revisions diffable rule by rule. Rows are records without navigations so that
// value equality tells whether a row changed between two versions of a draft.

/// <summary>A VPC of a snapshot.</summary>
public sealed record VpcRow(Guid SnapshotId, string Id, string? Name);

/// <summary>One CIDR block of a VPC, in the order the VPC lists them.</summary>
public sealed record VpcCidrRow(Guid SnapshotId, string VpcId, int Ordinal, string Cidr);

/// <summary>A subnet.</summary>
public sealed record SubnetRow(
    Guid SnapshotId, string Id, string VpcId, string Cidr, string? Ipv6Cidr, string? AvailabilityZone, string? Name);

/// <summary>A peering or transit-gateway connection between two VPCs.</summary>
public sealed record VpcConnectionRow(
    Guid SnapshotId, int Ordinal, string VpcA, string VpcB, VpcConnectionKind Kind, bool GroupReferencing);

/// <summary>A security group.</summary>
/// <param name="NormalizedName">Upper-cased name: AWS makes group names unique per VPC ignoring case.</param>
/// <param name="NameClash">
/// 0 for the group that holds its name in its VPC; 1, 2… for further groups with the same name, which only
/// imported data can bring (AWS forbids it, anonymised samples contain it; the designer refuses new ones).
/// The unique index covers (VPC, name, clash), so names stay unique wherever nothing was imported.
/// </param>
public sealed record GroupRow(
    Guid SnapshotId, string Id, string VpcId, string Name, string NormalizedName, int NameClash, string Description);

/// <summary>A tag of a security group.</summary>
public sealed record GroupTagRow(Guid SnapshotId, string GroupId, string Key, string Value);

/// <summary>A rule with exactly one peer: a CIDR, a referenced group or a prefix list.</summary>
/// <param name="Id">The rule's stable id (Core <c>Rule.Id</c>), kept across revisions.</param>
/// <param name="Protocol">IANA protocol number, -1 for all.</param>
/// <param name="Owner">Core <c>RuleMetadata.Owner</c>; the other three metadata columns likewise.</param>
public sealed record RuleRow(
    Guid SnapshotId,
    string Id,
    string GroupId,
    int Ordinal,
    Direction Direction,
    int Protocol,
    int FromPort,
    int ToPort,
    string? PeerCidr,
    string? PeerGroupId,
    string? PeerPrefixListId,
    string? Description,
    string? Owner = null,
    string? Justification = null,
    string? Ticket = null,
    DateOnly? ReviewBy = null);

/// <summary>A managed prefix list.</summary>
public sealed record PrefixListRow(Guid SnapshotId, string Id, string Name, IpFamily Family, int? MaxEntries = null);

/// <summary>One CIDR entry of a prefix list.</summary>
public sealed record PrefixListEntryRow(Guid SnapshotId, string PrefixListId, int Ordinal, string Cidr);

/// <summary>An instance, with the client (ephemeral) port range its operating system uses.</summary>
public sealed record InstanceRow(
    Guid SnapshotId, string Id, string? Name,
    EphemeralPortsKind EphemeralPorts = EphemeralPortsKind.Linux, int EphemeralFrom = 32768, int EphemeralTo = 60999);

/// <summary>A tag of an instance.</summary>
public sealed record InstanceTagRow(Guid SnapshotId, string InstanceId, string Key, string Value);

/// <summary>An elastic network interface.</summary>
public sealed record NetworkInterfaceRow(
    Guid SnapshotId,
    string Id,
    string VpcId,
    string? SubnetId,
    string? InstanceId,
    int? DeviceIndex,
    string? PublicIp,
    string? Description);

/// <summary>A private IP of an ENI; ordinal 0 is the primary address.</summary>
public sealed record EniAddressRow(Guid SnapshotId, string NetworkInterfaceId, int Ordinal, string Address);

/// <summary>A security group attached to an ENI.</summary>
public sealed record EniGroupRow(Guid SnapshotId, string NetworkInterfaceId, int Ordinal, string GroupId);

/// <summary>A named block outside the estate.</summary>
public sealed record ExternalEndpointRow(Guid SnapshotId, int Ordinal, string Name, string Cidr);

/// <summary>A network ACL of a VPC.</summary>
public sealed record NetworkAclRow(Guid SnapshotId, string Id, string VpcId, bool IsDefault, string? Name);

/// <summary>One numbered rule of a network ACL; the key is its direction and number, as in AWS.</summary>
/// <param name="Protocol">IANA protocol number, -1 for all.</param>
public sealed record NetworkAclEntryRow(
    Guid SnapshotId, string NetworkAclId, Direction Direction, int RuleNumber, int Protocol, int FromPort, int ToPort, string Cidr, AclAction Action);

/// <summary>
/// A subnet's explicit association with a network ACL, keyed by the subnet (a subnet has exactly one ACL). No
/// foreign key to the subnet: an import may name subnets it has no description of (kept with a warning).
/// </summary>
/// <param name="Ordinal">Its place in the ACL's list of subnets.</param>
public sealed record NetworkAclAssociationRow(Guid SnapshotId, string SubnetId, string NetworkAclId, int Ordinal);
