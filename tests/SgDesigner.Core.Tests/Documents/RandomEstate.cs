using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.Documents;

/// <summary>
/// Random estates that the designer would accept: VPCs with subnets, groups whose rules use every peer kind
/// and protocol family, ENIs in those subnets. Used by the round-trip property tests of every format.
/// </summary>
internal static class RandomEstate
{
    private const string NameChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._-:/()#,@[]+=&;{}!$*";

    /// <param name="random">The source of randomness.</param>
    /// <param name="withMetadata">Give about half of the rules an owner, justification, ticket and review-by date
    /// (formats that carry them: policy files, Terraform).</param>
    public static Estate Create(Random random, bool withMetadata = false)
    {
        var vpcCount = random.Next(1, 3);
        var vpcs = Enumerable.Range(0, vpcCount)
            .Select(v => new Vpc($"vpc-{v:x4}", random.Next(2) == 0 ? null : Text(random, 1, 12), v == 0 && random.Next(2) == 0
                ? [EstateBuilder.Block($"10.{v}.0.0/16"), EstateBuilder.Block("2600:1f18:aaaa::/56")]
                : [EstateBuilder.Block($"10.{v}.0.0/16")]))
            .ToImmutableArray();
        var subnets = vpcs.SelectMany((vpc, v) => Enumerable.Range(0, random.Next(1, 4)).Select(s => new Subnet(
            $"subnet-{v}{s:x3}", vpc.Id, EstateBuilder.Block($"10.{v}.{s}.0/24"),
            vpc.Cidrs.Length > 1 ? EstateBuilder.Block($"2600:1f18:aaaa:{s:x2}::/64") : null,
            random.Next(2) == 0 ? $"us-east-1{(char)('a' + s)}" : null,
            random.Next(2) == 0 ? Text(random, 1, 10) : null))).ToImmutableArray();
        var prefixLists = Enumerable.Range(0, random.Next(0, 3))
            .Select(p => new PrefixList($"pl-{p:x8}", $"list-{p}", IpFamily.V4, [.. Enumerable.Range(0, random.Next(1, 4)).Select(e => EstateBuilder.Block($"192.{p}.{e}.0/24"))]))
            .ToImmutableArray();
        var groupIds = vpcs.SelectMany((vpc, v) => Enumerable.Range(0, random.Next(1, 5)).Select(g => (Id: $"sg-{v}{g:x7}", Vpc: vpc.Id))).ToList();
        var ruleNumber = 0;
        var groups = groupIds.Select((g, index) => new SecurityGroup(
            g.Id,
            GroupName(random, index),
            Text(random, 1, 40),
            g.Vpc,
            Tags(random),
            [.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => RandomRule(random, $"sgr-{ruleNumber++:x8}", groupIds.Select(x => x.Id).ToList(), prefixLists) is var rule && withMetadata ? rule with { Metadata = Metadata(random) } : rule)
                .DistinctBy(r => (r.Direction, r.Protocol, r.FromPort, r.ToPort, r.Peer))]))
            .ToImmutableArray();
        var instances = Enumerable.Range(0, random.Next(0, 4)).Select(i => new Instance($"i-{i:x8}", random.Next(3) == 0 ? null : Text(random, 1, 10), Tags(random))).ToImmutableArray();
        var attached = new Dictionary<string, int>();
        var enis = subnets.SelectMany((subnet, s) => Enumerable.Range(0, random.Next(0, 3)).Select(e =>
        {
            var instance = instances.Length > 0 && random.Next(2) == 0 ? instances[random.Next(instances.Length)].Id : null;
            int? deviceIndex = null;
            if (instance is not null)
            {
                deviceIndex = attached.GetValueOrDefault(instance);
                attached[instance] = deviceIndex.Value + 1;
            }
            var candidates = groups.Where(g => g.VpcId == subnet.VpcId).Select(g => g.Id).ToList();
            var attachedGroups = candidates.OrderBy(_ => random.Next()).Take(random.Next(0, Math.Min(3, candidates.Count) + 1)).ToImmutableArray();
            var ips = ImmutableArray.Create(new IpAddress(IpFamily.V4, subnet.Cidr.Network + (UInt128)(10 + e * 2)));
            if (random.Next(3) == 0)
                ips = ips.Add(new IpAddress(IpFamily.V4, subnet.Cidr.Network + (UInt128)(11 + e * 2)));
            if (subnet.Ipv6Cidr is { } v6 && random.Next(2) == 0)
                ips = ips.Add(new IpAddress(IpFamily.V6, v6.Network + (UInt128)(100 + e)));
            return new NetworkInterface(
                $"eni-{s:x4}{e:x4}", subnet.VpcId, subnet.Id, instance, deviceIndex,
                ips, random.Next(3) == 0 ? new IpAddress(IpFamily.V4, (UInt128)random.Next(1, 1 << 30)) : null, attachedGroups,
                random.Next(2) == 0 ? Text(random, 1, 20) : null);
        })).ToImmutableArray();
        var connections = vpcCount > 1
            ? ImmutableArray.Create(new VpcConnection(vpcs[0].Id, vpcs[1].Id, random.Next(2) == 0 ? VpcConnectionKind.Peering : VpcConnectionKind.TransitGateway, random.Next(2) == 0))
            : [];
        var endpoints = Enumerable.Range(0, random.Next(0, 3)).Select(e => new ExternalEndpoint($"partner {e}", EstateBuilder.Block($"198.51.{e}.0/24"))).ToImmutableArray();
        return new Estate(vpcs, subnets, connections, groups, prefixLists, instances, enis, endpoints, new Quotas(60 + random.Next(3), 5 + random.Next(2)));
    }

    private static Rule RandomRule(Random random, string id, List<string> groupIds, ImmutableArray<PrefixList> prefixLists)
    {
        var direction = random.Next(2) == 0 ? Direction.Inbound : Direction.Outbound;
        var (protocol, from, to) = random.Next(7) switch
        {
            0 => (IpProtocol.All, -1, -1),
            1 => (IpProtocol.Udp, 53, 53),
            2 => (IpProtocol.Icmp, random.Next(-1, 20), -1),
            3 => (IpProtocol.Icmp, 8, 0),
            4 => (new IpProtocol(random.Next(2) == 0 ? 50 : 47), -1, -1),
            _ => PortRange(random),
        };
        Peer peer = random.Next(5) switch
        {
            0 => new GroupPeer(groupIds[random.Next(groupIds.Count)]),
            1 when prefixLists.Length > 0 => new PrefixListPeer(prefixLists[random.Next(prefixLists.Length)].Id),
            2 when protocol != IpProtocol.Icmp => new CidrPeer(random.Next(2) == 0 ? Cidr.AnyV6 : EstateBuilder.Block($"2001:db8:{random.Next(65535):x}::/48")),
            3 => new CidrPeer(Cidr.AnyV4),
            _ => new CidrPeer(new Cidr(new IpAddress(IpFamily.V4, (UInt128)(uint)random.Next()), random.Next(8, 33))),
        };
        return new Rule(id, direction, protocol, from, to, peer, random.Next(2) == 0 ? null : Text(random, 0, 30));
    }

    /// <summary>Metadata with each part present or not; texts from any characters a tag value holds (trimmed by the model).</summary>
    public static RuleMetadata Metadata(Random random) => random.Next(2) == 0
        ? default
        : RuleMetadata.Create(
            random.Next(2) == 0 ? null : $"team-{Text(random, 1, 12)}",
            random.Next(2) == 0 ? null : Text(random, 0, 60) + (random.Next(4) == 0 ? " Zürich \"ops\" <&> ${x} %{y}" : ""),
            random.Next(2) == 0 ? null : $"NET-{random.Next(1, 99999)}",
            random.Next(2) == 0 ? null : new DateOnly(2024, 1, 1).AddDays(random.Next(0, 2000)));

    private static (IpProtocol, int, int) PortRange(Random random)
    {
        var from = random.Next(0, 65536);
        return (IpProtocol.Tcp, from, random.Next(2) == 0 ? from : random.Next(from, 65536));
    }

    private static ImmutableSortedDictionary<string, string> Tags(Random random)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (var i = random.Next(0, 3); i > 0; i--)
            builder[random.Next(2) == 0 ? "Name" : $"team-{i}"] = random.Next(4) == 0 ? "Zürich \"ops\" <&>" : Text(random, 0, 10);
        return builder.ToImmutable();
    }

    private static string Text(Random random, int min, int max) =>
        new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => NameChars[random.Next(NameChars.Length)])]);

    // Any of the characters AWS allows, never the reserved "sg-" at the start (one name in about 10^5 drew it).
    private static string GroupName(Random random, int index)
    {
        var name = $"{Text(random, 0, 20)}g{index}";
        return name.StartsWith(SgDesigner.Core.Validation.AwsLimits.ReservedGroupNamePrefix, StringComparison.OrdinalIgnoreCase) ? "g" + name : name;
    }
}
