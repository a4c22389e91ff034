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
        Assert.Contains("networkAcls[acl-00000001].inbound[#100].ruleNumber: rule number 100 is used twice in the inbound rules",
            Errors(Acl("acl-00000001", "subnet-b", [Allow(100, "tcp", 22, 22, "10.0.0.0/8"), Deny(100, "-1", -1, -1, "0.0.0.0/0")], AllowAll)));

    [Theory]
    [InlineData(0)]
    [InlineData(32767)]
    public void ARuleNumberOutOfRangeIsNamed(int number) =>
        Assert.Contains($"networkAcls[acl-00000001].outbound[#{number}].ruleNumber: rule number {number} is out of range 1..32766",
            Errors(Acl("acl-00000001", "subnet-b", [], [Allow(number, "-1", -1, -1, "0.0.0.0/0")])));

    [Fact]
    public void ASubnetAssociatedWithTwoAclsIsNamed() =>
        Assert.Contains("networkAcls[acl-00000002].subnetIds[subnet-b]: subnet 'subnet-b' is associated with two network ACLs, acl-00000001 and acl-00000002: a subnet has exactly one",
            Errors(Acl("acl-00000001", "subnet-b", [], []), Acl("acl-00000002", "subnet-b", [], [])));

    [Fact]
    public void AnUnknownSubnetOrVpcIsNamed()
    {
        var errors = Errors(new NetworkAcl("acl-00000001", "vpc-9", false, ["subnet-z"], [], [])).ToList();
        Assert.Contains("networkAcls[acl-00000001].vpcId: VPC 'vpc-9' is not in the policy", errors);
        Assert.Contains("networkAcls[acl-00000001].subnetIds[subnet-z]: subnet 'subnet-z' is not in the policy", errors);
    }

    [Fact]
    public void OnImportAnUnknownSubnetIsOnlyAWarning()
    {
        var check = EstateValidator.Check(With(new NetworkAcl("acl-00000001", "vpc-1", false, ["subnet-z"], [], [])), EstateValidationMode.Import);
        Assert.Empty(check.Errors);
        Assert.Contains("networkAcls[acl-00000001].subnetIds[subnet-z]: subnet 'subnet-z' is not in the policy", check.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void BadPortsAndIcmpAreNamed()
    {
        var errors = Errors(Acl("acl-00000001", "subnet-b", [Allow(1, "tcp", 80, 22, "0.0.0.0/0"), Allow(2, "icmp", -1, 3, "0.0.0.0/0")], [])).ToList();
        Assert.Contains(errors, e => e.StartsWith("networkAcls[acl-00000001].inbound[#1].fromPort: the port range 80-22 ends before it starts", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("networkAcls[acl-00000001].inbound[#2].icmp:", StringComparison.Ordinal));
    }
}
