using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Tests.Support;

/// <summary>
/// Small random estates that exercise every corner of the semantics: CIDR rules of every prefix length
/// over a small address pool (so blocks overlap and split ENIs), self, cross and stale references,
/// -1/tcp/udp/icmp/icmpv6 (with wildcards and the invalid type -1 code n)/other protocols, IPv6,
/// prefix lists (one missing), ENIs with several groups and IPs, public IPs, and up to three VPCs
/// connected with or without group referencing.
/// </summary>
internal static class RandomEstates
{
    private static readonly string[] Protocols = ["-1", "tcp", "tcp", "udp", "icmp", "icmpv6", "50"];
    private static readonly int[] Ports = [0, 22, 80, 443, 1024, 65535];
    private static readonly int[] IcmpNumbers = [-1, -1, 0, 3, 8];

    public static Estate Make(int seed, int size)
    {
        var random = new Random(seed);
        var vpcCount = 1 + random.Next(3);
        var vpcs = Enumerable.Range(0, vpcCount)
            .Select(v => new Vpc($"vpc-{v}", null, [Cidr.Parse($"10.{v}.0.0/16").Value]))
            .ToImmutableArray();
        var connections = ImmutableArray.CreateBuilder<VpcConnection>();
        for (var a = 0; a < vpcCount; a++)
        {
            for (var b = a + 1; b < vpcCount; b++)
            {
                var kind = random.Next(3);
                if (kind > 0)
                    connections.Add(new VpcConnection($"vpc-{a}", $"vpc-{b}", VpcConnectionKind.Peering, kind == 2));
            }
        }
        var prefixLists = ImmutableArray.Create(
            new PrefixList("pl-4", "v4", IpFamily.V4, [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => RandomCidr(random, IpFamily.V4, vpcCount))]),
            new PrefixList("pl-6", "v6", IpFamily.V6, [RandomCidr(random, IpFamily.V6, vpcCount)]));

        var groupCount = 1 + random.Next(size);
        var groups = ImmutableArray.CreateBuilder<SecurityGroup>();
        var ruleNumber = 0;
        for (var g = 0; g < groupCount; g++)
        {
            var rules = Enumerable.Range(0, random.Next(size + 2)).Select(_ => RandomRule(random, $"sgr-{seed}-{ruleNumber++}", groupCount, vpcCount));
            groups.Add(new SecurityGroup($"sg-{g}", $"g{g}", "random", $"vpc-{random.Next(vpcCount)}",
                ImmutableSortedDictionary<string, string>.Empty, [.. rules]));
        }

        var enis = ImmutableArray.CreateBuilder<NetworkInterface>();
        var eniCount = 1 + random.Next(size + 2);
        for (var e = 0; e < eniCount; e++)
        {
            var vpc = random.Next(vpcCount);
            var family = random.Next(6) == 0 ? IpFamily.V6 : IpFamily.V4;
            var ips = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => RandomIp(random, family, vpcCount)).Distinct();
            var eniGroups = Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(8) == 0 ? "sg-9" : $"sg-{random.Next(groupCount)}").Distinct();
            IpAddress? publicIp = random.Next(4) == 0 ? IpAddress.Parse($"54.0.0.{e}").Value : null;
            enis.Add(new NetworkInterface($"eni-{e}", $"vpc-{vpc}", null, null, null, [.. ips], publicIp, [.. eniGroups]));
        }
        return Estate.Empty with
        {
            Vpcs = vpcs,
            VpcConnections = connections.ToImmutable(),
            PrefixLists = prefixLists,
            Groups = groups.ToImmutable(),
            NetworkInterfaces = enis.ToImmutable(),
        };
    }

    /// <summary>
    /// As <see cref="Make"/>, with 20 to 40 single-address ENIs carrying one of a few sets of the groups, on the small
    /// address pool (now and then IPv6): behaviours of many classes (the rules' blocks split them), several ENIs per class.
    /// </summary>
    public static Estate Crowded(int seed, int size)
    {
        var estate = Make(seed, size);
        var random = new Random(seed ^ 0xc40d);
        var vpcCount = estate.Vpcs.Length;
        var groupSets = Enumerable.Range(0, 1 + random.Next(3))
            .Select(_ => estate.Groups.Where(_ => random.Next(2) == 0).Select(g => g.Id).ToImmutableArray()).ToList();
        var enis = Enumerable.Range(0, 20 + random.Next(21)).Select(e => new NetworkInterface($"eni-{e}", $"vpc-{random.Next(vpcCount)}", null, null, null,
            [RandomIp(random, random.Next(8) == 0 ? IpFamily.V6 : IpFamily.V4, vpcCount)], null, groupSets[random.Next(groupSets.Count)]));
        return estate with { NetworkInterfaces = [.. enis] };
    }

    public static Rule RandomRule(Random random, string id, int groupCount, int vpcCount)
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
            from = IcmpNumbers[random.Next(IcmpNumbers.Length)];
            to = IcmpNumbers[random.Next(IcmpNumbers.Length)];
        }
        Peer peer = random.Next(10) switch
        {
            < 3 => new CidrPeer(RandomCidr(random, IpFamily.V4, vpcCount)),
            3 => new CidrPeer(RandomCidr(random, IpFamily.V6, vpcCount)),
            < 8 => new GroupPeer(random.Next(10) == 0 ? "sg-9" : $"sg-{random.Next(groupCount)}"),
            8 => new PrefixListPeer(random.Next(2) == 0 ? "pl-4" : "pl-6"),
            _ => new PrefixListPeer(random.Next(3) == 0 ? "pl-missing" : "pl-4"),
        };
        return new Rule(id, random.Next(2) == 0 ? Direction.Inbound : Direction.Outbound, protocol, from, to, peer);
    }

    // A small pool, so that CIDRs of every length overlap the ENIs' addresses in interesting ways.
    public static IpAddress RandomIp(Random random, IpFamily family, int vpcCount) => family == IpFamily.V4
        ? IpAddress.Parse($"10.{random.Next(vpcCount)}.0.{random.Next(16)}").Value
        : IpAddress.Parse($"2001:db8::{random.Next(16):x}").Value;

    public static Cidr RandomCidr(Random random, IpFamily family, int vpcCount)
    {
        var bits = IpAddress.BitsOf(family);
        // Mostly long prefixes (which split the pool), sometimes any length down to /0.
        var length = random.Next(3) == 0 ? random.Next(bits + 1) : bits - random.Next(6);
        return new Cidr(RandomIp(random, family, vpcCount), length);
    }

    /// <summary>A random concrete connection, biased towards the numbers the rules use.</summary>
    public static Traffic RandomTraffic(Random random) => random.Next(7) switch
    {
        0 or 1 => Traffic.Tcp(Ports[random.Next(Ports.Length)] + random.Next(2)),
        2 => Traffic.Udp(Ports[random.Next(Ports.Length)]),
        3 => Traffic.Icmp(Math.Max(0, IcmpNumbers[random.Next(IcmpNumbers.Length)]), random.Next(5)),
        4 => Traffic.IcmpV6(Math.Max(0, IcmpNumbers[random.Next(IcmpNumbers.Length)]), random.Next(5)),
        5 => Traffic.Other(50),
        _ => Traffic.Other(47),
    };

    /// <summary>Every way to name an end: each ENI on each private IP and on its public IP, and a few outside addresses.</summary>
    public static List<Endpoint> Endpoints(Estate estate)
    {
        var list = new List<Endpoint>();
        foreach (var e in estate.NetworkInterfaces)
        {
            list.AddRange(e.PrivateIps.Select(ip => (Endpoint)new EniEndpoint(e.Id, ip)));
            if (e.PublicIp is { } pub)
                list.Add(new EniEndpoint(e.Id, pub));
        }
        list.Add(new ExternalEndpointIp(IpAddress.Parse("10.0.0.3").Value));
        list.Add(new ExternalEndpointIp(IpAddress.Parse("203.0.113.9").Value));
        list.Add(new ExternalEndpointIp(IpAddress.Parse("2001:db8::7").Value));
        return list;
    }

    /// <summary>The estate with one random rule added, changed or removed.</summary>
    public static Estate WithOneRuleEdit(Estate estate, Random random)
    {
        var group = estate.Groups[random.Next(estate.Groups.Length)];
        var vpcCount = estate.Vpcs.Length;
        var newRule = RandomRule(random, $"sgr-edit-{random.Next()}", estate.Groups.Length, vpcCount);
        var rules = random.Next(3) switch
        {
            0 when group.Rules.Length > 0 => group.Rules.RemoveAt(random.Next(group.Rules.Length)),
            1 when group.Rules.Length > 0 => group.Rules.SetItem(random.Next(group.Rules.Length), newRule),
            _ => group.Rules.Add(newRule),
        };
        return estate.WithGroup(group with { Rules = rules });
    }
}
