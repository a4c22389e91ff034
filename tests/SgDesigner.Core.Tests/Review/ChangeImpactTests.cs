using CsCheck;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Review;
using SgDesigner.Core.Tests.Documents;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Review;

public class ChangeImpactTests
{
    private const string NoSshFromInternet =
        """{"from": "203.0.113.9", "to": "eni-web", "protocol": "tcp", "port": 22, "expect": "deny", "name": "no ssh from the internet"}""";

    private static readonly SecurityGroup s_web = Group("sg-web", "web",
        In("sgr-https", "tcp", 443, 443, "0.0.0.0/0"), Out("sgr-out", "-1", -1, -1, "0.0.0.0/0"));

    private static readonly SecurityGroup s_db = Group("sg-db", "db", In("sgr-pg", "tcp", 5432, 5432, "sg-web"));

    private static Estate Estate(params SecurityGroup[] groups) =>
        Of(groups, [Eni("eni-web", "10.0.1.10", "sg-web"), Eni("eni-db", "10.0.2.20", "sg-db")]);

    private static readonly Estate s_base = Estate(s_web, s_db);

    private static Estate WithSsh(string peer) =>
        s_base.WithGroup(s_web with { Rules = s_web.Rules.Add(In("sgr-ssh", "tcp", 22, 22, peer)) });

    private static FlowAssertion[] Assertions(params string[] lines)
    {
        var file = AssertionParser.Parse(string.Join('\n', lines));
        Assert.True(file.IsOk, string.Join("; ", file.Errors));
        return [.. file.Assertions];
    }

    [Fact]
    public void OpeningSshToTheInternetIsAnOpenedFlowFromTheInternetWithTheRuleResponsible()
    {
        var impact = ChangeImpact.Analyze(s_base, WithSsh("0.0.0.0/0"));

        var flow = Assert.Single(impact.Opened);
        Assert.True(flow.FromInternet);
        Assert.Equal(["eni-web"], flow.To.SampleEniIds);
        Assert.True(flow.Opened.Contains(Traffic.Tcp(22)));
        Assert.False(flow.Opened.Contains(Traffic.Tcp(23)));
        Assert.Equal(new RuleRef("sg-web", In("sgr-ssh", "tcp", 22, 22, "0.0.0.0/0")), Assert.Single(flow.OpenedBy));
        Assert.Empty(impact.Closed);
    }

    [Fact]
    public void A0000RuleAlsoOpensTheFlowFromOtherEnisWhoseEgressAllowsItAndTheSummaryCountsTheInternetApart()
    {
        // 0.0.0.0/0 covers the estate's own addresses too, so the db ENI (all egress) gains ssh to web as well.
        var db = s_db with { Rules = s_db.Rules.Add(Out("sgr-db-out", "-1", -1, -1, "0.0.0.0/0")) };
        var before = Estate(s_web, db);
        var after = before.WithGroup(s_web with { Rules = s_web.Rules.Add(In("sgr-ssh", "tcp", 22, 22, "0.0.0.0/0")) });

        var impact = ChangeImpact.Analyze(ReachabilityEngine.Build(before), ReachabilityEngine.Build(after), [], TestContext.Current.CancellationToken);

        Assert.Equal(2, impact.Opened.Count());
        Assert.Contains(impact.Opened, f => f.From.SampleEniIds.SequenceEqual(["eni-db"]) && f.Opened.Contains(Traffic.Tcp(22)));
        Assert.Equal("1 rule added in 1 group; opens 2 flows (1 from the internet); 1 new finding (1 error)", impact.Summary);
    }

    [Fact]
    public void OpeningSshToTheInternetIsANewAdminPortFindingOnThatRule()
    {
        var impact = ChangeImpact.Analyze(s_base, WithSsh("0.0.0.0/0"));

        var finding = Assert.Single(impact.Findings.New);
        Assert.Equal(LintCatalogue.AdminPortOpenToWorld.Id, finding.Id);
        Assert.Equal(("sg-web", "sgr-ssh"), (finding.GroupId, finding.RuleId));
        Assert.Empty(impact.Findings.Resolved);
    }

    [Fact]
    public void OpeningSshToTheInternetBreaksTheAssertionThatDeniesIt()
    {
        var impact = ChangeImpact.Analyze(s_base, WithSsh("0.0.0.0/0"), Assertions(NoSshFromInternet), TestContext.Current.CancellationToken);

        var broken = Assert.Single(impact.Broken);
        Assert.Equal("no ssh from the internet", broken.Assertion.Name);
        Assert.True(broken.Before.Passed);
        Assert.Equal(AssertionOutcome.Failed, broken.After.Outcome);
        Assert.Contains(broken.After.Explanation!.Verdict.Ingress, r => r.Rule.Id == "sgr-ssh");
        Assert.Equal("1 rule added in 1 group; opens 1 flow from the internet; 1 new finding (1 error); breaks 1 assertion", impact.Summary);
    }

    [Fact]
    public void NarrowingSshToOneCorporateAddressResolvesTheFindingAndRepairsTheAssertion()
    {
        var open = WithSsh("0.0.0.0/0");
        var narrowed = WithSsh("198.51.100.7/32");

        var impact = ChangeImpact.Analyze(open, narrowed, Assertions(NoSshFromInternet), TestContext.Current.CancellationToken);

        Assert.Empty(impact.Findings.New);
        var resolved = Assert.Single(impact.Findings.Resolved);
        Assert.Equal((LintCatalogue.AdminPortOpenToWorld.Id, "sgr-ssh"), (resolved.Id, resolved.RuleId));
        var change = Assert.Single(Assert.Single(impact.Rules.Groups).Changed);
        Assert.Equal("0.0.0.0/0", change.Before.Peer.ToString());
        Assert.Equal("198.51.100.7/32", change.After.Peer.ToString());
        Assert.Contains(impact.Closed, f => f.FromInternet && f.ClosedBy.Any(r => r.Rule.Id == "sgr-ssh"));
        Assert.Equal(AssertionChange.Repairs, Assert.Single(impact.Assertions).Change);
        Assert.Empty(impact.Broken);
    }

    [Fact]
    public void AFindingWhoseMessageChangesWithARenamedGroupIsNeitherNewNorResolved()
    {
        var open = WithSsh("0.0.0.0/0");
        var renamed = open.WithGroup(open.FindGroup("sg-web")! with { Name = "frontend" });

        var impact = ChangeImpact.Analyze(open, renamed);

        Assert.NotEqual(Linter.Lint(open).Select(f => f.Message), Linter.Lint(renamed).Select(f => f.Message));
        Assert.Empty(impact.Findings.New);
        Assert.Empty(impact.Findings.Resolved);
        Assert.Equal("1 group renamed; no flow opened or closed", impact.Summary);
    }

    [Fact]
    public void TheSameCheckOnAnotherRuleIsANewFinding()
    {
        var open = WithSsh("0.0.0.0/0");
        var twice = open.WithGroup(open.FindGroup("sg-web")! with
        {
            Rules = open.FindGroup("sg-web")!.Rules.Add(In("sgr-rdp", "tcp", 3389, 3389, "0.0.0.0/0")),
        });

        var impact = ChangeImpact.Analyze(open, twice);

        Assert.Equal("sgr-rdp", Assert.Single(impact.Findings.New).RuleId);
    }

    [Fact]
    public void AnAssertionFailingOnBothEstatesIsReportedAsStillFailingNotBroken()
    {
        var open = WithSsh("0.0.0.0/0");
        var alsoRdp = open.WithGroup(open.FindGroup("sg-web")! with
        {
            Rules = open.FindGroup("sg-web")!.Rules.Add(In("sgr-rdp", "tcp", 3389, 3389, "0.0.0.0/0")),
        });

        var impact = ChangeImpact.Analyze(open, alsoRdp, Assertions(NoSshFromInternet), TestContext.Current.CancellationToken);

        Assert.Empty(impact.Broken);
        Assert.Single(impact.FailingOnBoth);
        Assert.EndsWith("1 assertion still fails", impact.Summary);
    }

    [Fact]
    public void AnAssertionNamingAnEniTheChangeRemovesCannotBeEvaluatedRatherThanPassing()
    {
        var withoutDb = s_base with { NetworkInterfaces = [.. s_base.NetworkInterfaces.Where(e => e.Id != "eni-db")] };

        var impact = ChangeImpact.Analyze(s_base, withoutDb,
            Assertions("""{"from": "eni-web", "to": "eni-db", "protocol": "tcp", "port": 5432, "expect": "allow"}"""), TestContext.Current.CancellationToken);

        var assertion = Assert.Single(impact.Assertions);
        Assert.Equal(AssertionChange.Unresolvable, assertion.Change);
        Assert.Equal(AssertionOutcome.Error, assertion.After.Outcome);
        Assert.Contains("1 assertion cannot be evaluated", impact.Summary);
    }

    [Fact]
    public void ChangesBetweenTheSameSourceAndDestinationAreGroupedIntoOneFlowWithTheUnionOfTheirTraffic()
    {
        // The CIDR rule splits the web ENIs into two classes, so the diff reports each class apart.
        var web = Group("sg-web", "web", Out("sgr-out", "-1", -1, -1, "0.0.0.0/0"));
        var db = Group("sg-db", "db", In("sgr-cidr", "tcp", 5432, 5432, "10.0.1.0/24"));
        var before = Of([web, db], [Eni("eni-web1", "10.0.1.10", "sg-web"), Eni("eni-web2", "10.0.3.10", "sg-web"), Eni("eni-db", "10.0.2.20", "sg-db")]);
        var after = before.WithGroup(db with { Rules = db.Rules.Add(In("sgr-chain", "tcp", 5432, 5433, "sg-web")) });

        var impact = ChangeImpact.Analyze(before, after);

        var flow = Assert.Single(impact.Flows);
        Assert.Equal(2, flow.Changes.Length);
        Assert.Equal(2, impact.Reachability.Changes.Length);
        Assert.Equal(TrafficSet.Of(IpProtocol.Tcp, 5432, 5433), flow.Opened);
        Assert.Equal("sgr-chain", Assert.Single(flow.OpenedBy).Rule.Id);
        Assert.Equal("1 rule added in 1 group; opens 1 flow", impact.Summary);
    }

    [Fact]
    public void AnUnchangedEstateHasNoImpact()
    {
        var impact = ChangeImpact.Analyze(s_base, Estate(s_web, s_db), Assertions(NoSshFromInternet), TestContext.Current.CancellationToken);

        Assert.True(impact.Rules.IsEmpty);
        Assert.True(impact.Reachability.IsEmpty);
        Assert.Empty(impact.Flows);
        Assert.Empty(impact.Findings.New);
        Assert.Empty(impact.Findings.Resolved);
        Assert.Equal(AssertionChange.StillHolds, Assert.Single(impact.Assertions).Change);
        Assert.Equal("no flow opened or closed", impact.Summary);
    }

    [Fact]
    public void OnRandomEditsTheNewAndResolvedFindingsAccountExactlyForTheChangeInFindings()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var random = new Random(seed);
            var before = RandomEstate.Create(random);
            var after = new RandomEdits(random, "x").Apply(before, 6);

            var impact = ChangeImpact.Analyze(before, after);

            var lintBefore = Linter.Lint(before);
            var lintAfter = Linter.Lint(after);
            Assert.All(impact.Findings.New, f => Assert.Contains(f, lintAfter));
            Assert.All(impact.Findings.Resolved, f => Assert.Contains(f, lintBefore));
            Assert.Equal(lintAfter.Length - lintBefore.Length, impact.Findings.New.Length - impact.Findings.Resolved.Length);
            Assert.Equal(impact.Reachability.Changes.Length, impact.Flows.Sum(f => f.Changes.Length));
            Assert.Equal(impact.Flows.Length, impact.Flows.Select(f => (f.From.Label, f.To.Label)).Distinct().Count());
            Assert.Equal(impact.Rules.IsEmpty && impact.Flows.IsEmpty && impact.Findings.New.IsEmpty && impact.Findings.Resolved.IsEmpty,
                impact.Summary == "no flow opened or closed");
        }, iter: 40);
    }
}
