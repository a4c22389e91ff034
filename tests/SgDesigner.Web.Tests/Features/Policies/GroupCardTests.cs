using System.Collections.Immutable;
using Bunit;
using MudBlazor.Services;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Policies;

namespace SgDesigner.Web.Tests.Features.Policies;

public sealed class GroupCardTests : BunitContext
{
    public GroupCardTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static SecurityGroup Web() => new(
        "sg-web", "web", "Web servers", "vpc-1", ImmutableSortedDictionary<string, string>.Empty,
        [
            new Rule("sgr-1", Direction.Inbound, IpProtocol.Tcp, 8080, 8080, new GroupPeer("sg-alb"), "from the load balancer"),
            new Rule("sgr-2", Direction.Inbound, IpProtocol.Tcp, 22, 22, new GroupPeer("sg-gone")),
            new Rule("sgr-3", Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4)),
        ]);

    [Fact]
    public void Lists_inbound_and_outbound_rules_in_their_own_tables()
    {
        var card = Render<GroupCard>(p => p
            .Add(c => c.Group, Web())
            .Add(c => c.NamesById, new Dictionary<string, string> { ["sg-alb"] = "alb" }));

        var tables = card.FindAll("table");
        Assert.Equal(2, tables.Count);
        var inbound = tables[0].QuerySelectorAll("tbody tr");
        Assert.Equal(["sgr-1", "sgr-2"], inbound.Select(r => r.GetAttribute("data-rule-id")));
        var outbound = tables[1].QuerySelectorAll("tbody tr");
        Assert.Equal("sgr-3", Assert.Single(outbound).GetAttribute("data-rule-id"));
        Assert.Contains("Inbound (2)", card.Markup);
        Assert.Contains("Outbound (1)", card.Markup);
    }

    [Fact]
    public void Shows_referenced_groups_by_name_and_flags_missing_ones()
    {
        var card = Render<GroupCard>(p => p
            .Add(c => c.Group, Web())
            .Add(c => c.NamesById, new Dictionary<string, string> { ["sg-alb"] = "alb" }));

        var cells = card.FindAll("tr[data-rule-id] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("tcp 8080", cells);
        Assert.Contains("alb (sg-alb)", cells);
        Assert.Contains("sg-gone (missing group)", cells);
        Assert.Contains("0.0.0.0/0", cells);
        Assert.Contains("all", cells);
    }

    [Fact]
    public void Says_that_a_direction_without_rules_allows_nothing()
    {
        var group = Web() with { Rules = [] };

        var card = Render<GroupCard>(p => p.Add(c => c.Group, group));

        Assert.Empty(card.FindAll("table"));
        Assert.Equal(2, card.FindAll("p").Count(p => p.TextContent.Contains("nothing is allowed", StringComparison.Ordinal)));
    }
}
