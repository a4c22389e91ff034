using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Tests.AwsCli;

/// <summary>Every real sample under tests/data/aws imports, with the content its README describes.</summary>
public class AwsCliImporterSampleTests
{
    private static Rule RuleOf(Estate estate, string groupId, Direction direction, int port, string peer) =>
        Assert.Single(estate.FindGroup(groupId)!.Rules, r => r.Direction == direction && r.FromPort == port && r.Peer.ToString() == peer);

    public static TheoryData<string> Datasets() => [.. AwsSamples.Datasets];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void EverySampleImportsAndReimportsWithTheSameRuleIds(string dataset)
    {
        var first = AwsSamples.Import(dataset).Estate!;
        var second = AwsSamples.Import(dataset).Estate!;
        Assert.NotEmpty(first.Groups);
        Assert.Equal(first.Groups.SelectMany(g => g.Rules).Select(r => r.Id), second.Groups.SelectMany(g => g.Rules).Select(r => r.Id));
        Assert.All(first.Groups.SelectMany(g => g.Rules), r => Assert.Matches("^sgr-[0-9a-f]{17}$", r.Id));
        Assert.Empty(EstateValidator.Check(first, EstateValidationMode.Import).Errors);
    }

    [Fact]
    public void CloudMapperDemoKeepsTheThreeInstanceInterfacesThatShareAnIdApart()
    {
        var result = AwsSamples.Import("cloudmapper-demo");
        var estate = result.Estate!;
        Assert.Equal(8, estate.Groups.Length);
        Assert.Equal("10.0.0.0/16", Assert.Single(estate.Vpcs).Cidrs.Single().ToString());
        Assert.Equal(4, estate.Subnets.Length);
        Assert.Equal(["Bastion", "Web1", "Web2"], estate.Instances.Select(i => i.Name));
        Assert.Equal(
            ["eni-00000000", "eni-00000000@i-00000000000000001", "eni-00000000@i-00000000000000002", "eni-00000001"],
            estate.NetworkInterfaces.Select(e => e.Id));
        var bastion = estate.NetworkInterfaces[0];
        Assert.Equal(("10.0.0.1", "1.2.3.4", "sg-00000002"), (bastion.PrimaryIp.ToString(), bastion.PublicIp.ToString(), bastion.GroupIds.Single()));
        Assert.Equal("10.0.3.1", estate.NetworkInterfaces[2].PrimaryIp.ToString());
        Assert.Equal(["sg-00000004"], estate.NetworkInterfaces[2].GroupIds);
        var task = estate.NetworkInterfaces[3];
        Assert.Null(task.InstanceId);
        Assert.Equal(("172.31.48.168", "sg-00000008"), (task.PrimaryIp.ToString(), task.GroupIds.Single()));
        Assert.Equal(2, result.Warnings.Count(w => w.Message.Contains("eni-00000000 is used more than once")));
        Assert.Contains(result.Warnings, w => w.Path == "networkInterfaces[eni-00000001].privateIps[0]" && w.Message.Contains("not inside subnet subnet-00000001"));
    }

    [Fact]
    public void CloudMapperDemoSplitsPermissionsIntoOneRulePerPeerAndMasksHostBits()
    {
        var result = AwsSamples.Import("cloudmapper-demo");
        var estate = result.Estate!;
        var web = estate.FindGroup("sg-00000004")!;
        Assert.Equal(["sg-00000003", "sg-00000002"], web.Inbound.Where(r => r.FromPort == 8000).Select(r => r.Peer.ToString()));
        Assert.Equal(IpProtocol.Tcp, RuleOf(estate, "sg-00000005", Direction.Inbound, 5432, "sg-00000004").Protocol);
        var allOut = Assert.Single(web.Outbound);
        Assert.Equal((IpProtocol.All, -1, -1, "0.0.0.0/0"), (allOut.Protocol, allOut.FromPort, allOut.ToPort, allOut.Peer.ToString()));
        var bastion = estate.FindGroup("sg-00000002")!;
        Assert.Equal(["1.1.1.1/32", "2.2.2.0/28"], bastion.Inbound.Select(r => r.Peer.ToString()));
        Assert.Contains(result.Warnings, w => w.Path == "ec2-describe-security-groups.json:$.SecurityGroups[6].IpPermissions[0].IpRanges[1].CidrIp" && w.Message.Contains("stored as 2.2.2.0/28"));
        Assert.Equal("sg-00000001", RuleOf(estate, "sg-00000001", Direction.Inbound, -1, "sg-00000001").Peer.ToString());
    }

    [Fact]
    public void HybridCloudKeepsDescriptionsTagsDanglingReferencesAndMultiInterfaceInstances()
    {
        var result = AwsSamples.Import("batfish-hybrid-cloud-aws-usw2");
        var estate = result.Estate!;
        Assert.Equal(11, estate.Groups.Length);
        Assert.Equal(4, estate.Vpcs.Length);
        Assert.Equal(10, estate.Subnets.Length);
        Assert.Equal(4, estate.Instances.Length);
        Assert.Equal(9, estate.NetworkInterfaces.Length);
        var rds = estate.FindGroup("sg-55510831")!;
        Assert.Equal("Default+RDS-sg", rds.Tags["Name"]);
        Assert.Equal(6, rds.Inbound.Count());
        Assert.Equal("jump host", RuleOf(estate, "sg-55510831", Direction.Inbound, 3306, "sg-cf3f86b3").Description);
        Assert.Equal("surf", RuleOf(estate, "sg-55510831", Direction.Inbound, 3306, "67.170.86.87/32").Description);
        Assert.Contains(result.Warnings, w => w.Path.StartsWith("groups[sg-55510831].rules[", StringComparison.Ordinal) && w.Message.Contains("sg-cf3f86b3"));
        Assert.Contains(result.Warnings, w => w.Path == "groups[sg-3dfb3140].name" && w.Message.Contains("sg-55510831"));
        var v6 = estate.FindGroup("sg-94df21e9")!.Inbound.Where(r => r.Peer is CidrPeer { Block.Family: IpFamily.V6 }).Select(r => r.FromPort);
        Assert.Equal([80, 443], v6);
        var icmp = RuleOf(estate, "sg-94df21e9", Direction.Inbound, -1, "0.0.0.0/0");
        Assert.Equal((IpProtocol.Icmp, -1, "ICMP ALL"), (icmp.Protocol, icmp.ToPort, icmp.Description));
        var border = estate.NetworkInterfaces.Where(e => e.InstanceId == "i-0837c877110427f2b").OrderBy(e => e.DeviceIndex).ToList();
        Assert.Equal([("eni-6b705445", "subnet-1641fa70", "192.168.1.138"), ("eni-a50c2b8b", "subnet-f73a8191", "192.168.2.57")],
            border.Select(e => (e.Id, e.SubnetId!, e.PrimaryIp.ToString()!)));
        Assert.Equal(2, estate.NetworkInterfaces.Count(e => e.InstanceId is null));
        Assert.Equal("border_02", estate.Instances.Single(i => i.Id == "i-0837c877110427f2b").Name);
    }

    [Fact]
    public void NatGatewaySampleKeepsTheGatewayInterfaceWithoutGroupsAndTheIcmpRule()
    {
        var estate = AwsSamples.Import("batfish-test-nat-gateway").Estate!;
        Assert.Equal(4, estate.NetworkInterfaces.Length);
        var nat = Assert.Single(estate.NetworkInterfaces, e => e.Id == "eni-017aaec115610308a");
        Assert.Empty(nat.GroupIds);
        Assert.Equal("10.1.250.210", nat.PrimaryIp.ToString());
        var jump = Assert.Single(estate.NetworkInterfaces, e => e.InstanceId == "i-0b31b509174d7f5de");
        Assert.Equal(("10.1.250.116", "18.216.129.140"), (jump.PrimaryIp.ToString(), jump.PublicIp.ToString()));
        var icmp = Assert.Single(estate.FindGroup("sg-0253af84ae6485905")!.Inbound, r => r.Protocol == IpProtocol.Icmp);
        Assert.Equal((8, 0, "ICMP Access"), (icmp.FromPort, icmp.ToPort, icmp.Description));
        Assert.Equal("Jump Host", estate.Instances.Single(i => i.Id == "i-0b31b509174d7f5de").Name);
    }

    [Fact]
    public void SubnetSampleHasTwoInstancesWithSshOpenToTheWorld()
    {
        var estate = AwsSamples.Import("batfish-test-subnet").Estate!;
        Assert.Equal(["10.10.1.228", "10.10.1.44"], estate.NetworkInterfaces.Select(e => e.PrimaryIp.ToString()));
        Assert.Equal(IpProtocol.Tcp, RuleOf(estate, "sg-02566e413c0030c70", Direction.Inbound, 22, "0.0.0.0/0").Protocol);
        Assert.Equal("10.10.1.0/24", Assert.Single(estate.Subnets).Cidr.ToString());
    }

    [Fact]
    public void HybridCloudRegionsReadLegacyPrefixListsAndTransitGatewayInterfaces()
    {
        var estate = AwsSamples.Import("pybatfish-hybrid-cloud/us-east-2").Estate!;
        var s3 = Assert.Single(estate.PrefixLists, p => p.Id == "pl-7ba54012");
        Assert.Equal("com.amazonaws.us-east-2.s3", s3.Name);
        Assert.Equal(4, s3.Entries.Length);
        Assert.Equal(2, estate.NetworkInterfaces.Count(e => e.GroupIds.IsEmpty));
        Assert.Equal("Connectivity test", RuleOf(estate, "sg-0e37fc2ef01c89369", Direction.Inbound, 3306, "0.0.0.0/0").Description);
        Assert.Equal("13.59.144.125", estate.NetworkInterfaces.Single(e => e.InstanceId == "i-01602d9efaed4409a").PublicIp.ToString());
        var west = AwsSamples.Import("pybatfish-hybrid-cloud/us-west-2").Estate!;
        Assert.Equal(["10.40.0.0/16", "10.50.0.0/16"], west.Vpcs.Select(v => v.Cidrs[0].ToString()).Order());
    }

    [Fact]
    public void EdgeCaseFixtureKeepsGroupsThatShareAnIdAndRepairsImpossiblePorts()
    {
        var result = AwsSamples.Import("batfish-sg-edge-cases");
        var estate = result.Estate!;
        Assert.Equal(12, estate.Groups.Length);
        Assert.Equal(["sg-0de0ddfa8a5a12348", "sg-0de0ddfa8a5a12348@2", "sg-0de0ddfa8a5a12348@3"], estate.Groups.TakeLast(3).Select(g => g.Id));
        Assert.Equal("ICMP types invalid with code only", estate.Groups[^1].Name);
        var beginning = Assert.Single(estate.FindGroup("sg-0de0ddfa8a5a12345")!.Inbound);
        Assert.Equal((0, 50), (beginning.FromPort, beginning.ToPort));
        var end = Assert.Single(estate.FindGroup("sg-0de0ddfa8a5a12346")!.Inbound);
        Assert.Equal((30, 65535), (end.FromPort, end.ToPort));
        Assert.Equal(2, result.Warnings.Count(w => w.Message.Contains("port -1 is not a tcp/udp port")));
        var invalidIcmp = estate.Groups[^1].Inbound.ToList();
        Assert.Equal(2, invalidIcmp.Count);
        Assert.All(invalidIcmp, r => Assert.Equal((-1, 9), (r.FromPort, r.ToPort)));
        Assert.Contains(result.Warnings, w => w.Path.StartsWith("groups[sg-0de0ddfa8a5a12348@3].rules[", StringComparison.Ordinal) && w.Message.Contains("matches nothing"));
        Assert.Contains(result.Warnings, w => w.Message.Contains("only in IPv4"));
        Assert.Equal("vpc-6f6f8316", Assert.Single(estate.Vpcs).Id);
    }
}
