using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;
using static SgDesigner.Core.Tests.Support.EstateBuilder;

namespace SgDesigner.Core.Tests.Reachability;

/// <summary>Every row of semantics.md "Matching one rule": the destination admits what one inbound rule says.</summary>
public class RuleMatchingTests
{
    // Sender "a" may send anything anywhere; "b"'s inbound rule is the rule under test.
    private static Estate With(Func<EstateBuilder, Rule> inbound, string bIp = "10.0.0.2", string aIp = "10.0.0.1")
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var v6 = aIp.Contains(':');
        b.Group("sg-a", "vpc-1", b.Out("-1", -1, -1, Cidr(v6 ? "::/0" : "0.0.0.0/0")))
         .Group("sg-b", "vpc-1", inbound(b))
         .Eni("eni-a", "vpc-1", aIp, ["sg-a"])
         .Eni("eni-b", "vpc-1", bIp, ["sg-b"]);
        return b.Build();
    }

    [Fact]
    public void AllProtocolsRuleAllowsEveryProtocolAndPort()
    {
        var estate = With(b => b.In("-1", -1, -1, Cidr("10.0.0.0/16")));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(65535)));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Udp(53)));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Icmp(8, 0)));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Other(50)));
    }

    [Fact]
    public void TcpRangeIsInclusiveAtBothEnds()
    {
        var estate = With(b => b.In("tcp", 80, 443, Cidr("10.0.0.0/16")));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(80)));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(443)));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(79)));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(444)));
    }

    [Fact]
    public void UdpRuleDoesNotAllowTcpOnTheSamePort()
    {
        var estate = With(b => b.In("udp", 53, 53, Cidr("10.0.0.0/16")));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Udp(53)));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(53)));
    }

    [Fact]
    public void IcmpTypeWithAnyCodeAllowsEveryCodeOfThatTypeOnly()
    {
        var estate = With(b => b.In("icmp", 8, -1, Cidr("10.0.0.0/16")));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Icmp(8, 0)));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Icmp(8, 5)));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Icmp(0, 0)));
    }

    [Fact]
    public void IcmpTypeAndCodeMustBothMatch()
    {
        var estate = With(b => b.In("icmp", 3, 4, Cidr("10.0.0.0/16")));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Icmp(3, 4)));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Icmp(3, 3)));
    }

    [Fact]
    public void IcmpAnyTypeAnyCodeAllowsAllIcmp()
    {
        var estate = With(b => b.In("icmp", -1, -1, Cidr("10.0.0.0/16")));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Icmp(13, 0)));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(1)));
    }

    [Fact]
    public void IcmpAnyTypeWithASpecificCodeIsInvalidAndMatchesNothing()
    {
        var estate = With(b => b.In("icmp", -1, 4, Cidr("10.0.0.0/16")));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Icmp(3, 4)));
        Assert.Equal(MissReason.InvalidIcmp, Reach.Explain(estate, "eni-a", "eni-b", Traffic.Icmp(3, 4)).NearestMiss!.Reason);
    }

    [Fact]
    public void IcmpRuleDoesNotApplyToIpv6TrafficButIcmpv6Does()
    {
        var icmp = With(b => b.In("icmp", -1, -1, Cidr("::/0")), bIp: "2001:db8::2", aIp: "2001:db8::1");
        Assert.False(Reach.Allowed(icmp, "eni-a", "eni-b", Traffic.Icmp(8, 0)));
        var icmpv6 = With(b => b.In("icmpv6", -1, -1, Cidr("::/0")), bIp: "2001:db8::2", aIp: "2001:db8::1");
        Assert.True(Reach.Allowed(icmpv6, "eni-a", "eni-b", Traffic.IcmpV6(128, 0)));
    }

    [Fact]
    public void Icmpv6RuleDoesNotApplyToIpv4Traffic()
    {
        var estate = With(b => b.In("icmpv6", -1, -1, Cidr("10.0.0.0/16")));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.IcmpV6(128, 0)));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Icmp(8, 0)));
    }

    [Fact]
    public void OtherProtocolNumbersIgnorePortsAndMatchOnlyThemselves()
    {
        var estate = With(b => b.In("50", -1, -1, Cidr("10.0.0.0/16")));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Other(50)));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Other(47)));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(50)));
    }

    [Fact]
    public void CidrRulesMatchOnlyTheirOwnAddressFamily()
    {
        var estate = With(b => b.In("-1", -1, -1, Cidr("::/0")));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(22)));
        Assert.Equal(MissReason.OtherFamily, Reach.Explain(estate, "eni-a", "eni-b", Traffic.Tcp(22)).NearestMiss!.Reason);
    }

    [Fact]
    public void CidrRuleMatchesOnlyAddressesInsideIt()
    {
        var estate = With(b => b.In("tcp", 22, 22, Cidr("10.0.0.0/31")), aIp: "10.0.0.1", bIp: "10.0.0.9");
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(22)));
        var outside = With(b => b.In("tcp", 22, 22, Cidr("10.0.0.0/31")), aIp: "10.0.0.2", bIp: "10.0.0.9");
        Assert.False(Reach.Allowed(outside, "eni-a", "eni-b", Traffic.Tcp(22)));
    }

    [Fact]
    public void OnlyTheDestinationPortIsMatched()
    {
        // A rule for port 1234 admits connections to 1234 whatever the (ephemeral) source port is;
        // the query has no source port at all.
        var estate = With(b => b.In("tcp", 1234, 1234, Cidr("10.0.0.0/16")));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(1234)));
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(40000)));
    }
}
