using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Samples;

/// <summary>
/// The demo policy seeded on first start: a three-tier web application behind a load balancer, the tiers
/// chained by group references (alb → web → app → db), and a bastion that alone may open SSH to them.
/// </summary>
public static class DemoEstate
{
    /// <summary>The demo VPC's id.</summary>
    public const string VpcId = "vpc-0d3e0a1b2c3d4e5f6";

    /// <summary>Group ids by tier.</summary>
    public const string Alb = "sg-0a1b000000000a1b0", Web = "sg-0a1b000000000eb00", App = "sg-0a1b0000000000a99",
        Db = "sg-0a1b0000000000db0", Bastion = "sg-0a1b00000000ba570";

    private static readonly Cidr Office = Cidr.Parse("203.0.113.0/24").Value;

    /// <summary>Builds the demo estate.</summary>
    public static Estate Build()
    {
        var vpc = new Vpc(VpcId, "demo-shop", [Cidr.Parse("10.0.0.0/16").Value, Cidr.Parse("2600:1f18:4a3:6e00::/56").Value]);
        ImmutableArray<Subnet> subnets =
        [
            Subnet("subnet-0aa00000000000001", "10.0.0.0/24", "us-east-1a", "public-a"),
            Subnet("subnet-0aa00000000000002", "10.0.1.0/24", "us-east-1b", "public-b"),
            Subnet("subnet-0bb00000000000001", "10.0.10.0/24", "us-east-1a", "private-a"),
            Subnet("subnet-0bb00000000000002", "10.0.11.0/24", "us-east-1b", "private-b"),
        ];
        ImmutableArray<SecurityGroup> groups =
        [
            Group(Alb, "demo-alb", "Public load balancer: HTTPS and HTTP from anywhere",
                In("sgr-0a1b0000000000001", Tcp(443), Any4, "HTTPS from the internet"),
                In("sgr-0a1b0000000000002", Tcp(443), Any6, "HTTPS from the internet (IPv6)"),
                In("sgr-0a1b0000000000003", Tcp(80), Any4, "HTTP, redirected to HTTPS"),
                In("sgr-0a1b0000000000004", Tcp(80), Any6, "HTTP, redirected to HTTPS (IPv6)"),
                Out("sgr-0a1b0000000000005", Tcp(8080), new GroupPeer(Web), "Forward to the web tier")),
            Group(Web, "demo-web", "Web tier: traffic from the load balancer only",
                In("sgr-0a1b0000000000011", Tcp(8080), new GroupPeer(Alb), "From the load balancer"),
                In("sgr-0a1b0000000000012", Tcp(22), new GroupPeer(Bastion), "SSH from the bastion"),
                Out("sgr-0a1b0000000000013", Tcp(8443), new GroupPeer(App), "Calls to the app tier"),
                Out("sgr-0a1b0000000000014", Tcp(443), Any4, "Package updates and third-party APIs")),
            Group(App, "demo-app", "Application tier: API calls from the web tier",
                In("sgr-0a1b0000000000021", Tcp(8443), new GroupPeer(Web), "API from the web tier"),
                In("sgr-0a1b0000000000022", Tcp(22), new GroupPeer(Bastion), "SSH from the bastion"),
                Out("sgr-0a1b0000000000023", Tcp(5432), new GroupPeer(Db), "PostgreSQL"),
                Out("sgr-0a1b0000000000024", Tcp(443), Any4, "Payment provider and AWS APIs")),
            Group(Db, "demo-db", "Database tier: PostgreSQL primary and replica",
                In("sgr-0a1b0000000000031", Tcp(5432), new GroupPeer(App), "PostgreSQL from the app tier"),
                In("sgr-0a1b0000000000032", Tcp(5432), new GroupPeer(Db), "Streaming replication between members"),
                In("sgr-0a1b0000000000033", Tcp(22), new GroupPeer(Bastion), "SSH from the bastion"),
                Out("sgr-0a1b0000000000034", Tcp(5432), new GroupPeer(Db), "Streaming replication between members")),
            Group(Bastion, "demo-bastion", "SSH jump host, reachable from the office only",
                In("sgr-0a1b0000000000041", Tcp(22), new CidrPeer(Office), "SSH from the office network"),
                Out("sgr-0a1b0000000000042", Tcp(22), new GroupPeer(Web), "SSH to the web tier"),
                Out("sgr-0a1b0000000000043", Tcp(22), new GroupPeer(App), "SSH to the app tier"),
                Out("sgr-0a1b0000000000044", Tcp(22), new GroupPeer(Db), "SSH to the database tier")),
        ];
        (string Id, string Name, string Role)[] instances =
        [
            ("i-0eb0000000000b001", "web-1", "web"), ("i-0eb0000000000b002", "web-2", "web"),
            ("i-0a90000000000a001", "app-1", "app"), ("i-0a90000000000a002", "app-2", "app"),
            ("i-0db0000000000d001", "db-primary", "db"), ("i-0db0000000000d002", "db-replica", "db"),
            ("i-0ba0000000000ba57", "bastion", "bastion"),
        ];
        ImmutableArray<NetworkInterface> enis =
        [
            Eni("eni-0a1b000000000a101", "subnet-0aa00000000000001", null, "10.0.0.10", Alb, "ELB app/demo-alb/50dc6c495c0c9188"),
            Eni("eni-0a1b000000000a102", "subnet-0aa00000000000002", null, "10.0.1.10", Alb, "ELB app/demo-alb/50dc6c495c0c9188"),
            Eni("eni-0eb000000000b0011", "subnet-0bb00000000000001", "i-0eb0000000000b001", "10.0.10.21", Web),
            Eni("eni-0eb000000000b0021", "subnet-0bb00000000000002", "i-0eb0000000000b002", "10.0.11.21", Web),
            Eni("eni-0a9000000000a0011", "subnet-0bb00000000000001", "i-0a90000000000a001", "10.0.10.31", App),
            Eni("eni-0a9000000000a0021", "subnet-0bb00000000000002", "i-0a90000000000a002", "10.0.11.31", App),
            Eni("eni-0db000000000d0011", "subnet-0bb00000000000001", "i-0db0000000000d001", "10.0.10.41", Db),
            Eni("eni-0db000000000d0021", "subnet-0bb00000000000002", "i-0db0000000000d002", "10.0.11.41", Db),
            Eni("eni-0ba000000000ba571", "subnet-0aa00000000000001", "i-0ba0000000000ba57", "10.0.0.5", Bastion, publicIp: "198.51.100.7"),
        ];
        return Estate.Empty with
        {
            Vpcs = [vpc],
            Subnets = subnets,
            Groups = groups,
            Instances = [.. instances.Select(i => new Instance(i.Id, i.Name, Tags(("Name", i.Name), ("Role", i.Role), ("Env", "demo"))))],
            NetworkInterfaces = enis,
            ExternalEndpoints = [new ExternalEndpoint("Internet", Cidr.AnyV4), new ExternalEndpoint("Office", Office)],
        };
    }

    private static readonly Peer Any4 = new CidrPeer(Cidr.AnyV4);
    private static readonly Peer Any6 = new CidrPeer(Cidr.AnyV6);

    private static Subnet Subnet(string id, string cidr, string zone, string name) =>
        new(id, VpcId, Cidr.Parse(cidr).Value, null, zone, name);

    private static (IpProtocol Protocol, int From, int To) Tcp(int port) => (IpProtocol.Tcp, port, port);

    private static Rule In(string id, (IpProtocol Protocol, int From, int To) t, Peer peer, string description) =>
        new(id, Direction.Inbound, t.Protocol, t.From, t.To, peer, description);

    private static Rule Out(string id, (IpProtocol Protocol, int From, int To) t, Peer peer, string description) =>
        new(id, Direction.Outbound, t.Protocol, t.From, t.To, peer, description);

    private static SecurityGroup Group(string id, string name, string description, params Rule[] rules) =>
        new(id, name, description, VpcId, Tags(("Name", name), ("Env", "demo")), [.. rules]);

    private static ImmutableSortedDictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToImmutableSortedDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    private static NetworkInterface Eni(
        string id, string subnet, string? instance, string ip, string group, string? description = null, string? publicIp = null) =>
        new(id, VpcId, subnet, instance, instance is null ? null : 0, [IpAddress.Parse(ip).Value],
            publicIp is null ? null : IpAddress.Parse(publicIp).Value, [group], description);
}
