using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary>Every ACL problem is an error at the ACL and rule it concerns.</summary>
public class NetworkAclValidationTests
{
    private static IEnumerable<string> Errors(params NetworkAcl[] acls) => EstateValidator.Validate(With(acls)).Select(e => e.ToString());

    [Fact]
    public void AValidAclHasNoErrors() =>
        Assert.Empty(Errors(Acl("acl-00000001", "subnet-b", [Allow(100, "tcp", 22, 22, "10.0.0.0/8")], AllowAll)));

    [Fact]
    public void ARuleNumberUsedTwiceInOneDirectionIsNamed() =>
        Assert.Contains("networkAcls[0].inbound[1].ruleNumber: rule number 100 is used twice in the inbound rules",
            Errors(Acl("acl-00000001", "subnet-b", [Allow(100, "tcp", 22, 22, "10.0.0.0/8"), Deny(100, "-1", -1, -1, "0.0.0.0/0")], AllowAll)));

    [Theory]
    [InlineData(0)]
    [InlineData(32767)]
    public void ARuleNumberOutOfRangeIsNamed(int number) =>
        Assert.Contains($"networkAcls[0].outbound[0].ruleNumber: {number} is out of range 1–32766",
            Errors(Acl("acl-00000001", "subnet-b", [], [Allow(number, "-1", -1, -1, "0.0.0.0/0")])));

    [Fact]
    public void ASubnetAssociatedWithTwoAclsIsNamed() =>
        Assert.Contains("networkAcls[1].subnetIds[0]: subnet 'subnet-b' is associated with two network ACLs, 'acl-00000001' and 'acl-00000002': a subnet has exactly one",
            Errors(Acl("acl-00000001", "subnet-b", [], []), Acl("acl-00000002", "subnet-b", [], [])));

    [Fact]
    public void AnUnknownSubnetOrVpcIsNamed()
    {
        var errors = Errors(new NetworkAcl("acl-00000001", "vpc-9", false, ["subnet-z"], [], [])).ToList();
        Assert.Contains("networkAcls[0].vpcId: VPC 'vpc-9' is not in the policy", errors);
        Assert.Contains("networkAcls[0].subnetIds[0]: subnet 'subnet-z' is not in the policy", errors);
    }

    [Fact]
    public void OnImportAnUnknownSubnetIsStillAnError_AnUnknownVpcOnlyAWarning()
    {
        // The association would be inert (no ENI can be found behind it), and the document written would not read back.
        var check = EstateValidator.Check(With(new NetworkAcl("acl-00000001", "vpc-9", false, ["subnet-z"], [], [])), EstateValidationMode.Import);
        Assert.Equal(["networkAcls[0].subnetIds[0]: subnet 'subnet-z' is not in the policy"], check.Errors.Select(w => w.ToString()));
        Assert.Contains("networkAcls[0].vpcId: VPC 'vpc-9' is not in the policy", check.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void AnIdOf100KbOrWithANulIsAnErrorThatDoesNotRepeatTheId()
    {
        var huge = "acl-" + new string('a', 100_000);
        var errors = Errors(Acl(huge, "subnet-b", [], []), Acl("acl-0000\0", "subnet-a", [], [])).ToList();
        Assert.Contains("networkAcls[0].id: the network ACL id is 100004 characters long; the limit is 128", errors);
        Assert.Contains(errors, e => e.StartsWith("networkAcls[1].id: the network ACL id ", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.True(e.Length < 300, e[..Math.Min(300, e.Length)]));
    }

    [Fact]
    public void BadPortsAndIcmpAreNamed()
    {
        var errors = Errors(Acl("acl-00000001", "subnet-b", [Allow(1, "tcp", 80, 22, "0.0.0.0/0"), Allow(2, "icmp", -1, 3, "0.0.0.0/0")], [])).ToList();
        Assert.Contains(errors, e => e.StartsWith("networkAcls[0].inbound[0].fromPort: the port range 80-22 ends before it starts", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("networkAcls[0].inbound[1].icmp:", StringComparison.Ordinal));
    }
}
