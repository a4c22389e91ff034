using Bunit;
using TestContext = Xunit.TestContext;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Tests.Designer;

public sealed class RuleSearchBoxTests : DesignerTestContext
{
    private const string Box = "input[data-testid=rule-search-box], [data-testid=rule-search-box] input";

    private static string[] Texts(IRenderedComponent<RuleSearchBox> box) =>
        [.. box.FindAll("[data-testid=rule-search-text]").Select(e => e.TextContent)];

    [Fact]
    public void A_port_lists_each_rule_as_group_direction_traffic_peer_with_why()
    {
        var box = Render<RuleSearchBox>(p => p.Add(x => x.OpenRule, (RuleLink _) => { }));

        box.Find(Box).Change("443");

        Assert.Equal(["db · outbound · all · to 0.0.0.0/0", "web · outbound · all · to 0.0.0.0/0"], Texts(box));
        Assert.All(box.FindAll("[data-testid=rule-search-why]"), why => Assert.Equal("all traffic, every port", why.TextContent));
        Assert.Equal("2 rules match.", box.Find("[data-testid=rule-search-count]").TextContent.Trim());
    }

    [Fact]
    public void Clicking_a_result_opens_its_group_and_rule()
    {
        RuleLink? opened = null;
        var box = Render<RuleSearchBox>(p => p.Add(x => x.OpenRule, (RuleLink link) => opened = link));
        box.Find(Box).Change("10.1.2.3");

        box.Find($"[data-testid=rule-search-hit][data-group-id={Db}]").Click();

        Assert.Equal(new RuleLink(Db, "sgr-0000000000000000d"), opened);
    }

    [Fact]
    public async Task The_results_follow_edits_of_the_draft()
    {
        var box = Render<RuleSearchBox>(p => p.Add(x => x.OpenRule, (RuleLink _) => { }));
        box.Find(Box).Change("WEB");
        Assert.Equal(["web · outbound · all · to 0.0.0.0/0"], Texts(box));

        var postgres = new Rule("sgr-00000000000000pg1", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web), "PostgreSQL");
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Db, postgres), "add postgres", TestContext.Current.CancellationToken));

        box.WaitForAssertion(() => Assert.Equal(
            ["db · inbound · tcp 5432 · from web · PostgreSQL", "web · outbound · all · to 0.0.0.0/0"], Texts(box)));
        Assert.Contains("references group web", box.Find($"[data-testid=rule-search-hit][data-rule-id=sgr-00000000000000pg1]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_that_cannot_be_read_says_why_and_lists_nothing()
    {
        var box = Render<RuleSearchBox>(p => p.Add(x => x.OpenRule, (RuleLink _) => { }));

        box.Find(Box).Change("10.0.0.0/33");

        Assert.Contains("prefix length must be 0..32", box.Markup, StringComparison.Ordinal);
        Assert.Empty(box.FindAll("[data-testid=rule-search-hit]"));
    }

    [Fact]
    public void A_query_matching_nothing_says_so()
    {
        var box = Render<RuleSearchBox>(p => p.Add(x => x.OpenRule, (RuleLink _) => { }));

        box.Find(Box).Change("no such description");

        Assert.Equal("No rule matches.", box.Find("[data-testid=rule-search-count]").TextContent.Trim());
    }
}
