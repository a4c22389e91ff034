using System.Text.Json;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.AwsCli;
using SgDesigner.Core.Tests.Documents;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary><c>describe-network-acls</c> on the real samples, and describe-instances' <c>Platform</c>.</summary>
public class NetworkAclImportTests
{
    public static TheoryData<string> WithAcls { get; } =
        [.. AwsSamples.Datasets.Where(d => File.Exists(Path.Combine(AwsSamples.Root, d, "NetworkAcls.json")))];

    [Theory]
    [MemberData(nameof(WithAcls))]
    public void EveryAclAndEntryOfTheSampleIsImportedButTheImplicitStarRule(string dataset)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(AwsSamples.Root, dataset, "NetworkAcls.json")));
        var expected = file.RootElement.GetProperty("NetworkAcls").EnumerateArray().ToList();
        var estate = AwsSamples.Import(dataset).Estate!;
        Assert.Equal(expected.Select(a => a.GetProperty("NetworkAclId").GetString()), estate.NetworkAcls.Select(a => a.Id));
        foreach (var (json, acl) in expected.Zip(estate.NetworkAcls))
        {
            var entries = json.GetProperty("Entries").EnumerateArray().Where(e => e.GetProperty("RuleNumber").GetInt32() != 32767).ToList();
            Assert.Equal(entries.Count(e => e.GetProperty("Egress").GetBoolean()), acl.Outbound.Length);
            Assert.Equal(entries.Count(e => !e.GetProperty("Egress").GetBoolean()), acl.Inbound.Length);
            Assert.Equal(json.GetProperty("IsDefault").GetBoolean(), acl.IsDefault);
            Assert.Equal(json.GetProperty("Associations").EnumerateArray().Select(a => a.GetProperty("SubnetId").GetString()), acl.SubnetIds);
        }
        Assert.Empty(SgDesigner.Core.Validation.EstateValidator.Check(estate, SgDesigner.Core.Validation.EstateValidationMode.Import).Errors);
    }

    [Theory]
    [MemberData(nameof(WithAcls))]
    public void ImportThenDocumentThenReadLosesNothing(string dataset)
    {
        var estate = AwsSamples.Import(dataset).Estate!;
        var json = PolicyDocumentJson.Write(new PolicyDocument(dataset, null, estate));
        var read = PolicyDocumentJson.Read(json);
        Assert.True(read.IsOk, read.Error?.ToString());
        DeepEqual.Assert(estate, read.Document!.Estate);
    }

    [Theory]
    [MemberData(nameof(WithAcls))]
    public void EveryPairOfTheSampleGetsAVerdict(string dataset)
    {
        var estate = AwsSamples.Import(dataset).Estate!;
        var engine = ReachabilityEngine.Build(estate);
        var enis = estate.NetworkInterfaces.Where(e => e.PrimaryIp is not null).Select(e => new EniEndpoint(e.Id, e.PrimaryIp!.Value)).ToList();
        foreach (var from in enis)
        {
            foreach (var to in enis)
            {
                var explanation = engine.Explain(from, to, Traffic.Tcp(443));
                // The ACL's sentence is in every summary it decides or takes part in (a groups' denial shows it only when it denies too).
                if (explanation.Verdict.NetworkAcl is { } acl && (explanation.Verdict.Allowed || acl.Outcome != AclOutcome.Allowed))
                    Assert.Contains(acl.Text, explanation.Summary, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void IcmpAndIpv6EntriesAndWindowsInstancesAreRead()
    {
        const string acls = """
            {"NetworkAcls": [{"NetworkAclId": "acl-0123456789abcdef0", "VpcId": "vpc-1", "IsDefault": false, "Associations": [], "Tags": [{"Key": "Name", "Value": "web"}],
              "Entries": [
                {"RuleNumber": 100, "Protocol": "1", "IcmpTypeCode": {"Type": 0, "Code": -1}, "Ipv6CidrBlock": "::/0", "RuleAction": "allow", "Egress": true},
                {"RuleNumber": 110, "Protocol": "6", "PortRange": {"From": 1024, "To": 65535}, "CidrBlock": "10.0.0.0/8", "RuleAction": "deny", "Egress": false},
                {"RuleNumber": 32767, "Protocol": "-1", "CidrBlock": "0.0.0.0/0", "RuleAction": "deny", "Egress": false}]}]}
            """;
        const string instances = """
            {"Reservations": [{"Instances": [{"InstanceId": "i-1", "Platform": "windows", "NetworkInterfaces": []}, {"InstanceId": "i-2", "NetworkInterfaces": []}]}]}
            """;
        var result = AwsCliImporter.Import([new AwsCliFile("a.json", acls), new AwsCliFile("b.json", instances)]);
        Assert.True(result.IsOk, result.Error?.ToString());
        var acl = Assert.Single(result.Estate!.NetworkAcls);
        Assert.Equal("web", acl.Name);
        Assert.Equal(new NetworkAclEntry(100, IpProtocol.Icmp, 0, -1, Cidr.AnyV6, AclAction.Allow), Assert.Single(acl.Outbound));
        Assert.Equal(new NetworkAclEntry(110, IpProtocol.Tcp, 1024, 65535, Cidr.Parse("10.0.0.0/8").Value, AclAction.Deny), Assert.Single(acl.Inbound));
        Assert.Equal([EphemeralPorts.Windows, EphemeralPorts.Linux], result.Estate.Instances.Select(i => i.EphemeralPorts));
    }

    [Fact]
    public void AnEntryWithoutAnAddressNamesItsPlace()
    {
        const string acls = """{"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "Entries": [{"RuleNumber": 1, "Protocol": "-1", "RuleAction": "allow", "Egress": true}]}]}""";
        var result = AwsCliImporter.Import("NetworkAcls.json", acls);
        Assert.Equal("NetworkAcls.json:$.NetworkAcls[0].Entries[0]: the entry has neither CidrBlock nor Ipv6CidrBlock", result.Error!.ToString());
    }
}
