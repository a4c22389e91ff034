using System.Collections.Immutable;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Core.Synthetic;
using SgDesigner.Core.Tests.AwsCli;
using SgDesigner.Core.Tests.Documents;
using static SgDesigner.Core.Tests.Support.EstateBuilder;

namespace SgDesigner.Core.Tests.Terraform;

/// <summary>One estate given to Terraform, and why an export of it is refused (null when it must plan).</summary>
/// <param name="Name">A Terraform identifier, also the fixture's row in the results table.</param>
/// <param name="Estate">The estate.</param>
/// <param name="Refusal">A part of the error that refuses the export, or null when it must validate and plan.</param>
internal sealed record TerraformFixture(string Name, Estate Estate, string? Refusal = null);

/// <summary>
/// The export fixtures of issue 13: the real AWS samples, the demo, generated and random estates (fixed seeds), and
/// each special case (default group with rules, mutual references, empty policy, ICMP edge values, prefix-list peer,
/// cross-account reference, text with <c>${</c>, <c>%{</c> and quotes), plus estates the export must refuse.
/// </summary>
internal static class TerraformFixtures
{
    private static readonly ImmutableSortedDictionary<string, string> NoTags = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The random estates (Documents/RandomEstate, the round-trip property generator) used, by seed.</summary>
    public static readonly int[] RandomSeeds = [1, 2, 3];

    public static IReadOnlyList<TerraformFixture> All() =>
    [
        .. AwsSamples.Datasets.Select(Sample),
        new("demo", DemoEstate.Build()),
        new("generated", EstateGenerator.Generate(new EstateGeneratorOptions(40, 8, 60, Seed: 3))),
        .. RandomSeeds.Select(seed => new TerraformFixture($"random-{seed}", RandomEstate.Create(new Random(seed)))),
        new("default-group-with-rules", DefaultGroupWithRules(inCycle: false)),
        new("default-group-in-cycle", DefaultGroupWithRules(inCycle: true)),
        new("mutual-references", MutualReferences()),
        new("empty", Estate.Empty),
        .. AclTerraformFixtures.All(),
        new("icmp-edges", IcmpEdges()),
        new("prefix-list-peer", PrefixListPeer()),
        new("cross-account", CrossAccount()),
        new("cross-account-aws-cli", CrossAccountFromAwsCli()),
        new("template-text", TemplateText()),
        new("template-text-in-rule-description", TemplateText() is var t
            ? t.WithGroup(t.Groups[0] with { Rules = t.Groups[0].Rules.Add(new Rule("sgr-pct", Direction.Inbound, IpProtocol.Tcp, 8080, 8080, Cidr("10.0.0.0/8"), "100%{x} \"q\"")) })
            : t, "description contains '%'"),
        new("name-starting-sg", Single(new SecurityGroup("sg-1", "sg-web", "web", "vpc-1", NoTags, [])), "cannot start with 'sg-'"),
        new("name-over-255", Single(new SecurityGroup("sg-1", new string('n', 256), "web", "vpc-1", NoTags, [])), "AWS allows 255"),
        new("stale-reference", Single(new SecurityGroup("sg-1", "web", "web", "vpc-1", NoTags,
            [new Rule("sgr-1", Direction.Inbound, IpProtocol.Tcp, 22, 22, new GroupPeer("sg-gone"))])), "security group 'sg-gone' does not exist"),
        new("icmp-any-type-with-code", Single(new SecurityGroup("sg-1", "web", "web", "vpc-1", NoTags,
            [new Rule("sgr-1", Direction.Inbound, IpProtocol.Icmp, -1, 9, Cidr("10.0.0.0/8"))])), "ICMP code 9 needs a specific type"),
        new("cross-account-malformed", Single(new SecurityGroup("sg-1", "web", "web", "vpc-1", NoTags,
            [new Rule("sgr-1", Direction.Inbound, IpProtocol.Tcp, 22, 22, GroupPeer.InAccount("1234", "sg-0abc"))])), "12-digit account id"),
    ];

    /// <summary>Why a real sample is refused: hand-made quirks AWS itself would not accept.</summary>
    private static TerraformFixture Sample(string dataset) => new(
        "sample-" + dataset.Replace('/', '-'),
        AwsSamples.Import(dataset).Estate!,
        dataset switch
        {
            // A stale reference and two groups named "default" in one VPC.
            "batfish-hybrid-cloud-aws-usw2" => "security group 'sg-cf3f86b3' does not exist",
            // ICMP rules with type -1 and code 9.
            "batfish-sg-edge-cases" => "ICMP code 9 needs a specific type",
            _ => null,
        });

    private static Estate Single(SecurityGroup group) => Estate.Empty with
    {
        Vpcs = [new Vpc("vpc-1", "main", [Block("10.0.0.0/16")])],
        Groups = [group],
    };

    private static Estate WithEnis(Estate estate, params (string Id, string Ip, string[] Groups)[] enis) => estate with
    {
        Vpcs = estate.Vpcs.IsEmpty ? [new Vpc("vpc-1", "main", [Block("10.0.0.0/16")])] : estate.Vpcs,
        NetworkInterfaces = [.. enis.Select(e => new NetworkInterface(e.Id, "vpc-1", null, null, null, [Ip(e.Ip)], null, [.. e.Groups]))],
    };

    private static SecurityGroup Group(string id, string name, params Rule[] rules) => new(id, name, name + " tier", "vpc-1", NoTags, [.. rules]);

    private static Rule In(string id, IpProtocol protocol, int from, int to, Peer peer, string? description = null) =>
        new(id, Direction.Inbound, protocol, from, to, peer, description);

    private static Rule Out(string id, IpProtocol protocol, int from, int to, Peer peer, string? description = null) =>
        new(id, Direction.Outbound, protocol, from, to, peer, description);

    private static Estate DefaultGroupWithRules(bool inCycle)
    {
        var suffix = inCycle ? "c" : "d";
        var defaultGroup = new SecurityGroup("sg-default", "default", "default VPC security group", "vpc-1", NoTags.Add("Name", "default"),
        [
            In($"sgr-{suffix}1", IpProtocol.All, -1, -1, new GroupPeer("sg-default")),
            In($"sgr-{suffix}2", IpProtocol.Tcp, 22, 22, Cidr("10.0.0.0/8"), "SSH from the office"),
            Out($"sgr-{suffix}3", IpProtocol.All, -1, -1, Cidr("0.0.0.0/0")),
            .. inCycle ? [In($"sgr-{suffix}4", IpProtocol.Tcp, 443, 443, new GroupPeer("sg-web"))] : Array.Empty<Rule>(),
        ]);
        var web = Group("sg-web", "web", In($"sgr-{suffix}5", IpProtocol.Tcp, 80, 80, new GroupPeer("sg-default")), Out($"sgr-{suffix}6", IpProtocol.All, -1, -1, Cidr("0.0.0.0/0")));
        return WithEnis(Estate.Empty with { Groups = [defaultGroup, web] },
            ("eni-1", "10.0.1.10", ["sg-default"]), ("eni-2", "10.0.1.11", ["sg-web"]), ("eni-3", "10.0.1.12", ["sg-default", "sg-web"]));
    }

    private static Estate MutualReferences() => WithEnis(Estate.Empty with
    {
        Groups =
        [
            Group("sg-a", "app", In("sgr-a1", IpProtocol.Tcp, 8080, 8080, new GroupPeer("sg-b")), Out("sgr-a2", IpProtocol.Tcp, 5432, 5432, new GroupPeer("sg-b")),
                In("sgr-a3", IpProtocol.All, -1, -1, new GroupPeer("sg-a"))),
            Group("sg-b", "db", In("sgr-b1", IpProtocol.Tcp, 5432, 5432, new GroupPeer("sg-a")), Out("sgr-b2", IpProtocol.Tcp, 8080, 8080, new GroupPeer("sg-a"))),
            Group("sg-c", "bastion", Out("sgr-c1", IpProtocol.Tcp, 22, 22, new GroupPeer("sg-a")), In("sgr-c2", IpProtocol.Tcp, 22, 22, Cidr("203.0.113.0/24"))),
        ],
    }, ("eni-a", "10.0.1.10", ["sg-a"]), ("eni-b", "10.0.1.20", ["sg-b"]), ("eni-c", "10.0.1.30", ["sg-c"]));

    private static Estate IcmpEdges() => WithEnis(Estate.Empty with
    {
        Vpcs = [new Vpc("vpc-1", "main", [Block("10.0.0.0/16"), Block("2600:1f18:aaaa::/56")])],
        Groups =
        [
            Group("sg-i", "icmp",
                In("sgr-i1", IpProtocol.Icmp, -1, -1, Cidr("10.0.0.0/8"), "all ICMP"),
                In("sgr-i2", IpProtocol.Icmp, 8, -1, Cidr("10.1.0.0/16"), "echo, any code"),
                In("sgr-i3", IpProtocol.Icmp, 3, 4, Cidr("10.2.0.0/16"), "fragmentation needed"),
                In("sgr-i4", IpProtocol.Icmp, 0, 0, Cidr("10.3.0.0/16")),
                In("sgr-i5", IpProtocol.Icmp, 255, 255, Cidr("10.4.0.0/16")),
                In("sgr-i6", IpProtocol.IcmpV6, -1, -1, Cidr("2600:1f18:aaaa::/56")),
                In("sgr-i7", IpProtocol.IcmpV6, 128, 0, Cidr("::/0")),
                In("sgr-i8", new IpProtocol(50), -1, -1, Cidr("10.5.0.0/16"), "ESP"),
                Out("sgr-i9", IpProtocol.All, -1, -1, Cidr("::/0")),
                Out("sgr-i10", IpProtocol.Udp, 0, 65535, Cidr("0.0.0.0/0"))),
        ],
    }, ("eni-1", "10.0.1.10", ["sg-i"]), ("eni-2", "10.0.1.11", []));

    private static Estate PrefixListPeer() => WithEnis(Estate.Empty with
    {
        PrefixLists = [new PrefixList("pl-0123abcd", "offices", IpFamily.V4, [Block("198.51.100.0/24"), Block("10.0.1.0/28")])],
        Groups =
        [
            Group("sg-p", "offices", In("sgr-p1", IpProtocol.Tcp, 443, 443, new PrefixListPeer("pl-0123abcd"), "HTTPS from the offices"),
                Out("sgr-p2", IpProtocol.Tcp, 443, 443, new PrefixListPeer("pl-0123abcd"))),
        ],
    }, ("eni-1", "10.0.1.5", ["sg-p"]), ("eni-2", "10.0.1.6", ["sg-p"]));

    private static Estate CrossAccount() => WithEnis(Estate.Empty with
    {
        Groups =
        [
            Group("sg-x", "shared", In("sgr-x1", IpProtocol.Tcp, 5432, 5432, GroupPeer.InAccount("111122223333", "sg-0abc1234"), "from the partner app"),
                Out("sgr-x2", IpProtocol.Tcp, 443, 443, GroupPeer.InAccount("444455556666", "sg-0def5678")),
                In("sgr-x3", IpProtocol.Tcp, 22, 22, Cidr("10.0.0.0/16"))),
        ],
    }, ("eni-1", "10.0.1.5", ["sg-x"]), ("eni-2", "10.0.1.6", []));

    /// <summary>AWS CLI output whose group pair names another account (UserId ≠ OwnerId): kept from import to export.</summary>
    private static Estate CrossAccountFromAwsCli()
    {
        const string json = """
            {"SecurityGroups": [{
              "GroupId": "sg-0aaa1111", "GroupName": "api", "Description": "api", "OwnerId": "123456789012", "VpcId": "vpc-1",
              "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
                "UserIdGroupPairs": [
                  {"GroupId": "sg-0bbb2222", "UserId": "111122223333", "Description": "partner", "SecurityGroupRuleId": "sgr-0partner"},
                  {"GroupId": "sg-0aaa1111", "UserId": "123456789012", "SecurityGroupRuleId": "sgr-0self"}]}],
              "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]
            }]}
            """;
        var result = AwsCliImporter.Import("SecurityGroups.json", json);
        Assert.True(result.IsOk, result.Error?.ToString());
        return WithEnis(result.Estate!, ("eni-1", "10.0.1.5", ["sg-0aaa1111"]), ("eni-2", "10.0.1.6", ["sg-0aaa1111"]));
    }

    /// <summary><c>${</c>, <c>%{</c> and quotes wherever AWS allows them: VPC names (variable descriptions), tags, and <c>${</c> in descriptions.</summary>
    private static Estate TemplateText() => WithEnis(Estate.Empty with
    {
        Vpcs = [new Vpc("vpc-1", "prod ${var.x} %{ if true }x%{ endif } \"quoted\" \\ back", [Block("10.0.0.0/16")])],
        Groups =
        [
            new SecurityGroup("sg-t", "costs ${x}", "pays ${var.bill} {}", "vpc-1",
                NoTags.Add("cost ${center}", "%{ if true }yes%{ endif } \"q\" ${aws_x}"),
                [In("sgr-t1", IpProtocol.Tcp, 80, 80, Cidr("0.0.0.0/0"), "web ${path.module} $${x}")]),
        ],
    }, ("eni-1", "10.0.1.5", ["sg-t"]));
}
