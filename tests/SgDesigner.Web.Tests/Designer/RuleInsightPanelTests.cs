using System.Collections.Immutable;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Tests.Designer;

public sealed class RuleInsightPanelTests : BunitContext
{
    public RuleInsightPanelTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>app (10.0.1.10) → db (10.0.2.10): db admits tcp 5432 from sg-app (sgr-app) and from 10.0.1.0/24 (sgr-block).</summary>
    internal static Estate Database()
    {
        static SecurityGroup Group(string id, params Rule[] rules) =>
            new(id, id[3..], "test", "vpc-1", ImmutableSortedDictionary<string, string>.Empty, [.. rules]);
        static NetworkInterface Eni(string id, string ip, string group) =>
            new(id, "vpc-1", null, null, null, [IpAddress.Parse(ip).Value], null, [group]);
        return Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-1", null, [Cidr.Parse("10.0.0.0/16").Value])],
            Groups =
            [
                Group("sg-app", new Rule("sgr-out", Direction.Outbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer("sg-db"))),
                Group("sg-db",
                    new Rule("sgr-app", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer("sg-app")),
                    new Rule("sgr-block", Direction.Inbound, IpProtocol.Tcp, 5432, 5433, new CidrPeer(Cidr.Parse("10.0.1.0/24").Value))),
            ],
            NetworkInterfaces = [Eni("eni-app", "10.0.1.10", "sg-app"), Eni("eni-db", "10.0.2.10", "sg-db")],
        };
    }

    [Fact]
    public void The_panel_shows_the_flows_only_the_rule_allows_and_those_other_rules_allow_too()
    {
        var panel = Render<RuleInsightPanel>(p => p
            .Add(x => x.Engine, ReachabilityEngine.Build(Database()))
            .Add(x => x.RuleId, "sgr-block"));

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=rule-insight-summary]")), TimeSpan.FromSeconds(10));
        var only = panel.Find("[data-testid=rule-insight-only]").QuerySelectorAll("[data-testid=rule-insight-flow]");
        var row = Assert.Single(only);
        Assert.Contains("10.0.1.0/24 → sg-db (db)", row.TextContent);
        Assert.Contains("tcp 5432-5433", row.TextContent);
        var also = Assert.Single(panel.Find("[data-testid=rule-insight-also]").QuerySelectorAll("[data-testid=rule-insight-flow]"));
        Assert.Contains("sg-app (app) → sg-db (db)", also.TextContent);
        Assert.Contains("also sg-db sgr-app", also.TextContent);
        Assert.Contains("closes 1 flow", panel.Find("[data-testid=rule-insight-summary]").TextContent);
    }

    [Fact]
    public void A_redundant_rule_has_no_only_list_and_says_so()
    {
        var panel = Render<RuleInsightPanel>(p => p
            .Add(x => x.Engine, ReachabilityEngine.Build(Database()))
            .Add(x => x.RuleId, "sgr-app"));

        panel.WaitForAssertion(() => Assert.Contains("redundant", panel.Find("[data-testid=rule-insight-summary]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(panel.FindAll("[data-testid=rule-insight-only]"));
        Assert.Single(panel.FindAll("[data-testid=rule-insight-also] [data-testid=rule-insight-flow]"));
    }
}
