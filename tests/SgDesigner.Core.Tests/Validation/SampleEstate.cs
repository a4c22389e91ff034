using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.Validation;

/// <summary>A small valid estate (one VPC, two subnets, web and db groups, two ENIs) to break one thing at a time.</summary>
internal static class SampleEstate
{
    public static Cidr C(string text) => EstateBuilder.Block(text);

    public static IpAddress Ip(string text) => EstateBuilder.Ip(text);

    public static Rule Tcp(string id, Direction direction, int from, int to, Peer peer, string? description = null) =>
        new(id, direction, IpProtocol.Tcp, from, to, peer, description);

    public static Estate Build()
    {
        var web = new SecurityGroup("sg-web", "web", "Web servers", "vpc-1", ImmutableSortedDictionary<string, string>.Empty,
        [
            Tcp("sgr-1", Direction.Inbound, 443, 443, new CidrPeer(Cidr.AnyV4), "HTTPS from anywhere"),
            new Rule("sgr-2", Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4)),
        ]);
        var db = new SecurityGroup("sg-db", "db", "Database", "vpc-1", ImmutableSortedDictionary<string, string>.Empty,
        [
            Tcp("sgr-3", Direction.Inbound, 5432, 5432, new GroupPeer("sg-web")),
            Tcp("sgr-4", Direction.Inbound, 5432, 5432, new PrefixListPeer("pl-office")),
        ]);
        return Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-1", "main", [C("10.0.0.0/16")])],
            Subnets = [new Subnet("subnet-a", "vpc-1", C("10.0.1.0/24")), new Subnet("subnet-b", "vpc-1", C("10.0.2.0/24"))],
            Groups = [web, db],
            PrefixLists = [new PrefixList("pl-office", "office", IpFamily.V4, [C("192.0.2.0/24")])],
            Instances = [new Instance("i-web", "web-1", ImmutableSortedDictionary<string, string>.Empty)],
            NetworkInterfaces =
            [
                new NetworkInterface("eni-web", "vpc-1", "subnet-a", "i-web", 0, [Ip("10.0.1.10")], Ip("203.0.113.5"), ["sg-web"]),
                new NetworkInterface("eni-db", "vpc-1", "subnet-b", null, null, [Ip("10.0.2.20")], null, ["sg-db"]),
            ],
        };
    }

    public static Estate WithGroupChanged(this Estate estate, string id, Func<SecurityGroup, SecurityGroup> change) =>
        estate.WithGroup(change(estate.FindGroup(id)!));

    public static Estate WithRule(this Estate estate, string groupId, Rule rule) =>
        estate.WithGroupChanged(groupId, g => g with { Rules = g.Rules.Add(rule) });
}
