using Bunit;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Tests.Designer;
using Direction = SgDesigner.Core.Model.Direction;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Matrix;

public sealed class OutsideReachPanelTests : DesignerTestContext
{
    [Fact]
    public async Task A_rule_from_a_cidr_adds_a_row_from_that_cidr_naming_the_group_it_reaches()
    {
        var panel = Render<OutsideReachPanel>(p => p.Add(x => x.Expanded, true));
        panel.WaitForElement("[data-testid=outside-flows]", TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(panel.FindAll("[data-testid=outside-flow]"), f => f.GetAttribute("data-from") == "10.20.0.0/16");

        var rule = new Rule("sgr-000000000000000020", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new CidrPeer(Cidr.Parse("10.20.0.0/16").Value));
        await panel.InvokeAsync(() => Session.EditAsync(GroupEdits.PutRule(Db, rule), TestContext.Current.CancellationToken));

        panel.WaitForAssertion(() => Assert.Contains(panel.FindAll("[data-testid=outside-flow]"), f => f.GetAttribute("data-from") == "10.20.0.0/16"),
            TimeSpan.FromSeconds(5));
        var flow = panel.FindAll("[data-testid=outside-flow]").Single(f => f.GetAttribute("data-from") == "10.20.0.0/16");
        Assert.Contains("tcp 5432", flow.TextContent, StringComparison.Ordinal);
        Assert.Contains(flow.QuerySelectorAll("[data-testid=named-id]"), n => n.TextContent == "db" && n.GetAttribute("title") == Db);
        Assert.NotNull(flow.QuerySelector($"[data-rule-id={rule.Id}]"));
    }
}
