using CsCheck;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.Lint;

public sealed class RuleUsageChecksTests
{
    private static List<Finding> Findings(Estate estate, LintCheck check) => [.. Linter.Lint(estate).Where(f => f.Id == check.Id)];

    [Fact]
    public void Lint_with_the_designers_engine_kept_up_to_date_edit_by_edit_finds_what_lint_on_its_own_finds()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 6]).Sample(x =>
        {
            var estate = RandomEstates.Make(x.Item1, x.Item2);
            var random = new Random(x.Item1);
            var engine = ReachabilityEngine.Build(estate);
            Linter.Lint(estate, engine);
            var edited = RandomEstates.WithOneRuleEdit(RandomEstates.WithOneRuleEdit(estate, random), random);
            var updated = engine.Update(edited);

            Assert.Equal(Linter.Lint(edited), Linter.Lint(edited, updated));
        }, iter: 200, print: x => $"RandomEstates.Make({x.Item1}, {x.Item2}) with two rule edits");
    }

    [Fact]
    public void A_rule_referencing_a_group_no_eni_carries_is_unused_but_rules_of_an_unattached_group_are_left_to_sgd008()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var fromGhost = b.In("tcp", 22, 22, EstateBuilder.Sg("sg-ghost"));
        var fromApp = b.In("tcp", 22, 22, EstateBuilder.Sg("sg-app"));
        var idle = b.In("tcp", 22, 22, EstateBuilder.Sg("sg-ghost"));
        var estate = b.Group("sg-db", "vpc-1", fromGhost, fromApp).Group("sg-app", "vpc-1").Group("sg-ghost", "vpc-1").Group("sg-idle", "vpc-1", idle)
            .Eni("eni-db", "vpc-1", "10.0.2.10", ["sg-db"]).Eni("eni-app", "vpc-1", "10.0.1.10", ["sg-app"]).Build();

        var finding = Assert.Single(Findings(estate, LintCatalogue.UnusedRule));

        Assert.Equal((finding.GroupId, finding.RuleId), ("sg-db", fromGhost.Id));
        Assert.Contains("no network interface carries sg-ghost", finding.Message);
        Assert.Contains(Findings(estate, LintCatalogue.UnattachedGroup), f => f.GroupId == "sg-idle");
    }

    [Fact]
    public void A_rule_another_group_on_every_carrier_covers_is_redundant_with_its_flows()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var wide = b.In("tcp", 22, 22, EstateBuilder.Cidr("10.0.0.0/8"));
        var narrow = b.In("tcp", 22, 22, EstateBuilder.Cidr("10.1.0.0/16"));
        var estate = b.Group("sg-base", "vpc-1", wide).Group("sg-extra", "vpc-1", narrow)
            .Eni("eni-1", "vpc-1", "10.0.1.10", ["sg-base", "sg-extra"]).Eni("eni-2", "vpc-1", "10.0.1.11", ["sg-base", "sg-extra"]).Build();

        var finding = Assert.Single(Findings(estate, LintCatalogue.RedundantRule));

        Assert.Equal((finding.GroupId, finding.RuleId), ("sg-extra", narrow.Id));
        Assert.Equal([$"10.1.0.0/16 → sg-base (sg-base-name) + sg-extra (sg-extra-name): tcp 22, also allowed by sg-base rule {wide.Id} (tcp 22 10.0.0.0/8)"], finding.Flows);
        Assert.Empty(Findings(estate, LintCatalogue.ShadowedRule));
    }

    [Fact]
    public void A_rule_is_not_redundant_when_some_eni_carries_its_group_alone()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var wide = b.In("tcp", 22, 22, EstateBuilder.Cidr("10.0.0.0/8"));
        var narrow = b.In("tcp", 22, 22, EstateBuilder.Cidr("10.1.0.0/16"));
        var estate = b.Group("sg-base", "vpc-1", wide).Group("sg-extra", "vpc-1", narrow)
            .Eni("eni-1", "vpc-1", "10.0.1.10", ["sg-base", "sg-extra"]).Eni("eni-2", "vpc-1", "10.0.1.11", ["sg-extra"]).Build();

        Assert.Empty(Findings(estate, LintCatalogue.RedundantRule));
    }

    [Fact]
    public void Ingress_from_a_group_whose_egress_never_lets_it_leave_is_one_way_with_its_flows()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var appOut = b.Out("tcp", 443, 443, EstateBuilder.Cidr("0.0.0.0/0"));
        var fromApp = b.In("tcp", 5432, 5432, EstateBuilder.Sg("sg-app"));
        var estate = b.Group("sg-app", "vpc-1", appOut).Group("sg-db", "vpc-1", fromApp)
            .Eni("eni-app", "vpc-1", "10.0.1.10", ["sg-app"]).Eni("eni-db", "vpc-1", "10.0.2.10", ["sg-db"]).Build();

        var finding = Assert.Single(Findings(estate, LintCatalogue.OneWayRule));

        Assert.Equal((finding.GroupId, finding.RuleId), ("sg-db", fromApp.Id));
        Assert.Equal(["sg-app (sg-app-name) → sg-db (sg-db-name): tcp 5432"], finding.Flows);
        Assert.Contains("outbound rules never let it leave", finding.Message);
    }

    [Fact]
    public void Egress_to_a_group_whose_ingress_never_admits_it_is_one_way_too()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var toDb = b.Out("tcp", 5432, 5432, EstateBuilder.Sg("sg-db"));
        var dbIn = b.In("tcp", 22, 22, EstateBuilder.Cidr("10.0.0.0/16"));
        var estate = b.Group("sg-app", "vpc-1", toDb).Group("sg-db", "vpc-1", dbIn)
            .Eni("eni-app", "vpc-1", "10.0.1.10", ["sg-app"]).Eni("eni-db", "vpc-1", "10.0.2.10", ["sg-db"]).Build();

        var finding = Assert.Single(Findings(estate, LintCatalogue.OneWayRule));

        Assert.Equal((finding.GroupId, finding.RuleId), ("sg-app", toDb.Id));
        Assert.Equal(["sg-app (sg-app-name) → sg-db (sg-db-name): tcp 5432"], finding.Flows);
    }

    [Fact]
    public void Ingress_is_not_one_way_when_the_senders_egress_lets_some_of_it_out()
    {
        var b = new EstateBuilder().Vpc("vpc-1", "10.0.0.0/16");
        var appOut = b.Out("tcp", 5000, 5432, EstateBuilder.Sg("sg-db"));
        var fromApp = b.In("tcp", 5432, 6000, EstateBuilder.Sg("sg-app"));
        var estate = b.Group("sg-app", "vpc-1", appOut).Group("sg-db", "vpc-1", fromApp)
            .Eni("eni-app", "vpc-1", "10.0.1.10", ["sg-app"]).Eni("eni-db", "vpc-1", "10.0.2.10", ["sg-db"]).Build();

        Assert.Empty(Findings(estate, LintCatalogue.OneWayRule));
        Assert.Empty(Findings(estate, LintCatalogue.UnusedRule));
        Assert.Empty(Findings(estate, LintCatalogue.RedundantRule));
    }
}
