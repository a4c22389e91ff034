using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Synthetic;

/// <summary>
/// Network ACLs for a synthetic estate (<see cref="EstateGeneratorOptions.NetworkAcls"/>), shaped like a hardened
/// account: each VPC keeps its allow-all default ACL, and every subnet gets its own ACL that denies telnet, SNMP and
/// a quarantined /28 of its VPC (which holds instances), allows the private ranges, HTTPS from anywhere and the
/// ephemeral replies 1024–65535, and nothing else. One instance in ten runs Windows (client ports 49152–65535).
/// </summary>
internal static class SyntheticAcls
{
    public static Estate Add(Estate estate, int seed)
    {
        var random = new Random(unchecked(seed * 31 + 17));
        // The first /28 of each VPC's first subnet: it holds instances, so the deny splits classes as a real one would.
        var quarantine = estate.Subnets.GroupBy(s => s.VpcId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Cidr(g.First().Cidr.First, 28), StringComparer.Ordinal);
        var acls = ImmutableArray.CreateBuilder<NetworkAcl>();
        foreach (var vpc in estate.Vpcs)
        {
            ImmutableArray<NetworkAclEntry> all = [Entry(100, IpProtocol.All, -1, -1, Cidr.AnyV4, AclAction.Allow), Entry(101, IpProtocol.All, -1, -1, Cidr.AnyV6, AclAction.Allow)];
            acls.Add(new NetworkAcl($"acl-{acls.Count + 1:x17}", vpc.Id, true, [], all, all, "default"));
        }
        var privateRange = new Cidr(new IpAddress(IpFamily.V4, 10u << 24), 8);
        foreach (var subnet in estate.Subnets)
        {
            ImmutableArray<NetworkAclEntry> inbound =
            [
                Entry(50, IpProtocol.Tcp, 23, 23, Cidr.AnyV4, AclAction.Deny),
                Entry(60, IpProtocol.Udp, 161, 162, Cidr.AnyV4, AclAction.Deny),
                Entry(70, IpProtocol.All, -1, -1, quarantine[subnet.VpcId], AclAction.Deny),
                Entry(100, IpProtocol.All, -1, -1, privateRange, AclAction.Allow),
                Entry(110, IpProtocol.Tcp, 443, 443, Cidr.AnyV4, AclAction.Allow),
                Entry(120, IpProtocol.Tcp, 1024, 65535, Cidr.AnyV4, AclAction.Allow),
                Entry(130, IpProtocol.All, -1, -1, Cidr.AnyV6, AclAction.Allow),
            ];
            ImmutableArray<NetworkAclEntry> outbound =
            [
                Entry(50, IpProtocol.Tcp, 25, 25, Cidr.AnyV4, AclAction.Deny),
                Entry(100, IpProtocol.All, -1, -1, privateRange, AclAction.Allow),
                Entry(110, IpProtocol.Tcp, 443, 443, Cidr.AnyV4, AclAction.Allow),
                Entry(120, IpProtocol.Tcp, 1024, 65535, Cidr.AnyV4, AclAction.Allow),
                Entry(130, IpProtocol.All, -1, -1, Cidr.AnyV6, AclAction.Allow),
            ];
            acls.Add(new NetworkAcl($"acl-{acls.Count + 1:x17}", subnet.VpcId, false, [subnet.Id], inbound, outbound, subnet.Name));
        }
        var instances = estate.Instances.Select(i => random.Next(10) == 0 ? i with { EphemeralPorts = EphemeralPorts.Windows } : i);
        return estate with { NetworkAcls = acls.ToImmutable(), Instances = [.. instances] };
    }

    private static NetworkAclEntry Entry(int number, IpProtocol protocol, int from, int to, Cidr cidr, AclAction action) =>
        new(number, protocol, from, to, cidr, action);
}
