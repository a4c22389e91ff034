using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Diff;

public class ReachabilityDiffTests
{
    private static readonly SecurityGroup s_web = Group("sg-web", "web",
        Out("sgr-w-out", "-1", -1, -1, "0.0.0.0/0"),
        In("sgr-w-https", "tcp", 443, 443, "0.0.0.0/0"));

    private static readonly SecurityGroup s_db = Group("sg-db", "db",
        In("sgr-d-pg", "tcp", 5432, 5432, "sg-web"),
        Out("sgr-d-out", "tcp", 443, 443, "10.0.0.0/16"));

    private static readonly SecurityGroup s_bastion = Group("sg-bastion", "bastion", Out("sgr-b-out", "tcp", 22, 22, "10.0.0.0/16"));

    private static Estate Estate(SecurityGroup web, SecurityGroup db, int webCount = 2, int dbCount = 1) => Of(
        [web, db, s_bastion],
        [
            .. Enumerable.Range(1, webCount).Select(i => Eni($"eni-web{i}", $"10.0.1.{i}", "sg-web")),
            .. Enumerable.Range(1, dbCount).Select(i => Eni($"eni-db{i}", $"10.0.2.{i}", "sg-db")),
            Eni("eni-bastion", "10.0.3.1", "sg-bastion"),
        ]);

    [Fact]
    public void TheSameEstateTwiceChangesNothing()
    {
        var estate = Estate(s_web, s_db);

        Assert.True(ReachabilityDiff.Compare(estate, estate).IsEmpty);
    }

    [Fact]
    public void AnAddedRuleOpensFlowsBetweenClassesAndNamesTheRule()
    {
        var before = Estate(s_web, s_db, webCount: 3);
        var after = Estate(s_web with { Rules = s_web.Rules.Add(In("sgr-w-ssh", "tcp", 22, 22, "sg-bastion")) }, s_db, webCount: 3);

        var diff = ReachabilityDiff.Compare(before, after);

        var change = Assert.Single(diff.Changes);
        Assert.Equal("sg-bastion (bastion)", change.From.Label);
        Assert.Equal("sg-web (web)", change.To.Label);
        Assert.Equal("tcp 22", change.Opened.ToString());
        Assert.True(change.Closed.IsEmpty);
        Assert.Equal(3, change.Pairs);
        Assert.Equal(3, change.To.EniCount);
        var detail = Assert.Single(change.OpenedDetail);
        Assert.Equal("sgr-w-ssh", Assert.Single(detail.Rules).Rule.Id);
    }

    [Fact]
    public void ManyEnisInFewClassesGiveOneLinePerClassPairWithCountsAndSamples()
    {
        var before = Estate(s_web, s_db with { Rules = [] }, webCount: 50, dbCount: 40);
        var after = Estate(s_web, s_db, webCount: 50, dbCount: 40);

        var diff = ReachabilityDiff.Compare(before, after);

        var change = Assert.Single(diff.Changes, c => c.To.Label == "sg-db (db)" && c.From.Outside is null);
        Assert.Equal(50L * 40, change.Pairs);
        Assert.Equal((50, 40), (change.From.EniCount, change.To.EniCount));
        Assert.Equal(3, change.From.SampleEniIds.Length);
        Assert.Equal("tcp 5432", change.Opened.ToString());
    }

    [Fact]
    public void ClosingInternetTrafficAllowedByZeroSlashZeroBothWaysIsUntracked()
    {
        var before = Estate(s_web, s_db);
        var after = Estate(s_web with { Rules = [s_web.Rules[0]] }, s_db);

        var diff = ReachabilityDiff.Compare(before, after);

        var change = Assert.Single(diff.Closing, c => c.From.Outside == Cidr.AnyV4);
        Assert.Equal("sg-web (web)", change.To.Label);
        Assert.Equal("tcp 443", change.Closed.ToString());
        Assert.True(change.CutsUntracked);
        Assert.Equal("sgr-w-https", Assert.Single(Assert.Single(change.ClosedDetail).Rules).Rule.Id);
    }

    [Fact]
    public void ClosingTrafficAllowedByAGroupReferenceIsTracked()
    {
        var before = Estate(s_web, s_db);
        var after = Estate(s_web, s_db with { Rules = [s_db.Rules[1]] });

        var diff = ReachabilityDiff.Compare(before, after);

        var change = Assert.Single(diff.Changes);
        Assert.Equal(("sg-web (web)", "sg-db (db)"), (change.From.Label, change.To.Label));
        Assert.Equal("tcp 5432", change.Closed.ToString());
        Assert.False(change.CutsUntracked);
        Assert.Contains("tracked", change.ToString());
    }

    [Fact]
    public void OpeningSshToTheWorldShowsTheInternetAsTheSource()
    {
        var before = Estate(s_web, s_db);
        var after = Estate(s_web with { Rules = s_web.Rules.Add(In("sgr-w-ssh", "tcp", 22, 22, "0.0.0.0/0")) }, s_db);

        var change = Assert.Single(ReachabilityDiff.Compare(before, after).Changes, c => c.From.Outside is not null);

        Assert.Equal("internet (0.0.0.0/0)", change.From.Label);
        Assert.Equal("tcp 22", change.Opened.ToString());
        Assert.Equal(2, change.Pairs);
    }

    [Fact]
    public void ARuleCidrAroundADeclaredExternalEndpointIsShownByTheRulesBlock()
    {
        var office = new ExternalEndpoint("office", Cidr.Parse("203.0.113.0/24").Value);
        var before = Estate(s_web, s_db) with { ExternalEndpoints = [office] };
        var after = Estate(s_web with { Rules = s_web.Rules.Add(In("sgr-w-ssh", "tcp", 22, 22, "203.0.0.0/16")) }, s_db) with { ExternalEndpoints = [office] };

        var diff = ReachabilityDiff.Compare(before, after);

        var change = Assert.Single(diff.Changes, c => c.From.Outside is not null);
        // The office is inside the block and changes alike: one line, labelled by the block the rule names.
        Assert.Equal("203.0.0.0/16", change.From.Label);
        Assert.Equal("sgr-w-ssh", Assert.Single(Assert.Single(change.OpenedDetail).Rules).Rule.Id);
    }

    [Fact]
    public void AnEniMovedToAnotherGroupIsLabelledWithItsGroupsBeforeAndAfter()
    {
        var before = Estate(s_web, s_db);
        var after = before with
        {
            NetworkInterfaces = [.. before.NetworkInterfaces.Select(e => e.Id == "eni-web2" ? e with { GroupIds = ["sg-db"] } : e)],
        };

        var diff = ReachabilityDiff.Compare(before, after);

        Assert.Contains(diff.Changes, c => c.From.Label == "sg-web (web) → sg-db (db)" || c.To.Label == "sg-web (web) → sg-db (db)");
        var lost = Assert.Single(diff.Closing, c => c.From.Outside is not null && c.To.Label.Contains('→'));
        Assert.Equal(["eni-web2"], lost.To.SampleEniIds);
    }

    [Fact]
    public void ANewEniOpensWhatItsGroupsAllow()
    {
        var before = Estate(s_web, s_db, dbCount: 1);
        var after = Estate(s_web, s_db, dbCount: 2);

        var diff = ReachabilityDiff.Compare(before, after);

        Assert.Equal(3, diff.Changes.Length);
        Assert.Equal("tcp 443", Assert.Single(diff.Changes, c => c.From.Label == "sg-db (db) (new ENI)" && c.To.Outside is null).Opened.ToString());
        // Its outbound rule to 10.0.0.0/16 also reaches the addresses of that block outside the estate.
        Assert.Equal("tcp 443", Assert.Single(diff.Changes, c => c.From.Label == "sg-db (db) (new ENI)" && c.To.Label == "10.0.0.0/16").Opened.ToString());
        var change = Assert.Single(diff.Changes, c => c.To.Label == "sg-db (db) (new ENI)");
        Assert.Equal(["eni-db2"], change.To.SampleEniIds);
        Assert.Equal("tcp 5432", change.Opened.ToString());
    }

    [Fact]
    public void RemovingAPeeringClosesTheFlowsAcrossIt()
    {
        var app = Group("sg-app", "app", Out("sgr-a", "tcp", 5432, 5432, "10.1.0.0/16"));
        var db = Group("sg-rds", "rds", In("sgr-r", "tcp", 5432, 5432, "10.0.0.0/16")) with { VpcId = "vpc-2" };
        var peered = Of([app, db], [Eni("eni-app", "10.0.0.5", "sg-app"), Eni("eni-rds", "10.1.0.5", "sg-rds") with { VpcId = "vpc-2" }]) with
        {
            VpcConnections = [new VpcConnection("vpc-1", "vpc-2", VpcConnectionKind.Peering, true)],
        };

        var diff = ReachabilityDiff.Compare(peered, peered with { VpcConnections = [] });

        var change = Assert.Single(diff.Changes);
        Assert.Equal(("sg-app (app)", "sg-rds (rds)"), (change.From.Label, change.To.Label));
        Assert.Equal("tcp 5432", change.Closed.ToString());
        Assert.True(change.Opened.IsEmpty);
    }
}
