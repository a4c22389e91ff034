using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Tests.Support;

/// <summary>
/// A small estate for network ACL tests: one VPC 10.0.0.0/16 with subnets a (10.0.1.0/24) and b (10.0.2.0/24),
/// one group allowing everything both ways, and ENIs a1, a2 (subnet a, instances i-a1, i-a2) and b1 (subnet b).
/// </summary>
internal static class AclEstates
{
    public static Cidr Block(string text) => Cidr.Parse(text).Value;

    public static NetworkAclEntry Allow(int number, string protocol, int from, int to, string cidr) =>
        new(number, IpProtocol.Parse(protocol).Value, from, to, Block(cidr), AclAction.Allow);

    public static NetworkAclEntry Deny(int number, string protocol, int from, int to, string cidr) =>
        new(number, IpProtocol.Parse(protocol).Value, from, to, Block(cidr), AclAction.Deny);

    /// <summary>Allows every packet of both families.</summary>
    public static ImmutableArray<NetworkAclEntry> AllowAll => [Allow(100, "-1", -1, -1, "0.0.0.0/0"), Allow(101, "-1", -1, -1, "::/0")];

    public static NetworkAcl Acl(string id, string subnet, ImmutableArray<NetworkAclEntry> inbound, ImmutableArray<NetworkAclEntry> outbound) =>
        new(id, "vpc-1", false, [subnet], inbound, outbound);

    public static Estate Base(EphemeralPorts? a1Ports = null)
    {
        var all = new SecurityGroup("sg-all", "all", "all", "vpc-1", ImmutableSortedDictionary<string, string>.Empty,
        [
            new Rule("sgr-in", Direction.Inbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4)),
            new Rule("sgr-out", Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4)),
        ]);
        return Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-1", null, [Block("10.0.0.0/16")])],
            Subnets = [new Subnet("subnet-a", "vpc-1", Block("10.0.1.0/24")), new Subnet("subnet-b", "vpc-1", Block("10.0.2.0/24"))],
            Groups = [all],
            Instances =
            [
                new Instance("i-a1", "a1", ImmutableSortedDictionary<string, string>.Empty) { EphemeralPorts = a1Ports ?? EphemeralPorts.Linux },
                new Instance("i-a2", "a2", ImmutableSortedDictionary<string, string>.Empty),
            ],
            NetworkInterfaces =
            [
                Eni("eni-a1", "subnet-a", "10.0.1.10", "i-a1"),
                Eni("eni-a2", "subnet-a", "10.0.1.11", "i-a2"),
                Eni("eni-b1", "subnet-b", "10.0.2.20", null),
            ],
        };
    }

    public static NetworkInterface Eni(string id, string subnet, string ip, string? instance) =>
        new(id, "vpc-1", subnet, instance, instance is null ? null : 0, [IpAddress.Parse(ip).Value], null, ["sg-all"]);

    public static Estate With(params NetworkAcl[] acls) => Base() with { NetworkAcls = [.. acls] };

    public static Endpoint At(Estate estate, string eniOrIp)
    {
        var eni = estate.NetworkInterfaces.FirstOrDefault(n => n.Id == eniOrIp);
        return eni is not null ? new EniEndpoint(eni.Id, eni.PrimaryIp!.Value) : new ExternalEndpointIp(IpAddress.Parse(eniOrIp).Value);
    }

    public static Verdict Query(Estate estate, string from, string to, Traffic traffic) =>
        ReachabilityEngine.Build(estate).Query(At(estate, from), At(estate, to), traffic);

    public static Explanation Explain(Estate estate, string from, string to, Traffic traffic) =>
        ReachabilityEngine.Build(estate).Explain(At(estate, from), At(estate, to), traffic);
}
