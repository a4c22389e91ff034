using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Data.Tests.Infrastructure;

/// <summary>
/// Builds a large, valid estate deterministically: groups spread over VPCs, rules mixing CIDR, group and
/// prefix-list peers, ENIs with secondary addresses and several groups.
/// </summary>
internal static class EstateGenerator
{
    public static Estate Generate(int groups, int rulesPerGroup, int enis, int vpcCount = 4)
    {
        var vpcs = Enumerable.Range(0, vpcCount)
            .Select(v => new Vpc($"vpc-{v:x8}", $"vpc {v}", [Cidr.Parse($"10.{v}.0.0/16").Value, Cidr.Parse($"2600:1f18:{v:x}::/56").Value]))
            .ToImmutableArray();
        var subnets = Enumerable.Range(0, vpcCount * 8)
            .Select(s => new Subnet($"subnet-{s:x8}", vpcs[s % vpcCount].Id, Cidr.Parse($"10.{s % vpcCount}.{s / vpcCount * 16}.0/20").Value,
                null, $"us-east-1{(char)('a' + s % 3)}", $"subnet {s}"))
            .ToImmutableArray();
        var prefixLists = Enumerable.Range(0, 10)
            .Select(p => new PrefixList($"pl-{p:x8}", $"partners {p}", IpFamily.V4,
                [.. Enumerable.Range(0, 5).Select(e => Cidr.Parse($"198.{p}.{e}.0/24").Value)], p % 2 == 0 ? 10 + p : null))
            .ToImmutableArray();
        string GroupId(int g) => $"sg-{g:x17}";
        var groupList = Enumerable.Range(0, groups).Select(g =>
        {
            var vpc = vpcs[g % vpcCount].Id;
            var rules = Enumerable.Range(0, rulesPerGroup).Select(r =>
            {
                var id = $"sgr-{g:x8}{r:x5}";
                var direction = r % 4 == 3 ? Direction.Outbound : Direction.Inbound;
                Peer peer = (r % 5) switch
                {
                    0 or 1 => new CidrPeer(Cidr.Parse($"172.{r % 16 + 16}.{g % 256}.0/24").Value),
                    2 => new CidrPeer(Cidr.Parse($"2001:db8:{g:x}:{r:x}::/64").Value),
                    3 => new GroupPeer(GroupId((g + r * vpcCount) % groups / vpcCount * vpcCount + g % vpcCount)),
                    _ => new PrefixListPeer(prefixLists[r % prefixLists.Length].Id),
                };
                return (r % 7) switch
                {
                    0 => new Rule(id, direction, IpProtocol.All, -1, -1, peer, null),
                    1 => new Rule(id, direction, IpProtocol.Icmp, 8, -1, peer is CidrPeer { Block.Family: IpFamily.V6 } ? new CidrPeer(Cidr.AnyV4) : peer, "ping"),
                    2 => new Rule(id, direction, IpProtocol.Udp, 53, 53, peer, "dns"),
                    _ => new Rule(id, direction, IpProtocol.Tcp, 1000 + r, 1000 + r + g % 100, peer, $"service {r}"),
                };
            });
            return new SecurityGroup(GroupId(g), $"group-{g}", $"Generated group {g}", vpc,
                Tags(("Team", $"team-{g % 17}"), ("Index", $"{g}")),
                [.. rules]);
        }).ToImmutableArray();
        var instances = Enumerable.Range(0, enis * 4 / 5)
            .Select(i => new Instance($"i-{i:x17}", $"host-{i}", Tags(("Name", $"host-{i}")))
            {
                EphemeralPorts = (i % 6) switch
                {
                    1 => EphemeralPorts.Windows,
                    2 => EphemeralPorts.NatGateway,
                    3 => EphemeralPorts.LoadBalancer,
                    4 => new EphemeralPorts(EphemeralPortsKind.Custom, 1024 + i, 5000 + i),
                    _ => EphemeralPorts.Linux,
                },
            })
            .ToImmutableArray();
        var interfaces = Enumerable.Range(0, enis).Select(n =>
        {
            var v = n % vpcCount;
            var subnet = subnets[v + vpcCount * (n / vpcCount % 8)];
            var host = subnet.Cidr.First.Value + (UInt128)(n / (vpcCount * 8) % 4000 + 4);
            ImmutableArray<IpAddress> ips = n % 3 == 0
                ? [new IpAddress(IpFamily.V4, host), new IpAddress(IpFamily.V4, host + 1)]
                : [new IpAddress(IpFamily.V4, host)];
            var attached = Enumerable.Range(0, 1 + n % 3).Select(k => GroupId((n + k * vpcCount) % groups / vpcCount * vpcCount + v)).Distinct();
            return new NetworkInterface($"eni-{n:x17}", vpcs[v].Id, subnet.Id, n < instances.Length ? instances[n].Id : null,
                n < instances.Length ? 0 : null, ips, n % 10 == 0 ? new IpAddress(IpFamily.V4, 0xC6336400u + (uint)n % 250) : null,
                [.. attached], n < instances.Length ? null : "ELB or endpoint");
        }).ToImmutableArray();
        return Estate.Empty with
        {
            Vpcs = vpcs,
            Subnets = subnets,
            VpcConnections = [new VpcConnection(vpcs[0].Id, vpcs[1].Id, VpcConnectionKind.Peering, true)],
            Groups = groupList,
            PrefixLists = prefixLists,
            Instances = instances,
            NetworkInterfaces = interfaces,
            ExternalEndpoints = [new ExternalEndpoint("Internet", Cidr.AnyV4)],
            Quotas = new Quotas(100, 5),
            NetworkAcls = [.. vpcs.SelectMany((v, i) => Acls(v, i, subnets))],
        };
    }

    // Per VPC: the default ACL (allow all) and a custom one on every other subnet, whose rules mix every protocol,
    // both families, allow and deny.
    private static IEnumerable<NetworkAcl> Acls(Vpc vpc, int v, ImmutableArray<Subnet> subnets)
    {
        var any4 = Cidr.AnyV4;
        yield return new NetworkAcl($"acl-{v:x8}0", vpc.Id, IsDefault: true, [],
            [new NetworkAclEntry(100, IpProtocol.All, -1, -1, any4, AclAction.Allow)],
            [new NetworkAclEntry(100, IpProtocol.All, -1, -1, any4, AclAction.Allow)], "default");
        var mine = subnets.Where(s => s.VpcId == vpc.Id).Where((_, i) => i % 2 == 1).Select(s => s.Id).ToImmutableArray();
        yield return new NetworkAcl($"acl-{v:x8}1", vpc.Id, IsDefault: false, mine,
            [
                new NetworkAclEntry(90, IpProtocol.Tcp, 22, 22, Cidr.Parse($"203.0.{v}.0/24").Value, AclAction.Deny),
                new NetworkAclEntry(100, IpProtocol.Tcp, 443, 443, any4, AclAction.Allow),
                new NetworkAclEntry(110, IpProtocol.Udp, 53, 53, Cidr.Parse($"10.{v}.0.0/16").Value, AclAction.Allow),
                new NetworkAclEntry(120, IpProtocol.Icmp, 8, -1, any4, AclAction.Allow),
                new NetworkAclEntry(130, IpProtocol.Tcp, 1024, 65535, Cidr.AnyV6, AclAction.Allow),
                new NetworkAclEntry(32766, new IpProtocol(50), -1, -1, any4, AclAction.Allow),
            ],
            [
                new NetworkAclEntry(100, IpProtocol.All, -1, -1, any4, AclAction.Allow),
                new NetworkAclEntry(200, IpProtocol.Tcp, 1024, 65535, any4, AclAction.Allow),
            ], v % 2 == 0 ? null : $"private {v}");
    }

    private static ImmutableSortedDictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToImmutableSortedDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
}
