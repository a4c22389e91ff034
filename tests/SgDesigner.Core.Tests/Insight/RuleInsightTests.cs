using SgDesigner.Core.Insight;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.Insight;

public sealed class RuleInsightTests
{
    // app (10.0.1.10) may send tcp 5432 to the db group only. The db admits tcp 5432 from the app group (sgr-2) and
    // tcp 5432-5433 from 10.0.1.0/24 (sgr-3), which holds the app's address and outside addresses too.
    private static (Estate Estate, RuleInsight Of2, RuleInsight Of3) Database()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var appOut = b.Out("tcp", 5432, 5432, EstateBuilder.Sg("sg-db"));
        var fromApp = b.In("tcp", 5432, 5432, EstateBuilder.Sg("sg-app"));
        var fromBlock = b.In("tcp", 5432, 5433, EstateBuilder.Cidr("10.0.1.0/24"));
        var estate = b.Group("sg-app", "vpc-1", appOut).Group("sg-db", "vpc-1", fromApp, fromBlock)
            .Eni("eni-app", "vpc-1", "10.0.1.10", ["sg-app"]).Eni("eni-db", "vpc-1", "10.0.2.10", ["sg-db"]).Build();
        var engine = ReachabilityEngine.Build(estate);
        return (estate, RuleInsight.Of(engine, fromApp.Id, TestContext.Current.CancellationToken), RuleInsight.Of(engine, fromBlock.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_rule_whose_every_flow_another_rule_allows_is_redundant_and_names_that_rule()
    {
        var (_, insight, _) = Database();

        Assert.True(insight.IsRedundant);
        Assert.Empty(insight.OnlyThis);
        var flow = Assert.Single(insight.AlsoAllowed);
        Assert.Equal("sg-app (sg-app-name)", flow.From.Label);
        Assert.Equal("sg-db (sg-db-name)", flow.To.Label);
        Assert.Equal("tcp 5432", flow.Traffic.ToString());
        Assert.Equal(1, flow.Pairs);
        Assert.Equal(["sgr-3"], flow.AlsoAllowedBy.Select(r => r.Rule.Id));
        Assert.Contains("redundant", insight.Summary);
    }

    [Fact]
    public void Only_this_rule_lists_what_removing_it_closes_and_the_other_sides_rules_apply()
    {
        var (_, _, insight) = Database();

        // From outside addresses of the block both ports; from the app only 5432 leaves it, and sgr-2 allows that too.
        var only = Assert.Single(insight.OnlyThis);
        Assert.Equal(EstateBuilder.Block("10.0.1.0/24"), only.From.Outside);
        Assert.Equal("sg-db (sg-db-name)", only.To.Label);
        Assert.Equal("tcp 5432-5433", only.Traffic.ToString());
        Assert.Empty(only.AlsoAllowedBy);
        var also = Assert.Single(insight.AlsoAllowed);
        Assert.Equal("sg-app (sg-app-name)", also.From.Label);
        Assert.Equal("tcp 5432", also.Traffic.ToString());
        Assert.Equal(["sgr-2"], also.AlsoAllowedBy.Select(r => r.Rule.Id));
        Assert.False(insight.IsRedundant);
    }

    [Fact]
    public void Only_this_rule_is_exactly_what_the_diff_of_the_estate_without_the_rule_closes()
    {
        var (estate, _, insight) = Database();
        var group = estate.FindGroup("sg-db")!;
        var without = estate.WithGroup(group with { Rules = [.. group.Rules.Where(r => r.Id != "sgr-3")] });

        var closed = SgDesigner.Core.Diff.ReachabilityDiff.Compare(estate, without).Closing.ToList();

        Assert.Equal(closed.Select(c => (c.From.Label, c.To.Label, c.Closed.ToString())),
            insight.OnlyThis.Select(f => (f.From.Label, f.To.Label, f.Traffic.ToString())));
    }

    [Fact]
    public void A_rule_of_a_group_no_eni_carries_allows_nothing_and_says_why()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var rule = b.In("tcp", 22, 22, EstateBuilder.Cidr("0.0.0.0/0"));
        var estate = b.Group("sg-idle", "vpc-1", rule).Build();

        var insight = RuleInsight.Of(ReachabilityEngine.Build(estate), rule.Id, TestContext.Current.CancellationToken);

        Assert.True(insight.AllowsNothing);
        Assert.Equal("no network interface carries sg-idle", insight.NothingBecause);
    }

    [Fact]
    public void Ingress_the_senders_egress_never_lets_out_allows_nothing()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var appOut = b.Out("tcp", 443, 443, EstateBuilder.Cidr("0.0.0.0/0"));
        var fromApp = b.In("tcp", 5432, 5432, EstateBuilder.Sg("sg-app"));
        var estate = b.Group("sg-app", "vpc-1", appOut).Group("sg-db", "vpc-1", fromApp)
            .Eni("eni-app", "vpc-1", "10.0.1.10", ["sg-app"]).Eni("eni-db", "vpc-1", "10.0.2.10", ["sg-db"]).Build();

        var insight = RuleInsight.Of(ReachabilityEngine.Build(estate), fromApp.Id, TestContext.Current.CancellationToken);

        Assert.True(insight.AllowsNothing);
        Assert.Contains("outbound", insight.NothingBecause);
    }

    [Fact]
    public void An_unknown_rule_id_is_refused_and_close_ids_are_suggested()
    {
        var (estate, _, _) = Database();

        Assert.Throws<ArgumentException>(() => RuleInsight.Of(ReachabilityEngine.Build(estate), "sgr-9", TestContext.Current.CancellationToken));
        Assert.Contains("sgr-3", RuleInsight.Closest(estate, "sgr-33"));
        Assert.Empty(RuleInsight.Closest(estate, "something-else-entirely"));
    }
}
