using System.Collections.Immutable;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;

namespace SgDesigner.Cli.Tests.Support;

/// <summary>Small estates built in code and written as policy documents for the commands to read.</summary>
internal static class Policies
{
    public static string Write(TempFolder folder, string fileName, Estate estate) =>
        folder.Write(fileName, PolicyDocumentJson.Write(new PolicyDocument(Path.GetFileNameWithoutExtension(fileName), null, estate)));

    public static Rule Inbound(string id, IpProtocol protocol, int from, int to, Peer peer) =>
        new(id, Direction.Inbound, protocol, from, to, peer);

    public static Rule Outbound(string id, IpProtocol protocol, int from, int to, Peer peer) =>
        new(id, Direction.Outbound, protocol, from, to, peer);

    public static Rule EgressAll(string id) => Outbound(id, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4));

    public static Cidr Block(string text) => Cidr.Parse(text).Value;

    public static IpAddress Ip(string text) => IpAddress.Parse(text).Value;

    public static SecurityGroup Group(string id, string name, params Rule[] rules) =>
        new(id, name, name, "vpc-1", ImmutableSortedDictionary<string, string>.Empty, [.. rules]);

    public static NetworkInterface Eni(string id, string ip, params string[] groups) =>
        new(id, "vpc-1", "subnet-1", null, null, [Ip(ip)], null, [.. groups]);

    /// <summary>One VPC 10.0.0.0/16 with one subnet 10.0.1.0/24 holding the given groups and ENIs.</summary>
    public static Estate Estate(IEnumerable<SecurityGroup> groups, IEnumerable<NetworkInterface> enis) =>
        Core.Model.Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-1", "main", [Block("10.0.0.0/16")])],
            Subnets = [new Subnet("subnet-1", "vpc-1", Block("10.0.1.0/24"))],
            Groups = [.. groups],
            NetworkInterfaces = [.. enis],
        };
}
