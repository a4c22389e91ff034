using SgDesigner.Core.Editing;
using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Instances;

namespace SgDesigner.Web.Tests.Instances;

public sealed class InventoryRulesTests
{
    private const string Vpc = "vpc-1", SubnetA = "subnet-a";

    private static readonly Estate Estate = Estate.Empty with
    {
        Vpcs = [new Vpc(Vpc, null, [Cidr.Parse("10.0.0.0/16").Value])],
        Subnets = [new Subnet(SubnetA, Vpc, Cidr.Parse("10.0.1.0/24").Value)],
        Groups = [new SecurityGroup("sg-1", "one", "one", Vpc, ImmutableSortedDictionary<string, string>.Empty, [])],
        NetworkInterfaces = [new NetworkInterface("eni-1", Vpc, SubnetA, null, null, [IpAddress.Parse("10.0.1.10").Value], null, ["sg-1"])],
    };

    [Theory]
    [InlineData("10.0.1.0")]
    [InlineData("10.0.1.3")]
    [InlineData("10.0.1.255")]
    public void The_addresses_aws_reserves_in_a_subnet_are_refused(string ip) =>
        Assert.Contains("is reserved by AWS", InventoryRules.CheckPrivateIp(Estate, SubnetA, ip, null).Error);

    [Fact]
    public void An_interface_keeps_its_own_address_without_a_clash() =>
        Assert.True(InventoryRules.CheckPrivateIp(Estate, SubnetA, "10.0.1.10", "eni-1").IsOk);

    [Fact]
    public void Text_that_is_no_address_is_refused_with_the_parser_s_message() =>
        Assert.Equal("'10.0.1' is not an IP address", InventoryRules.CheckPrivateIp(Estate, SubnetA, "10.0.1", null).Error);

    [Fact]
    public void A_group_of_another_vpc_cannot_be_attached()
    {
        var estate = Estate with { Groups = Estate.Groups.Add(new SecurityGroup("sg-2", "two", "two", "vpc-2", ImmutableSortedDictionary<string, string>.Empty, [])) };

        Assert.Equal("two belongs to vpc-2, not to the interface's VPC vpc-1", InventoryRules.CheckAttach(estate, "eni-1", "sg-2"));
    }

    [Fact]
    public void The_quota_follows_the_estate_s_raised_groups_per_interface()
    {
        var estate = Estate with { Quotas = new Quotas(GroupsPerEni: 1) };

        Assert.NotNull(InventoryRules.QuotaWarning(estate, estate.NetworkInterfaces[0]));
        Assert.Null(InventoryRules.QuotaWarning(Estate, Estate.NetworkInterfaces[0]));
    }

    [Fact]
    public void A_draft_without_a_vpc_gets_one_holding_its_first_subnet()
    {
        var cidr = Cidr.Parse("172.16.5.0/24").Value;

        var estate = NetworkEdits.AddSubnet(IdSource.Random, "subnet-new", cidr, "first")(Estate.Empty).Estate!;

        var vpc = Assert.Single(estate.Vpcs);
        Assert.Equal([Cidr.Parse("172.16.0.0/16").Value], vpc.Cidrs);
        Assert.Equal(new Subnet("subnet-new", vpc.Id, cidr, Name: "first"), Assert.Single(estate.Subnets));
    }

    [Fact]
    public void A_subnet_block_outside_the_vpc_is_refused() =>
        Assert.Contains("is not inside the VPC's blocks", InventoryRules.CheckSubnetCidr(Estate, "192.168.0.0/24").Error);
}
