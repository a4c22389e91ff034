using Bunit;
using MudBlazor.Services;
using SgDesigner.Core.Review;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Tests.Designer;

namespace SgDesigner.Web.Tests.Review;

public sealed class RemovedRuleImpactTests : BunitContext
{
    public RemovedRuleImpactTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static ImpactView Removing(params string[] ruleIds)
    {
        var estate = RuleInsightPanelTests.Database();
        var db = estate.FindGroup("sg-db")!;
        var proposed = estate.WithGroup(db with { Rules = [.. db.Rules.Where(r => !ruleIds.Contains(r.Id))] });
        return ImpactView.From(ChangeImpact.Analyze(estate, proposed), 1, 2);
    }

    [Fact]
    public void The_impact_lists_for_a_removed_rule_the_flows_its_removal_closes()
    {
        var view = Removing("sgr-block");

        var removed = Assert.Single(view.RemovedRules);
        Assert.Equal(("sg-db", "sgr-block", true), (removed.GroupId, removed.RuleId, removed.Analysed));
        var flow = Assert.Single(removed.Closes);
        Assert.Equal(("10.0.1.0/24", "sg-db (db)", "tcp 5432-5433"), (flow.From, flow.To, flow.Traffic));

        var panel = Render<RequestImpactPanel>(p => p.Add(x => x.Impact, view));
        var row = panel.Find("[data-testid=removed-rule][data-rule=sgr-block]");
        Assert.Contains("tcp 5432-5433", Assert.Single(row.QuerySelectorAll("[data-testid=removed-rule-flow]")).TextContent);
    }

    [Fact]
    public void A_removed_rule_other_rules_cover_closes_nothing_and_both_removed_each_close_the_shared_flow()
    {
        var redundant = Assert.Single(Removing("sgr-app").RemovedRules);
        Assert.Empty(redundant.Closes);

        // Removed together, each of the two would restore the app's tcp 5432 if put back.
        var both = Removing("sgr-app", "sgr-block").RemovedRules;
        Assert.Equal(["sgr-app", "sgr-block"], both.Select(r => r.RuleId).Order());
        Assert.All(both, r => Assert.Contains(r.Closes, f => f.From == "sg-app (app)" && f.Traffic.Contains("5432", StringComparison.Ordinal)));
    }
}
