using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary>
/// Adds subnets, instances with every kind of ephemeral range, and network ACLs to a <see cref="RandomEstates"/>
/// estate: default and custom ACLs, rule numbers out of list order, allow and deny, every protocol, ports at the
/// boundaries of the ephemeral ranges, CIDRs of both families and every length.
/// </summary>
internal static class RandomAcls
{
    private static readonly string[] Protocols = ["-1", "-1", "tcp", "tcp", "tcp", "udp", "icmp", "icmpv6", "50"];
    private static readonly int[] Ports = [0, 22, 443, 1023, 1024, 5000, 32767, 32768, 40000, 49151, 49152, 60999, 61000, 65535];
    private static readonly int[] Numbers = [1, 10, 100, 200, 32766];

    public static Estate Make(int seed, int size) => Add(RandomEstates.Make(seed, size), seed);

    /// <summary>The subnets, instances and ACLs of <see cref="Make"/> added to the ENIs of <paramref name="estate"/> (a <see cref="RandomEstates"/> estate).</summary>
    public static Estate Add(Estate estate, int seed)
    {
        var random = new Random(seed ^ 0x5eed);
        var subnets = estate.Vpcs.SelectMany((v, i) => new[]
        {
            new Subnet($"subnet-{i}-0", v.Id, Cidr.Parse($"10.{i}.0.0/29").Value),
            new Subnet($"subnet-{i}-1", v.Id, Cidr.Parse($"10.{i}.0.8/29").Value),
        }).ToImmutableArray();
        var instances = new List<Instance>();
        var enis = estate.NetworkInterfaces.Select(e =>
        {
            var own = subnets.Where(s => s.VpcId == e.VpcId).ToList();
            var subnet = random.Next(6) == 0 ? null : own[random.Next(own.Count)].Id;
            string? instance = null;
            if (random.Next(4) > 0)
            {
                instance = $"i-{e.Id}";
                instances.Add(new Instance(instance, null, ImmutableSortedDictionary<string, string>.Empty) { EphemeralPorts = RandomPorts(random) });
            }
            return e with { SubnetId = subnet, InstanceId = instance, DeviceIndex = instance is null ? null : 0 };
        }).ToImmutableArray();

        var acls = new List<NetworkAcl>();
        foreach (var vpc in estate.Vpcs)
        {
            var free = subnets.Where(s => s.VpcId == vpc.Id).Select(s => s.Id).ToList();
            if (random.Next(10) < 7)
                acls.Add(RandomAcl(random, $"acl-{vpc.Id}-d", vpc.Id, true, []));
            for (var c = random.Next(3); c > 0 && free.Count > 0; c--)
            {
                var taken = free.Where(_ => random.Next(2) == 0).ToList();
                free.RemoveAll(taken.Contains);
                acls.Add(RandomAcl(random, $"acl-{vpc.Id}-{c}", vpc.Id, false, taken));
            }
        }
        return estate with { Subnets = subnets, Instances = [.. instances], NetworkInterfaces = enis, NetworkAcls = [.. acls] };
    }

    /// <summary>
    /// As <see cref="Make"/>, with most groups also allowing all traffic both ways with every address, so that the groups
    /// allow many pairs and the ACLs decide (random group rules alone rarely let two ENIs talk).
    /// </summary>
    public static Estate MakeOpen(int seed, int size) => Opened(Make(seed, size), seed);

    /// <summary>Most groups of <paramref name="estate"/> also allowing all traffic both ways with every address, as in <see cref="MakeOpen"/>.</summary>
    public static Estate Opened(Estate estate, int seed)
    {
        var random = new Random(seed ^ 0x0be7);
        return estate with
        {
            Groups = [.. estate.Groups.Select(g => random.Next(5) == 0 ? g : g with
            {
                Rules =
                [
                    .. g.Rules,
                    new Rule($"sgr-open-in-{g.Id}", Direction.Inbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4)),
                    new Rule($"sgr-open-in6-{g.Id}", Direction.Inbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV6)),
                    new Rule($"sgr-open-out-{g.Id}", Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4)),
                    new Rule($"sgr-open-out6-{g.Id}", Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV6)),
                ],
            })],
        };
    }

    /// <summary>Traffic biased to what ACL rules split on: boundary ports, echo requests, other protocols.</summary>
    public static Traffic RandomTraffic(Random random) => random.Next(6) switch
    {
        0 or 1 => Traffic.Tcp(Ports[random.Next(Ports.Length)]),
        2 => Traffic.Udp(Ports[random.Next(Ports.Length)]),
        3 => random.Next(2) == 0 ? Traffic.Icmp(8, 0) : Traffic.IcmpV6(128, 0),
        _ => RandomEstates.RandomTraffic(random),
    };

    private static EphemeralPorts RandomPorts(Random random)
    {
        switch (random.Next(5))
        {
            case 0: return EphemeralPorts.Windows;
            case 1: return EphemeralPorts.NatGateway;
            case 2:
                var from = Ports[1 + random.Next(Ports.Length - 1)];
                return new EphemeralPorts(EphemeralPortsKind.Custom, from, Math.Max(from, Ports[random.Next(Ports.Length)]));
            default: return EphemeralPorts.Linux;
        }
    }

    private static NetworkAcl RandomAcl(Random random, string id, string vpc, bool isDefault, List<string> subnets) =>
        new(id, vpc, isDefault, [.. subnets], Entries(random), Entries(random));

    private static ImmutableArray<NetworkAclEntry> Entries(Random random)
    {
        var numbers = Numbers.OrderBy(_ => random.Next()).Take(random.Next(5)).ToList();
        return [.. numbers.Select(n => Entry(random, n))];
    }

    private static NetworkAclEntry Entry(Random random, int number)
    {
        var protocol = IpProtocol.Parse(Protocols[random.Next(Protocols.Length)]).Value;
        int from = -1, to = -1;
        if (protocol.HasPorts)
        {
            from = Ports[random.Next(Ports.Length)];
            to = Math.Max(from, Ports[random.Next(Ports.Length)]);
        }
        else if (protocol.IsIcmp)
        {
            from = new[] { -1, 0, 8, 128, 129, 3 }[random.Next(6)];
            to = from == -1 ? -1 : new[] { -1, 0 }[random.Next(2)];
        }
        var cidr = random.Next(5) switch
        {
            0 or 1 => Cidr.AnyV4,
            2 => Cidr.AnyV6,
            3 => RandomEstates.RandomCidr(random, IpFamily.V4, 3),
            _ => RandomEstates.RandomCidr(random, random.Next(3) == 0 ? IpFamily.V6 : IpFamily.V4, 3),
        };
        return new NetworkAclEntry(number, protocol, from, to, cidr, random.Next(3) == 0 ? AclAction.Deny : AclAction.Allow);
    }
}
