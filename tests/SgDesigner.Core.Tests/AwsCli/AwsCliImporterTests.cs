using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Tests.AwsCli;

public class AwsCliImporterTests
{
    private const string Vpc = "\"VpcId\":\"vpc-1\"";

    private static string Groups(string permissions, string egress = "[]") =>
        $$"""{"SecurityGroups":[{"GroupId":"sg-1","GroupName":"g","Description":"d",{{Vpc}},"IpPermissions":{{permissions}},"IpPermissionsEgress":{{egress}}}]}""";

    [Theory]
    [InlineData("SecurityGroups.json", AwsCliFileKind.SecurityGroups)]
    [InlineData("ec2-describe-security-groups.json", AwsCliFileKind.SecurityGroups)]
    [InlineData("ec2-describe-security-group-rules.json", AwsCliFileKind.SecurityGroupRules)]
    [InlineData("some/dir/Reservations.json", AwsCliFileKind.Instances)]
    [InlineData("ec2-describe-instances.json", AwsCliFileKind.Instances)]
    [InlineData("NetworkInterfaces.json", AwsCliFileKind.NetworkInterfaces)]
    [InlineData("ec2-describe-subnets.json", AwsCliFileKind.Subnets)]
    [InlineData("Vpcs.json", AwsCliFileKind.Vpcs)]
    [InlineData("PrefixLists.json", AwsCliFileKind.PrefixLists)]
    [InlineData("ec2-describe-managed-prefix-lists.json", AwsCliFileKind.PrefixLists)]
    [InlineData("get-managed-prefix-list-entries-pl-0123abcd.json", AwsCliFileKind.PrefixListEntries)]
    [InlineData("NetworkAcls.json", AwsCliFileKind.NetworkAcls)]
    public void FileKindsAreDetectedFromTheirUsualNames(string fileName, AwsCliFileKind kind)
    {
        Assert.Equal(kind, AwsCliFileKinds.FromFileName(fileName));
    }

    [Fact]
    public void AnUnknownNameFallsBackToTheTopLevelKey()
    {
        Assert.Null(AwsCliFileKinds.FromFileName("SecurityGroupTest.json"));
        var result = AwsCliImporter.Import("whatever.json", Groups("[]"));
        Assert.Equal("sg-1", Assert.Single(result.Estate!.Groups).Id);
    }

    [Fact]
    public void NumericProtocolsAndMissingPortsOfAllTrafficAreAccepted()
    {
        var json = Groups(
            """[{"IpProtocol":"6","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0.0/8","Description":"ssh"}]},{"IpProtocol":"58","Ipv6Ranges":[{"CidrIpv6":"::/0"}]},{"IpProtocol":"50","FromPort":-1,"ToPort":-1,"PrefixListIds":[{"PrefixListId":"pl-1","Description":"esp"}]}]""",
            """[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]""");
        var rules = AwsCliImporter.Import("SecurityGroups.json", json).Estate!.Groups[0].Rules;
        Assert.Equal(4, rules.Length);
        Assert.Equal((IpProtocol.Tcp, 22, 22, "ssh"), (rules[0].Protocol, rules[0].FromPort, rules[0].ToPort, rules[0].Description));
        Assert.Equal((IpProtocol.IcmpV6, -1, -1), (rules[1].Protocol, rules[1].FromPort, rules[1].ToPort));
        Assert.Equal((new IpProtocol(50), -1, (Peer)new PrefixListPeer("pl-1")), (rules[2].Protocol, rules[2].FromPort, rules[2].Peer));
        Assert.Equal((Direction.Outbound, IpProtocol.All), (rules[3].Direction, rules[3].Protocol));
    }

    [Fact]
    public void ASecurityGroupRuleIdInTheInputIsKept()
    {
        var json = Groups("""[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0.0/8","SecurityGroupRuleId":"sgr-0123456789abcdef0"}]}]""");
        Assert.Equal("sgr-0123456789abcdef0", AwsCliImporter.Import("SecurityGroups.json", json).Estate!.Groups[0].Rules[0].Id);
    }

    [Fact]
    public void DerivedRuleIdsDependOnWhatTheRuleIsNotOnItsPosition()
    {
        var a = Groups("""[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0.0/8"},{"CidrIp":"10.1.0.0/16"}]}]""");
        var b = Groups("""[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.1.0.0/16"},{"CidrIp":"10.0.0.0/8"}]}]""");
        var idsA = AwsCliImporter.Import("SecurityGroups.json", a).Estate!.Groups[0].Rules.ToDictionary(r => r.Peer.ToString(), r => r.Id);
        var idsB = AwsCliImporter.Import("SecurityGroups.json", b).Estate!.Groups[0].Rules.ToDictionary(r => r.Peer.ToString(), r => r.Id);
        Assert.Equal(idsA["10.0.0.0/8"], idsB["10.0.0.0/8"]);
        Assert.NotEqual(idsA["10.0.0.0/8"], idsA["10.1.0.0/16"]);
    }

    [Fact]
    public void ManagedPrefixListsTakeTheirEntriesFromTheEntriesFiles()
    {
        var result = AwsCliImporter.Import(
        [
            new AwsCliFile("ec2-describe-managed-prefix-lists.json", """{"PrefixLists":[{"PrefixListId":"pl-0abc","AddressFamily":"IPv6","PrefixListName":"offices-v6","MaxEntries":10}]}"""),
            new AwsCliFile("/data/simple-pl-x/entries-pl-0abc.json", """{"Entries":[{"Cidr":"2001:db8::/32","Description":"hq"},{"Cidr":"2001:db9::/32"}]}"""),
        ]);
        var list = Assert.Single(result.Estate!.PrefixLists);
        Assert.Equal(("pl-0abc", "offices-v6", IpFamily.V6), (list.Id, list.Name, list.Family));
        Assert.Equal(["2001:db8::/32", "2001:db9::/32"], list.Entries.Select(e => e.ToString()));
    }

    [Fact]
    public void TagSetOfNetworkInterfacesAndTagsOfInstancesAreRead()
    {
        var result = AwsCliImporter.Import(
        [
            new AwsCliFile("NetworkInterfaces.json", """{"NetworkInterfaces":[{"NetworkInterfaceId":"eni-9","SubnetId":"subnet-1","VpcId":"vpc-1","PrivateIpAddress":"10.0.0.5","PrivateIpAddresses":[{"PrivateIpAddress":"10.0.0.6","Primary":false},{"PrivateIpAddress":"10.0.0.5","Primary":true}],"Ipv6Addresses":[{"Ipv6Address":"2001:db8::5"}],"Groups":[],"Description":"","TagSet":[{"Key":"Name","Value":"lb-node"}],"Attachment":{"InstanceId":"i-9","DeviceIndex":0}}]}"""),
        ]);
        var eni = Assert.Single(result.Estate!.NetworkInterfaces);
        Assert.Equal(["10.0.0.5", "10.0.0.6", "2001:db8::5"], eni.PrivateIps.Select(ip => ip.ToString()));
        Assert.Equal("lb-node", eni.Description);
        Assert.Equal(("i-9", 0), (eni.InstanceId, eni.DeviceIndex));
        Assert.Equal("i-9", Assert.Single(result.Estate.Instances).Id);
    }

    [Theory]
    [InlineData("""{"SecurityGroups":[{"GroupId":"sg-1","GroupName":"g","VpcId":"v","IpPermissions":[{"IpProtocol":"tcp","FromPort":"x","ToPort":22,"IpRanges":[]}]}]}""",
        "SecurityGroups.json:$.SecurityGroups[0].IpPermissions[0].FromPort", "expected an integer")]
    [InlineData("""{"SecurityGroups":[{"GroupId":"sg-1","GroupName":"g","VpcId":"v","IpPermissions":[{"IpProtocol":"tcp","FromPort":22,"ToPort":70000}]}]}""",
        "SecurityGroups.json:$.SecurityGroups[0].IpPermissions[0].ToPort", "out of range")]
    [InlineData("""{"SecurityGroups":[{"GroupId":"sg-1","GroupName":"g","VpcId":"v","IpPermissions":[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0/8"}]}]}]}""",
        "SecurityGroups.json:$.SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp", "not a CIDR block")]
    [InlineData("""{"SecurityGroups":[{"GroupId":"sg-1","GroupName":"g","VpcId":"v","IpPermissions":[{"IpProtocol":"bogus"}]}]}""",
        "SecurityGroups.json:$.SecurityGroups[0].IpPermissions[0].IpProtocol", "unknown protocol")]
    [InlineData("""{"SecurityGroups":[{"GroupName":"g","VpcId":"v"}]}""",
        "SecurityGroups.json:$.SecurityGroups[0].GroupId", "'GroupId' is required")]
    [InlineData("""{"SecurityGroups":{}}""", "SecurityGroups.json:$.SecurityGroups", "expected an array")]
    [InlineData("""{"Vpcs":[]}""", "SecurityGroups.json:$.SecurityGroups", "'SecurityGroups' is required")]
    [InlineData("""{"SecurityGroups":[""", "SecurityGroups.json:$", "not valid JSON")]
    public void MalformedInputNamesTheFileTheJsonPathAndTheProblem(string json, string path, string message)
    {
        var result = AwsCliImporter.Import("SecurityGroups.json", json);
        Assert.False(result.IsOk);
        Assert.Equal(path, result.Error!.Path);
        Assert.Contains(message, result.Error.Message);
    }

    [Fact]
    public void AFileOfUnknownKindIsRefused()
    {
        var result = AwsCliImporter.Import("notes.json", """{"Something":[]}""");
        Assert.Equal("notes.json:$", result.Error!.Path);
        Assert.Contains("cannot tell", result.Error.Message);
    }

    [Fact]
    public void EntriesWithoutAListIdInTheFileNameAreRefused()
    {
        var result = AwsCliImporter.Import("entries.json", """{"Entries":[{"Cidr":"10.0.0.0/8"}]}""");
        Assert.Contains("list id in the file name", result.Error!.Message);
    }

    [Fact]
    public void DescribeSecurityGroupRulesOutputGivesTheRulesTheirAwsIds()
    {
        var files = AwsSamples.Load("cloudmapper-demo");
        files.Add(new AwsCliFile("ec2-describe-security-group-rules.json", """
            {"SecurityGroupRules":[
              {"SecurityGroupRuleId":"sgr-0aaaaaaaaaaaaaaa1","GroupId":"sg-00000005","IsEgress":false,"IpProtocol":"tcp","FromPort":5432,"ToPort":5432,"ReferencedGroupInfo":{"GroupId":"sg-00000004","UserId":"123456789012"}},
              {"SecurityGroupRuleId":"sgr-0aaaaaaaaaaaaaaa2","GroupId":"sg-00000005","IsEgress":true,"IpProtocol":"-1","FromPort":-1,"ToPort":-1,"CidrIpv4":"0.0.0.0/0"},
              {"SecurityGroupRuleId":"sgr-0aaaaaaaaaaaaaaa3","GroupId":"sg-00000005","IsEgress":false,"IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIpv4":"10.0.0.0/8"}]}
            """));
        var result = AwsCliImporter.Import(files);
        Assert.True(result.IsOk, result.Error?.ToString());
        var db = result.Estate!.FindGroup("sg-00000005")!;
        Assert.Equal("sgr-0aaaaaaaaaaaaaaa1", Assert.Single(db.Inbound).Id);
        Assert.Equal("sgr-0aaaaaaaaaaaaaaa2", Assert.Single(db.Outbound).Id);
        Assert.Contains(result.Warnings, w => w.Path == "ec2-describe-security-group-rules.json:$.SecurityGroupRules[2]" && w.Message.Contains("sgr-0aaaaaaaaaaaaaaa3"));
    }
}
