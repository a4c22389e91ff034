using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;
using static SgDesigner.Core.Tests.Support.EstateBuilder;

namespace SgDesigner.Core.Tests.Reachability;

/// <summary>semantics.md "A peer matches the other side" and "Evaluating a connection A → B".</summary>
public class PeerMatchingTests
{
    [Fact]
    public void GroupReferenceAdmitsMembersOfTheReferencedGroupOnly()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var estate = b
            .Group("sg-app", "vpc-1", b.Out("tcp", 5432, 5432, Sg("sg-db")))
            .Group("sg-db", "vpc-1", b.In("tcp", 5432, 5432, Sg("sg-app")))
            .Group("sg-other", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")))
            .Eni("eni-app", "vpc-1", "10.0.1.1", ["sg-app"])
            .Eni("eni-db", "vpc-1", "10.0.2.1", ["sg-db"])
            .Eni("eni-other", "vpc-1", "10.0.3.1", ["sg-other"])
            .Build();
        Assert.True(Reach.Allowed(estate, "eni-app", "eni-db", Traffic.Tcp(5432)));
        Assert.False(Reach.Allowed(estate, "eni-other", "eni-db", Traffic.Tcp(5432)));
    }

    [Fact]
    public void SelfReferenceLetsMembersTalkAndNothingIsImplicitWithoutIt()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var withSelf = b
            .Group("sg-1", "vpc-1", b.In("-1", -1, -1, Sg("sg-1")), b.Out("-1", -1, -1, Cidr("0.0.0.0/0")))
            .Eni("eni-a", "vpc-1", "10.0.0.1", ["sg-1"])
            .Eni("eni-b", "vpc-1", "10.0.0.2", ["sg-1"])
            .Build();
        Assert.True(Reach.Allowed(withSelf, "eni-a", "eni-b", Traffic.Tcp(9000)));

        var c = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var withoutSelf = c
            .Group("sg-1", "vpc-1", c.Out("-1", -1, -1, Cidr("0.0.0.0/0")))
            .Eni("eni-a", "vpc-1", "10.0.0.1", ["sg-1"])
            .Eni("eni-b", "vpc-1", "10.0.0.2", ["sg-1"])
            .Build();
        Assert.False(Reach.Allowed(withoutSelf, "eni-a", "eni-b", Traffic.Tcp(9000)));
    }

    [Fact]
    public void StaleGroupReferenceMatchesNothingEvenForEnisListingThatId()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var estate = b
            .Group("sg-a", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")))
            .Group("sg-b", "vpc-1", b.In("-1", -1, -1, Sg("sg-deleted")))
            .Eni("eni-a", "vpc-1", "10.0.0.1", ["sg-a", "sg-deleted"])
            .Eni("eni-b", "vpc-1", "10.0.0.2", ["sg-b"])
            .Build();
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(80)));
        Assert.Equal(MissReason.StaleReference, Reach.Explain(estate, "eni-a", "eni-b", Traffic.Tcp(80)).NearestMiss!.Reason);
    }

    private static Estate PublicAndPrivate()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        return b
            .Group("sg-web", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")), b.In("tcp", 443, 443, Sg("sg-web")))
            .Eni("eni-a", "vpc-1", "10.0.0.1", ["sg-web"], publicIp: "54.1.1.1")
            .Eni("eni-b", "vpc-1", "10.0.0.2,10.0.0.22", ["sg-web"], publicIp: "54.2.2.2")
            .Build();
    }

    [Fact]
    public void GroupReferenceMatchesEveryPrivateIpIncludingSecondaryOnes()
    {
        var estate = PublicAndPrivate();
        Assert.True(Reach.Allowed(estate, "eni-a", "10.0.0.22", Traffic.Tcp(443)));
        Assert.True(Reach.Allowed(estate, "10.0.0.22", "eni-a", Traffic.Tcp(443)));
    }

    [Fact]
    public void PublicIpNeverMatchesAGroupReference()
    {
        var estate = PublicAndPrivate();
        // 54.2.2.2 resolves to an address outside the estate: only eni-a's egress applies, and it allows all.
        Assert.IsType<ExternalEndpointIp>(Reach.Resolve(estate, "54.2.2.2"));
        Assert.True(Reach.Allowed(estate, "eni-a", "54.2.2.2", Traffic.Tcp(443)));
        // Arriving from a public IP, the inbound group reference does not match.
        Assert.False(Reach.Allowed(estate, "54.1.1.1", "eni-b", Traffic.Tcp(443)));
        Assert.Equal(MissReason.NotAPrivateIp, Reach.Explain(estate, "54.1.1.1", "eni-b", Traffic.Tcp(443)).NearestMiss!.Reason);
    }

    [Fact]
    public void EniEndpointOnAPublicIpDoesNotMatchAGroupReference()
    {
        var estate = PublicAndPrivate();
        var engine = ReachabilityEngine.Build(estate);
        var fromPublic = new EniEndpoint("eni-a", Ip("54.1.1.1"));
        Assert.False(engine.Query(fromPublic, Reach.Resolve(estate, "eni-b"), Traffic.Tcp(443)).Allowed);
        Assert.False(NaiveEvaluator.Query(estate, fromPublic, Reach.Resolve(estate, "eni-b"), Traffic.Tcp(443)).Allowed);
    }

    [Fact]
    public void PrefixListMatchesAnyOfItsEntries()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var estate = b
            .PrefixList("pl-office", IpFamily.V4, "192.168.0.0/24", "172.16.5.0/24")
            .Group("sg-b", "vpc-1", b.In("tcp", 22, 22, Pl("pl-office")), b.In("tcp", 80, 80, Pl("pl-missing")))
            .Eni("eni-b", "vpc-1", "10.0.0.2", ["sg-b"])
            .Build();
        Assert.True(Reach.Allowed(estate, "172.16.5.9", "eni-b", Traffic.Tcp(22)));
        Assert.True(Reach.Allowed(estate, "192.168.0.1", "eni-b", Traffic.Tcp(22)));
        Assert.False(Reach.Allowed(estate, "192.168.1.1", "eni-b", Traffic.Tcp(22)));
        Assert.False(Reach.Allowed(estate, "192.168.0.1", "eni-b", Traffic.Tcp(80)));
    }

    private static Estate TwoVpcs(bool connected, bool groupReferencing)
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.1.0.0/16").Vpc("vpc-2", "10.2.0.0/16");
        if (connected)
            b.Connect("vpc-1", "vpc-2", groupReferencing);
        return b
            .Group("sg-a", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")))
            .Group("sg-b", "vpc-2", b.In("tcp", 443, 443, Sg("sg-a")), b.In("tcp", 22, 22, Cidr("10.1.0.0/16")))
            .Eni("eni-a", "vpc-1", "10.1.0.5", ["sg-a"])
            .Eni("eni-b", "vpc-2", "10.2.0.5", ["sg-b"])
            .Build();
    }

    [Fact]
    public void PeeringWithGroupReferencingLetsGroupAndCidrRulesMatch()
    {
        var estate = TwoVpcs(connected: true, groupReferencing: true);
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(443)));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(22)));
    }

    [Fact]
    public void ConnectionWithoutGroupReferencingLetsOnlyCidrRulesMatch()
    {
        var estate = TwoVpcs(connected: true, groupReferencing: false);
        Assert.False(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(443)));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(22)));
        Assert.Equal(MissReason.NoGroupReferencingAcrossConnection,
            Reach.Explain(estate, "eni-a", "eni-b", Traffic.Tcp(443)).NearestMiss!.Reason);
    }

    [Fact]
    public void EnisInUnconnectedVpcsCannotReachEachOther()
    {
        var estate = TwoVpcs(connected: false, groupReferencing: false);
        var verdict = Reach.Query(estate, "eni-a", "eni-b", Traffic.Tcp(22));
        Assert.False(verdict.Allowed);
        Assert.Equal(DeniedSide.VpcsNotConnected, verdict.DeniedBy);
    }

    [Fact]
    public void OutsideSourceIsJudgedByTheDestinationsInboundRulesOnly()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var estate = b
            .Group("sg-web", "vpc-1", b.In("tcp", 443, 443, Cidr("0.0.0.0/0")))
            .Eni("eni-web", "vpc-1", "10.0.0.2", ["sg-web"])
            .Build();
        var verdict = Reach.Query(estate, "203.0.113.7", "eni-web", Traffic.Tcp(443));
        Assert.True(verdict.Allowed);
        Assert.Empty(verdict.Egress);
        Assert.Single(verdict.Ingress);
        // sg-web has no outbound rule: the ENI cannot open connections out, yet replies to 443 flow (stateful).
        Assert.False(Reach.Allowed(estate, "eni-web", "203.0.113.7", Traffic.Tcp(443)));
        Assert.True(verdict.ReturnTrafficAllowed);
    }

    [Fact]
    public void OutsideDestinationIsJudgedByTheSourcesOutboundRulesOnly()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var estate = b
            .Group("sg-a", "vpc-1", b.Out("tcp", 443, 443, Cidr("0.0.0.0/0")))
            .Eni("eni-a", "vpc-1", "10.0.0.2", ["sg-a"])
            .Build();
        var verdict = Reach.Query(estate, "eni-a", "8.8.8.8", Traffic.Tcp(443));
        Assert.True(verdict.Allowed);
        Assert.Single(verdict.Egress);
        Assert.Empty(verdict.Ingress);
        Assert.Equal(DeniedSide.SourceEgress, Reach.Query(estate, "eni-a", "8.8.8.8", Traffic.Udp(53)).DeniedBy);
    }

    [Fact]
    public void AllGroupsOnAnEniAreMergedIntoOneSetOfRules()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var estate = b
            .Group("sg-out", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")))
            .Group("sg-ssh", "vpc-1", b.In("tcp", 22, 22, Cidr("10.0.0.0/16")))
            .Group("sg-web", "vpc-1", b.In("tcp", 80, 80, Cidr("10.0.0.0/16")))
            .Eni("eni-a", "vpc-1", "10.0.0.1", ["sg-out"])
            .Eni("eni-b", "vpc-1", "10.0.0.2", ["sg-ssh", "sg-web"])
            .Build();
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(22)));
        Assert.True(Reach.Allowed(estate, "eni-a", "eni-b", Traffic.Tcp(80)));
        Assert.Equal(DeniedSide.DestinationIngress, Reach.Query(estate, "eni-a", "eni-b", Traffic.Tcp(81)).DeniedBy);
        Assert.Equal(DeniedSide.Both, Reach.Query(estate, "eni-b", "eni-a", Traffic.Tcp(22)).DeniedBy);
    }

    [Fact]
    public void MixedAddressFamiliesCannotConnect()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var estate = b
            .Group("sg-1", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")), b.Out("-1", -1, -1, Cidr("::/0")))
            .Eni("eni-a", "vpc-1", "10.0.0.1", ["sg-1"])
            .Build();
        Assert.Equal(DeniedSide.AddressFamilies, Reach.Query(estate, "eni-a", "2001:db8::1", Traffic.Tcp(22)).DeniedBy);
    }
}
