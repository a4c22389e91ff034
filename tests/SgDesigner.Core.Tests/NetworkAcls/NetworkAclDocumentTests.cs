using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Tests.Documents;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary>The <c>networkAcls</c> member and an instance's <c>ephemeralPorts</c> in policy documents.</summary>
public class NetworkAclDocumentTests
{
    private static Estate WithAcls() => With(
            new NetworkAcl("acl-d", "vpc-1", true, [], AllowAll, AllowAll, "default"),
            Acl("acl-b", "subnet-b", [Deny(90, "tcp", 22, 22, "10.0.1.0/24"), Allow(100, "icmp", 8, -1, "0.0.0.0/0"), Allow(110, "50", -1, -1, "::/0")],
                [Allow(100, "tcp", 1024, 65535, "0.0.0.0/0")]))
        with { Instances = Base(EphemeralPorts.Windows).Instances.Add(new Instance("i-x", null, Base().Instances[0].Tags) { EphemeralPorts = new(EphemeralPortsKind.Custom, 1024, 5000) }) };

    [Fact]
    public void AclsAndEphemeralRangesRoundTrip()
    {
        var document = new PolicyDocument("acls", null, WithAcls());
        var json = PolicyDocumentJson.Write(document);
        Assert.Contains("\"networkAcls\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"ephemeralPorts\": \"windows\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ephemeralPorts\": \"1024-5000\"", json, StringComparison.Ordinal);
        var read = PolicyDocumentJson.Read(json);
        Assert.True(read.IsOk, read.Error?.ToString());
        DeepEqual.Assert(document.Estate, read.Document!.Estate);
        Assert.Equal(json, PolicyDocumentJson.Write(read.Document));
    }

    [Fact]
    public void APolicyWithoutAclsIsWrittenWithoutTheMembersAndReadsThemAsEmpty()
    {
        var json = PolicyDocumentJson.Write(new PolicyDocument("plain", null, Base()));
        Assert.DoesNotContain("networkAcls", json, StringComparison.Ordinal);
        Assert.DoesNotContain("ephemeralPorts", json, StringComparison.Ordinal);
        var read = PolicyDocumentJson.Read(json).Document!;
        Assert.Empty(read.Estate.NetworkAcls);
        Assert.All(read.Estate.Instances, i => Assert.Equal(EphemeralPorts.Linux, i.EphemeralPorts));
    }

    [Theory]
    [InlineData("\"action\": \"allow\"", "\"action\": \"maybe\"", "$.networkAcls[0].inbound[0].action", "unknown ACL action 'maybe'")]
    [InlineData("\"ephemeralPorts\": \"windows\"", "\"ephemeralPorts\": \"solaris\"", "$.instances[0].ephemeralPorts", "not an ephemeral port range")]
    [InlineData("\"ruleNumber\": 90,", "", "$.networkAcls[1].inbound[0].ruleNumber", "ruleNumber")]
    [InlineData("\"ruleNumber\": 90,", "\"ruleNumber\": 40000,", "$.networkAcls[1].inbound[0].ruleNumber", "40000 is out of range 1–32766")]
    [InlineData("\"subnetIds\": [\n        \"subnet-b\"", "\"subnetIds\": [\n        \"subnet-q\"", "$.networkAcls[1].subnetIds[0]", "subnet 'subnet-q' is not in the policy")]
    [InlineData("\"id\": \"acl-b\"", "\"id\": \"acl-\\u0000\"", "$.networkAcls[1].id", "the network ACL id ")]
    public void BadAclInputNamesItsPlace(string good, string bad, string path, string message)
    {
        var json = PolicyDocumentJson.Write(new PolicyDocument("acls", null, WithAcls()));
        var at = json.IndexOf(good, StringComparison.Ordinal);
        var read = PolicyDocumentJson.Read(json[..at] + bad + json[(at + good.Length)..]);
        Assert.False(read.IsOk);
        Assert.Equal(path, read.Error!.Path);
        Assert.Contains(message, read.Error.Message, StringComparison.Ordinal);
    }
}
