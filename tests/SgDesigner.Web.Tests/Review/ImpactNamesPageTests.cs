using Bunit;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Features.Review;

namespace SgDesigner.Web.Tests.Review;

/// <summary>The request page shows groups by name, with the id on hover, in the impact and in the rule changes.</summary>
public sealed class ImpactNamesPageTests : ReviewTestContext
{
    private const string FromAlb = "sgr-0e000000000008081";

    [Fact]
    public async Task Flows_and_rule_changes_name_the_groups_and_keep_the_ids_on_hover()
    {
        await OpenRequestAsync(asAuthor: false, open: false);
        var rule = new Rule(FromAlb, Direction.Inbound, IpProtocol.Tcp, 8081, 8081, new GroupPeer(DemoEstate.Alb), "metrics from the balancer");
        var draft = (await Store.EditDraftAsync(Draft.Id, Draft.Version, GroupEdits.PutRule(DemoEstate.Web, rule), Author, Token)).Value;
        var request = (await Reviews.OpenAsync(Author, draft.Id, "SSH and metrics", "", Token)).Value;

        var page = Render<ChangeRequestPage>(p => p.Add(x => x.RequestId, request.Id));
        page.WaitForElement("[data-testid=impact-summary]", Patience);

        var flow = page.FindAll("[data-testid=impact-flow][data-kind=opened]")[0];
        // The destination and the responsible rule's group.
        var named = flow.QuerySelectorAll("[data-testid=named-id]");
        Assert.Equal(2, named.Length);
        Assert.All(named, web => Assert.Equal(("demo-web", DemoEstate.Web), (web.TextContent, web.GetAttribute("title"))));
        Assert.DoesNotContain(DemoEstate.Web, flow.TextContent, StringComparison.Ordinal);

        page.FindAll("[role=tab]").First(t => t.TextContent.StartsWith("Rule changes", StringComparison.Ordinal)).Click();
        // The tab's panel renders after the click: wait for it rather than read the page at once.
        var after = page.WaitForElement($"[data-testid=rule-change][data-rule-id={FromAlb}] [data-testid=rule-after]", Patience);
        Assert.Contains("inbound tcp 8081 from demo-alb", after.TextContent, StringComparison.Ordinal);
        Assert.Equal(DemoEstate.Alb, after.QuerySelector("[data-testid=named-id]")?.GetAttribute("title"));
        var heading = page.Find($"[data-testid=rule-group][data-group-id={DemoEstate.Web}]");
        Assert.Contains("demo-web", heading.TextContent, StringComparison.Ordinal);
        Assert.NotNull(heading.QuerySelector("[data-testid=copy-group-id]"));
    }
}
