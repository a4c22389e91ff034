using SgDesigner.Core.Model;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Mapping;

/// <summary>
/// The network ACL part of <see cref="EstateMapping"/>: ACLs come back ordered by id, their rules by direction and
/// number (the order they are evaluated in; Core leaves the order free), their subnets in the stored order.
/// </summary>
internal static class NetworkAclMapping
{
    public static void AddRows(EstateRows rows, Guid snapshotId, Estate estate)
    {
        foreach (var acl in estate.NetworkAcls)
        {
            rows.NetworkAcls.Add(new NetworkAclRow(snapshotId, acl.Id, acl.VpcId, acl.IsDefault, acl.Name));
            foreach (var direction in (Direction[])[Direction.Inbound, Direction.Outbound])
            {
                var entries = acl.Entries(direction);
                rows.NetworkAclEntries.AddRange((entries.IsDefault ? [] : entries).Select(e => new NetworkAclEntryRow(
                    snapshotId, acl.Id, direction, e.RuleNumber, e.Protocol.Number, e.FromPort, e.ToPort, e.Cidr.ToString(), e.Action)));
            }
            rows.NetworkAclAssociations.AddRange((acl.SubnetIds.IsDefault ? [] : acl.SubnetIds)
                .Select((s, i) => new NetworkAclAssociationRow(snapshotId, s, acl.Id, i)));
        }
    }

    public static EphemeralPorts ToEphemeralPorts(InstanceRow row) => row.EphemeralPorts switch
    {
        EphemeralPortsKind.Linux => EphemeralPorts.Linux,
        EphemeralPortsKind.Windows => EphemeralPorts.Windows,
        EphemeralPortsKind.NatGateway => EphemeralPorts.NatGateway,
        EphemeralPortsKind.LoadBalancer => EphemeralPorts.LoadBalancer,
        _ => new EphemeralPorts(EphemeralPortsKind.Custom, row.EphemeralFrom, row.EphemeralTo),
    };

    public static System.Collections.Immutable.ImmutableArray<NetworkAcl> ToAcls(EstateRows rows)
    {
        var entries = rows.NetworkAclEntries.ToLookup(e => (e.NetworkAclId, e.Direction));
        var subnets = rows.NetworkAclAssociations.ToLookup(a => a.NetworkAclId);
        NetworkAclEntry ToEntry(NetworkAclEntryRow e) =>
            new(e.RuleNumber, new IpProtocol(e.Protocol), e.FromPort, e.ToPort, EstateMapping.StoredCidr(e.Cidr), e.Action);
        return [.. rows.NetworkAcls.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => new NetworkAcl(
            a.Id, a.VpcId, a.IsDefault,
            [.. subnets[a.Id].OrderBy(s => s.Ordinal).Select(s => s.SubnetId)],
            [.. entries[(a.Id, Direction.Inbound)].OrderBy(e => e.RuleNumber).Select(ToEntry)],
            [.. entries[(a.Id, Direction.Outbound)].OrderBy(e => e.RuleNumber).Select(ToEntry)],
            a.Name))];
    }
}
