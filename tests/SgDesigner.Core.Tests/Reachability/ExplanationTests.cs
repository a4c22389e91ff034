using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;
using static SgDesigner.Core.Tests.Support.EstateBuilder;

namespace SgDesigner.Core.Tests.Reachability;

public class ExplanationTests
{
    private static Estate AppAndDb()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        return b
            .Instance("i-app", "app-1").Instance("i-web", "web-1").Instance("i-db", "db-1")
            .Group("sg-app", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")))
            .Group("sg-web", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")))
            .Group("sg-db", "vpc-1", b.In("tcp", 5432, 5432, Sg("sg-app")), b.In("tcp", 22, 22, Cidr("10.0.9.0/24")))
            .Eni("eni-app", "vpc-1", "10.0.1.1", ["sg-app"], instance: "i-app")
            .Eni("eni-web", "vpc-1", "10.0.9.9", ["sg-web"], instance: "i-web")
            .Eni("eni-db", "vpc-1", "10.0.2.1", ["sg-db"], instance: "i-db")
            .Build();
    }

    [Fact]
    public void AllowedExplanationNamesTheRulesOfBothSidesAndTheStatefulReply()
    {
        var explanation = Reach.Explain(AppAndDb(), "app-1", "db-1", Traffic.Tcp(5432));
        Assert.True(explanation.Verdict.Allowed);
        Assert.True(explanation.ReturnTrafficAllowed);
        Assert.Null(explanation.DeniedSide);
        Assert.Equal("sg-app", Assert.Single(explanation.Verdict.Egress).GroupId);
        Assert.Equal("sg-db", Assert.Single(explanation.Verdict.Ingress).GroupId);
        Assert.Contains("sg-db inbound tcp 5432 from sg-app", explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("return traffic", explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void DeniedByAMissingGroupMembershipSaysTheSourceIsNotInTheGroup()
    {
        var explanation = Reach.Explain(AppAndDb(), "i-web", "i-db", Traffic.Tcp(5432));
        Assert.False(explanation.ReturnTrafficAllowed);
        Assert.Equal(DeniedSide.DestinationIngress, explanation.DeniedSide);
        var miss = explanation.NearestMiss!;
        Assert.Equal(MissReason.NotInGroup, miss.Reason);
        Assert.Equal("sg-db's inbound rule allows tcp 5432 from sg-app, but web-1 (eni-web, 10.0.9.9) is not in sg-app", miss.Text);
        Assert.Contains(miss.Text, explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void DeniedByTheWrongPortSaysWhichPortTheMatchingPeerRuleAllows()
    {
        var explanation = Reach.Explain(AppAndDb(), "web-1", "db-1", Traffic.Tcp(2222));
        var miss = explanation.NearestMiss!;
        Assert.Equal(MissReason.OtherTraffic, miss.Reason);
        Assert.Equal(22, miss.Rule!.Rule.FromPort);
        Assert.EndsWith("but for tcp 22, not tcp 2222", miss.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DeniedOnBothSidesGivesANearestMissForEach()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var estate = b
            .Group("sg-a", "vpc-1", b.Out("tcp", 443, 443, Cidr("10.0.0.0/16")))
            .Group("sg-b", "vpc-1")
            .Eni("eni-a", "vpc-1", "10.0.0.1", ["sg-a"])
            .Eni("eni-b", "vpc-1", "10.0.0.2", ["sg-b"])
            .Build();
        var explanation = Reach.Explain(estate, "eni-a", "eni-b", Traffic.Tcp(80));
        Assert.Equal(DeniedSide.Both, explanation.DeniedSide);
        Assert.Equal([DeniedSide.SourceEgress, DeniedSide.DestinationIngress], explanation.NearestMisses.Select(m => m.Side));
        Assert.Equal(MissReason.OtherTraffic, explanation.NearestMisses[0].Reason);
        Assert.Equal(MissReason.NoRules, explanation.NearestMisses[1].Reason);
        Assert.Contains("has no inbound rule", explanation.NearestMisses[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UntrackedFlowsAreFlaggedWhenEverythingCidrRulesAllowBothWays()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var estate = b
            .Group("sg-open", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")), b.In("-1", -1, -1, Cidr("0.0.0.0/0")))
            .Group("sg-tracked", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")), b.In("tcp", 22, 22, Cidr("10.0.0.0/16")))
            .Eni("eni-a", "vpc-1", "10.0.0.1", ["sg-open"])
            .Eni("eni-b", "vpc-1", "10.0.0.2", ["sg-open"])
            .Eni("eni-c", "vpc-1", "10.0.0.3", ["sg-tracked"])
            .Build();
        Assert.True(Reach.Query(estate, "eni-a", "eni-b", Traffic.Tcp(22)).Untracked);
        Assert.False(Reach.Query(estate, "eni-a", "eni-c", Traffic.Tcp(22)).Untracked);
        Assert.Contains("untracked", Reach.Explain(estate, "eni-a", "eni-b", Traffic.Tcp(22)).Summary, StringComparison.Ordinal);
    }
}
