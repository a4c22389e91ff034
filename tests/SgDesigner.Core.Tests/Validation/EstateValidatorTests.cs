using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using static SgDesigner.Core.Tests.Validation.SampleEstate;

namespace SgDesigner.Core.Tests.Validation;

public class EstateValidatorTests
{
    private static ValidationError Single(Estate estate, EstateValidationMode mode = EstateValidationMode.Designer)
    {
        var errors = EstateValidator.Validate(estate, mode);
        return Assert.Single(errors);
    }

    [Fact]
    public void TheSampleEstateIsValidAndHasNoWarnings()
    {
        var result = EstateValidator.Check(Build());
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void DuplicateGroupIdsAreReported()
    {
        var estate = Build();
        estate = estate with { Groups = estate.Groups.Add(estate.Groups[0] with { Name = "other", Rules = [] }) };
        var error = Single(estate);
        Assert.Equal("groups[sg-web]", error.Path);
        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void ARuleIdUsedInTwoGroupsIsReported()
    {
        var estate = Build().WithRule("sg-db", Tcp("sgr-1", Direction.Inbound, 22, 22, new CidrPeer(C("10.0.0.0/8"))));
        Assert.Equal("groups[sg-db].rules[sgr-1]", Single(estate).Path);
    }

    [Theory]
    [InlineData("sg-web2", "cannot start with 'sg-'")]
    [InlineData("caf\u00e9", "contains")]
    [InlineData("WEB", "already used by sg-web")]
    public void GroupNamesFollowAwsRules(string name, string expected)
    {
        var estate = Build().WithGroupChanged("sg-db", g => g with { Name = name });
        var error = Single(estate);
        Assert.Equal("groups[sg-db].name", error.Path);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ANameOf256CharactersIsTooLongAnd255IsFine()
    {
        Assert.Empty(EstateValidator.Validate(Build().WithGroupChanged("sg-db", g => g with { Name = new string('a', 255) })));
        var error = Single(Build().WithGroupChanged("sg-db", g => g with { Name = new string('a', 256) }));
        Assert.Contains("256 characters", error.Message);
    }

    [Fact]
    public void TheSameNameInAnotherVpcIsAllowed()
    {
        var estate = Build();
        estate = estate with
        {
            Vpcs = estate.Vpcs.Add(new Vpc("vpc-2", null, [C("10.1.0.0/16")])),
            Groups = estate.Groups.Add(new SecurityGroup("sg-web-b", "web", "Web in B", "vpc-2", ImmutableSortedDictionary<string, string>.Empty, [])),
        };
        Assert.Empty(EstateValidator.Validate(estate));
    }

    [Fact]
    public void AMissingGroupReferenceIsAnErrorInTheDesignerAndAWarningOnImport()
    {
        var estate = Build().WithRule("sg-db", Tcp("sgr-9", Direction.Inbound, 22, 22, new GroupPeer("sg-gone")));
        var error = Single(estate);
        Assert.Equal("groups[sg-db].rules[sgr-9].peer", error.Path);
        Assert.Contains("sg-gone", error.Message);

        var imported = EstateValidator.Check(estate, EstateValidationMode.Import);
        Assert.Empty(imported.Errors);
        Assert.Contains(imported.Warnings, w => w.Path == "groups[sg-db].rules[sgr-9].peer");
    }

    [Fact]
    public void AMissingPrefixListIsReported()
    {
        var estate = Build() with { PrefixLists = [] };
        Assert.Equal("groups[sg-db].rules[sgr-4].peer", Single(estate).Path);
    }

    [Fact]
    public void RulesBeyondTheQuotaAreRefusedAndAtTheQuotaWarned()
    {
        var estate = Build() with { Quotas = new Quotas(RulesPerDirection: 2) };
        var atQuota = EstateValidator.Check(estate);
        Assert.Empty(atQuota.Errors);
        Assert.Contains(atQuota.Warnings, w => w.Path == "groups[sg-db].rules" && w.Message.Contains("at its quota"));

        var over = estate.WithRule("sg-db", Tcp("sgr-9", Direction.Inbound, 22, 22, new CidrPeer(C("10.0.0.0/8"))));
        var error = Single(over);
        Assert.Equal("groups[sg-db].rules", error.Path);
        Assert.Contains("3 inbound rules exceed the quota of 2", error.Message);
    }

    [Fact]
    public void TooManyGroupsOnAnInterfaceAreRefused()
    {
        var estate = Build() with { Quotas = new Quotas(GroupsPerEni: 1) };
        var eni = estate.NetworkInterfaces[0] with { GroupIds = ["sg-web", "sg-db"] };
        var error = Single(estate with { NetworkInterfaces = estate.NetworkInterfaces.SetItem(0, eni) });
        Assert.Equal("networkInterfaces[eni-web].groupIds", error.Path);
        Assert.Contains("exceed the quota of 1", error.Message);
    }

    [Fact]
    public void AnInterfaceAddressOutsideItsSubnetIsAnErrorInTheDesignerAndAWarningOnImport()
    {
        var estate = Build();
        var eni = estate.NetworkInterfaces[1] with { PrivateIps = [Ip("172.31.48.168")] };
        estate = estate with { NetworkInterfaces = estate.NetworkInterfaces.SetItem(1, eni) };
        var error = Single(estate);
        Assert.Equal("networkInterfaces[eni-db].privateIps[0]", error.Path);
        Assert.Contains("not inside subnet subnet-b", error.Message);
        Assert.Empty(EstateValidator.Validate(estate, EstateValidationMode.Import));
    }

    [Fact]
    public void TwoInterfacesWithTheSameAddressInAVpcAreRefused()
    {
        var estate = Build();
        var eni = estate.NetworkInterfaces[1] with { SubnetId = "subnet-a", PrivateIps = [Ip("10.0.1.10")] };
        var error = Single(estate with { NetworkInterfaces = estate.NetworkInterfaces.SetItem(1, eni) });
        Assert.Equal("networkInterfaces[eni-db].privateIps[0]", error.Path);
        Assert.Contains("already used by eni-web", error.Message);
    }

    [Fact]
    public void AnInterfaceInAnUnknownSubnetIsRefused()
    {
        var estate = Build();
        var eni = estate.NetworkInterfaces[1] with { SubnetId = "subnet-zz" };
        Assert.Equal("networkInterfaces[eni-db].subnetId", Single(estate with { NetworkInterfaces = estate.NetworkInterfaces.SetItem(1, eni) }).Path);
    }

    [Fact]
    public void ASubnetOutsideItsVpcIsRefused()
    {
        var estate = Build();
        estate = estate with { Subnets = estate.Subnets.Add(new Subnet("subnet-x", "vpc-1", C("10.9.0.0/24"))) };
        var error = Single(estate);
        Assert.Equal("subnets[subnet-x].cidr", error.Path);
        Assert.Contains("not inside", error.Message);
    }

    [Fact]
    public void OverlappingSubnetsAreRefused()
    {
        var estate = Build();
        estate = estate with { Subnets = estate.Subnets.Add(new Subnet("subnet-x", "vpc-1", C("10.0.1.128/25"))) };
        var error = Single(estate);
        Assert.Equal("subnets[subnet-x].cidr", error.Path);
        Assert.Contains("overlaps subnet-a", error.Message);
    }

    [Fact]
    public void AGroupInAnUnknownVpcIsRefused()
    {
        var estate = Build().WithGroupChanged("sg-db", g => g with { VpcId = "vpc-9" });
        var errors = EstateValidator.Validate(estate);
        Assert.Contains(errors, e => e.Path == "groups[sg-db].vpcId");
    }

    [Fact]
    public void RuleErrorsAreReportedWithTheGroupAndRuleInThePath()
    {
        var estate = Build().WithRule("sg-web", Tcp("sgr-9", Direction.Inbound, 80, 70000, new CidrPeer(Cidr.AnyV4)));
        Assert.Equal("groups[sg-web].rules[sgr-9].toPort", Single(estate).Path);
    }

    [Fact]
    public void TwoInterfacesAtTheSameDeviceIndexOfAnInstanceAreRefused()
    {
        var estate = Build();
        var eni = estate.NetworkInterfaces[1] with { InstanceId = "i-web", DeviceIndex = 0 };
        var error = Single(estate with { NetworkInterfaces = estate.NetworkInterfaces.SetItem(1, eni) });
        Assert.Equal("networkInterfaces[eni-db].deviceIndex", error.Path);
        Assert.Contains("i-web already has eni-web at device index 0", error.Message);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "vpcs[vpc-1].cidrs[0]")]
    [InlineData("10.0.0.0/29", "vpcs[vpc-1].cidrs[0]")]
    public void VpcBlocksOutsideSlash16ToSlash28AreRefused(string block, string path)
    {
        var estate = Build() with { Vpcs = [new Vpc("vpc-1", "main", [C(block)])], Subnets = [], NetworkInterfaces = [] };
        var error = Single(estate);
        Assert.Equal(path, error.Path);
        Assert.Contains("between /16 and /28", error.Message);
    }

    [Fact]
    public void PeeringVpcsWithOverlappingBlocksIsRefusedButATransitGatewayIsAccepted()
    {
        var estate = Build();
        estate = estate with { Vpcs = estate.Vpcs.Add(new Vpc("vpc-2", null, [C("10.0.128.0/17")])) };
        var peered = estate with { VpcConnections = [new VpcConnection("vpc-1", "vpc-2", VpcConnectionKind.Peering, true)] };
        var error = Single(peered);
        Assert.Equal("vpcConnections[0]", error.Path);
        Assert.Contains("overlap (10.0.0.0/16)", error.Message);
        Assert.Empty(EstateValidator.Validate(estate with { VpcConnections = [new VpcConnection("vpc-1", "vpc-2", VpcConnectionKind.TransitGateway, false)] }));
    }
}
