using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Tests.Lint;

/// <summary>Terse construction of hand-written estates for the lint, diff and assertion tests.</summary>
internal static class TestEstate
{
    public const string Vpc = "vpc-1";

    /// <summary>A peer from text: <c>sg-…</c> is a group, <c>pl-…</c> a prefix list, anything else a CIDR.</summary>
    public static Peer Peer(string text) => text switch
    {
        _ when text.StartsWith("sg-", StringComparison.Ordinal) => new GroupPeer(text),
        _ when text.StartsWith("pl-", StringComparison.Ordinal) => new PrefixListPeer(text),
        _ => new CidrPeer(Cidr.Parse(text).Value),
    };

    public static Rule In(string id, string protocol, int from, int to, string peer) =>
        new(id, Direction.Inbound, IpProtocol.Parse(protocol).Value, from, to, Peer(peer));

    public static Rule Out(string id, string protocol, int from, int to, string peer) =>
        new(id, Direction.Outbound, IpProtocol.Parse(protocol).Value, from, to, Peer(peer));

    public static SecurityGroup Group(string id, string name, params Rule[] rules) =>
        new(id, name, name, Vpc, ImmutableSortedDictionary<string, string>.Empty, [.. rules]);

    public static NetworkInterface Eni(string id, string ip, params string[] groupIds) =>
        new(id, Vpc, "subnet-1", null, null, [IpAddress.Parse(ip).Value], null, [.. groupIds]);

    public static Estate Of(IEnumerable<SecurityGroup> groups, IEnumerable<NetworkInterface>? enis = null, string vpcCidr = "10.0.0.0/16") =>
        Estate.Empty with
        {
            Vpcs = [new Vpc(Vpc, "main", [Cidr.Parse(vpcCidr).Value])],
            Subnets = [new Subnet("subnet-1", Vpc, Cidr.Parse(vpcCidr).Value)],
            Groups = [.. groups],
            NetworkInterfaces = [.. enis ?? []],
        };

    public static Estate Of(params SecurityGroup[] groups) => Of(groups, null);
}
