using SgDesigner.Core.Documents;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Tests.AwsCli;

namespace SgDesigner.Core.Tests.Lint;

/// <summary>
/// The network ACL checks SGD030–SGD034 on the fixtures under tests/data/lint-acl (a web subnet under the default ACL,
/// a db subnet under its own ACL; each file makes exactly one finding fire, clean.json none) and on variations of them.
/// </summary>
public sealed class AclLintTests
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(AwsSamples.Root, "..", "lint-acl"));

    private static Estate Fixture(string name)
    {
        var read = PolicyDocumentJson.Read(File.ReadAllText(Path.Combine(Folder, name + ".json")));
        Assert.True(read.IsOk, read.Error?.ToString());
        return read.Document!.Estate;
    }

    private static NetworkAcl DbAcl(Estate estate) => estate.NetworkAcls.Single(a => a.Id == "acl-0000000b");

    private static Estate WithDbAcl(Estate estate, NetworkAcl acl) => estate with { NetworkAcls = [estate.NetworkAcls[0], acl] };

    private static NetworkAclEntry Entry(int number, string protocol, int from, int to, string cidr, AclAction action) =>
        new(number, IpProtocol.Parse(protocol).Value, from, to, Cidr.Parse(cidr).Value, action);

    [Theory]
    [InlineData("SGD030", "acl-0000000b", "inbound#200", null)]
    [InlineData("SGD031", "acl-0000000b", "outbound#*", "subnet-0000000a→subnet-0000000b tcp 5432")]
    [InlineData("SGD032", "acl-0000000b", "inbound#110", null)]
    [InlineData("SGD033", "acl-0000000b", "inbound", null)]
    [InlineData("SGD034", "acl-0000000b", "inbound#110", null)]
    public void EachFixtureMakesExactlyItsFindingFireWithAStableKey(string check, string acl, string rule, string? subject)
    {
        var finding = Assert.Single(Linter.Lint(Fixture(check)));
        Assert.Equal(check, finding.Id);
        Assert.Equal(LintCatalogue.Find(check)!.Severity, finding.Severity);
        Assert.Equal(new FindingKey(check, acl, rule, subject ?? ""), FindingKey.Of(finding));
        Assert.Contains(acl, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCleanFixtureHasNoFinding() => Assert.Empty(Linter.Lint(Fixture("clean")));

    [Fact]
    public void RenamingTheAclRewordsTheFindingButKeepsItsKey()
    {
        var estate = Fixture("SGD030");
        var renamed = WithDbAcl(estate, DbAcl(estate) with { Name = "database tier" });
        var before = Assert.Single(Linter.Lint(estate));
        var after = Assert.Single(Linter.Lint(renamed));
        Assert.NotEqual(before.Message, after.Message);
        Assert.Equal(FindingKey.Of(before), FindingKey.Of(after));
    }

    [Fact]
    public void RepliesToPartOfTheRangeNameTheClientsThatTimeOutAndThePortsThatPass()
    {
        // Replies back to 1024–50000: Linux clients (32768–60999) and NAT gateways (1024–65535) both lose the top of their
        // range and time out whenever they pick a port above 50000; one finding lists both.
        var estate = Fixture("SGD031");
        estate = WithDbAcl(estate, DbAcl(estate) with { Outbound = [Entry(100, "tcp", 1024, 50000, "10.0.1.0/24", AclAction.Allow)] });
        estate = estate with
        {
            Instances = [.. estate.Instances, new Instance("i-0000000c", "nat", estate.Instances[0].Tags) { EphemeralPorts = EphemeralPorts.NatGateway }],
            NetworkInterfaces = [.. estate.NetworkInterfaces, estate.NetworkInterfaces[0] with { Id = "eni-0000000c", InstanceId = "i-0000000c", PrivateIps = [IpAddress.Parse("10.0.1.11").Value] }],
        };
        var finding = Assert.Single(Linter.Lint(estate));
        Assert.Equal("SGD031", finding.Id);
        Assert.Contains("drops part of the replies", finding.Message, StringComparison.Ordinal);
        Assert.Equal(
        [
            "eni-0000000a → eni-0000000b: tcp 5432: Linux clients (32768–60999) time out: replies reach only 32768–50000 of their ports",
            "eni-0000000c → eni-0000000b: tcp 5432: NAT gateways (1024–65535) time out: replies reach only 1024–50000 of their ports",
        ], finding.Flows);
    }

    [Fact]
    public void AClientInASubnetUnderNoModelledAclStillMeetsTheServersAcl()
    {
        // Only the db's ACL is modelled (no default ACL for the web subnet, which then lets everything through): its
        // replies still leave only to 1024-5000, and the web server, a Linux client, times out.
        var estate = Fixture("SGD031");
        estate = estate with { NetworkAcls = [DbAcl(estate)] };
        var finding = Assert.Single(Linter.Lint(estate), f => f.Id == "SGD031");
        Assert.Equal("subnet-0000000a→subnet-0000000b tcp 5432", finding.EniId);
    }

    [Fact]
    public void RepliesFromOutsideAreCheckedOnTheInsideEndsAcl()
    {
        // The db admits postgres from anywhere, its ACL too, but answers only inside the VPC: clients outside time out.
        var estate = Fixture("clean");
        var db = estate.Groups[1];
        estate = estate with { Groups = [estate.Groups[0], db with { Rules = [db.Rules[0] with { Peer = new CidrPeer(Cidr.AnyV4) }] }] };
        estate = WithDbAcl(estate, DbAcl(estate) with { Inbound = [Entry(100, "tcp", 5432, 5432, "0.0.0.0/0", AclAction.Allow)] });
        var finding = Assert.Single(Linter.Lint(estate), f => f.Id == "SGD031");
        Assert.Equal("outside (198.51.100.10)→subnet-0000000b tcp 5432", finding.EniId);
        Assert.Contains("198.51.100.10 → eni-0000000b: tcp 5432: clients (1024–65535) time out: no reply reaches their ports", finding.Flows);
    }

    [Fact]
    public void AnAllTrafficAllowShadowsAnyLaterDenyAndAnyDenyShadowsALaterNarrowerAllow()
    {
        var estate = Fixture("clean");
        estate = WithDbAcl(estate, DbAcl(estate) with
        {
            Inbound =
            [
                Entry(100, "tcp", 5432, 5432, "10.0.1.0/24", AclAction.Allow),
                Entry(110, "-1", -1, -1, "0.0.0.0/0", AclAction.Allow),
                Entry(120, "icmp", 8, -1, "10.0.0.0/8", AclAction.Deny),
                Entry(130, "-1", -1, -1, "::/0", AclAction.Deny),
            ],
            Outbound =
            [
                Entry(50, "icmp", -1, -1, "0.0.0.0/0", AclAction.Deny),
                Entry(100, "tcp", 1024, 65535, "10.0.1.0/24", AclAction.Allow),
                Entry(110, "icmp", 0, -1, "10.0.1.0/24", AclAction.Allow),
            ],
        });
        var findings = Linter.Lint(estate);
        Assert.Equal(["inbound#120"], findings.Where(f => f.Id == "SGD030").Select(f => f.RuleId));
        Assert.Equal(["outbound#110"], findings.Where(f => f.Id == "SGD034").Select(f => f.RuleId));
    }

    [Fact]
    public void TwinNumbersAreNotAGapProblem()
    {
        var estate = Fixture("clean");
        estate = WithDbAcl(estate, DbAcl(estate) with
        {
            Inbound = [Entry(100, "tcp", 5432, 5432, "10.0.1.0/24", AclAction.Allow), Entry(101, "tcp", 5432, 5432, "10.0.1.0/25", AclAction.Allow)],
        });
        Assert.DoesNotContain(Linter.Lint(estate), f => f.Id == "SGD033");
    }

    [Fact]
    public void AnEstateWithGroupReferencesAndARestrictiveAclIsLintedOnBothLayers()
    {
        // The group-layer checks (SGD021–SGD023) read the matrix, which refuses ACLs that can deny: they judge the groups alone.
        var demo = Samples.DemoEstate.Build();
        var acl = new NetworkAcl("acl-0c0ffee0000000001", Samples.DemoEstate.VpcId, false, [demo.Subnets[0].Id],
            [Entry(100, "tcp", 443, 443, "0.0.0.0/0", AclAction.Allow)], [Entry(100, "tcp", 1024, 5000, "0.0.0.0/0", AclAction.Allow)]);
        var findings = Linter.Lint(demo with { NetworkAcls = [acl] });
        Assert.Equal(Linter.Lint(demo).Select(FindingKey.Of), findings.Where(f => !f.Id.StartsWith("SGD03", StringComparison.Ordinal)).Select(FindingKey.Of));
    }

    [Fact]
    public void AnEstateWithoutAclsHasNoAclFinding() =>
        Assert.DoesNotContain(Linter.Lint(Fixture("SGD031") with { NetworkAcls = [] }), f => f.Id.StartsWith("SGD03", StringComparison.Ordinal));
}
