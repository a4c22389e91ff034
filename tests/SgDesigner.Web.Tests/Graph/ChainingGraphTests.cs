using SgDesigner.Core.Editing;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Graph;
using SgDesigner.Web.Tests.Designer;
using Direction = SgDesigner.Core.Model.Direction;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Graph;

public sealed class ChainingGraphTests : DesignerTestContext
{
    private static readonly Rule Postgres = new("sgr-000000000postgres", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web));
    private static readonly Rule Bouncer = new("sgr-0000000000bouncer", Direction.Inbound, IpProtocol.Tcp, 6432, 6432, new GroupPeer(Web));
    private static readonly Rule ToDb = new("sgr-00000000000000todb", Direction.Outbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Db));
    private static readonly Rule Peers = new("sgr-0000000000000peers", Direction.Inbound, IpProtocol.All, -1, -1, new GroupPeer(Web));

    private string? Opened { get; set; }

    public ChainingGraphTests()
    {
        // The canvas asks the browser for its box once rendered (Z.Blazor.Diagrams' script).
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 900, 560));
    }

    private async Task ReferenceAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Db, Postgres), ct));
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Db, Bouncer), ct));
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Web, ToDb), ct));
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Web, Peers), ct));
    }

    private IRenderedComponent<ChainingGraph> RenderGraph(Explanation? flow = null) =>
        Render<ChainingGraph>(p => p
            .Add(g => g.Flow, flow)
            .Add(g => g.OpenGroup, EventCallback.Factory.Create<string>(this, id => Opened = id)));

    private static string LabelOf(IRenderedComponent<ChainingGraph> graph, string ruleId) =>
        graph.Find($"g[data-link-id={ruleId}] .default-link-label").TextContent.Trim();

    [Fact]
    public async Task Each_rule_referencing_a_group_is_one_edge_labelled_with_its_traffic()
    {
        await ReferenceAsync();

        var graph = RenderGraph();

        Assert.Equal(new[] { Postgres.Id, Bouncer.Id, ToDb.Id, Peers.Id }.Order(StringComparer.Ordinal),
            graph.FindAll("g[data-link-id]").Select(l => l.GetAttribute("data-link-id")!).Order(StringComparer.Ordinal));
        Assert.Equal("tcp 5432", LabelOf(graph, Postgres.Id));
        Assert.Equal("tcp 6432", LabelOf(graph, Bouncer.Id));
        Assert.Equal("tcp 5432 (outbound)", LabelOf(graph, ToDb.Id));
        Assert.Equal("all", LabelOf(graph, Peers.Id));
        Assert.All(graph.FindAll("g[data-link-id] path[d]"), p => Assert.False(string.IsNullOrEmpty(p.GetAttribute("d"))));
    }

    [Fact]
    public async Task Groups_are_nodes_with_their_instances_and_referenced_groups_sit_below_those_reaching_them()
    {
        await ReferenceAsync();

        var graph = RenderGraph();

        Assert.Equal(["db", "web"], graph.FindAll("[data-testid=graph-node-title]").Select(t => t.TextContent.Trim()).Order());
        Assert.Equal("db-1", graph.Find($"[data-node={Db}] [data-testid=graph-instance]").TextContent.Trim());
        Assert.True(TopOf(graph, Web) < TopOf(graph, Db));
    }

    [Fact]
    public void Clicking_a_group_node_asks_to_open_that_group()
    {
        var graph = RenderGraph();

        var node = graph.Find($"div.diagram-node[data-node-id={Db}]");
        node.PointerDown();
        graph.Find($"div.diagram-node[data-node-id={Db}]").PointerUp();

        Assert.Equal(Db, Opened);
    }

    [Fact]
    public async Task Clicking_an_arrow_asks_to_open_the_group_holding_its_rule()
    {
        await ReferenceAsync();
        var graph = RenderGraph();

        graph.Find($"g[data-link-id={ToDb.Id}]").PointerDown();
        graph.Find($"g[data-link-id={ToDb.Id}]").PointerUp();

        Assert.Equal(Web, Opened);
    }

    [Fact]
    public async Task The_preview_s_allowed_flow_highlights_its_deciding_rules_and_their_groups()
    {
        await ReferenceAsync();
        var web = new EniEndpoint(WebEni, IpAddress.Parse("10.0.1.10").Value);
        var db = new EniEndpoint(DbEni, IpAddress.Parse("10.0.1.20").Value);
        var flow = Session.Engine.Explain(web, db, Traffic.Tcp(6432));
        Assert.True(flow.Verdict.Allowed);

        var graph = RenderGraph(flow);

        Assert.Equal("true", graph.Find($"[data-node={Db}]").GetAttribute("data-on-path"));
        Assert.NotNull(graph.Find($"g[data-link-id={Bouncer.Id}] path[stroke='#2e7d32']"));
        Assert.Empty(graph.FindAll($"g[data-link-id={Postgres.Id}] path[stroke='#2e7d32']"));
        Assert.Contains("allowed", graph.Find("[data-testid=graph-flow]").TextContent);
    }

    [Fact]
    public async Task A_new_reference_in_the_draft_appears_without_reopening_the_graph()
    {
        var graph = RenderGraph();
        Assert.Empty(graph.FindAll("g[data-link-id]"));

        await Session.EditAsync(GroupEdits.PutRule(Db, Postgres), TestContext.Current.CancellationToken);

        graph.WaitForAssertion(() => Assert.Equal("tcp 5432", LabelOf(graph, Postgres.Id)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_draft_with_more_groups_than_can_be_drawn_opens_aggregated_and_says_so_instead_of_drawing_the_groups()
    {
        var vpc = Session.Estate.Vpcs[0].Id;
        var bulk = Enumerable.Range(0, ChainingGraph.MaxNodes).Select(i =>
            new SecurityGroup($"sg-{i:x17}", $"bulk-{i}", "bulk", vpc, System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty, []));
        await Session.EditAsync(e => EditCheck.Designer(e, e with { Groups = e.Groups.AddRange(bulk) }), TestContext.Current.CancellationToken);

        Render<MudBlazor.MudPopoverProvider>();
        var graph = RenderGraph();

        Assert.NotEmpty(graph.FindAll("[data-testid=aggregated-graph]"));
        Assert.Empty(graph.FindAll("[data-testid=graph-too-large]"));
        graph.Find("input[data-testid=graph-aggregated], [data-testid=graph-aggregated] input").Change(false);
        Assert.Contains($"{ChainingGraph.MaxNodes + 2} nodes", graph.Find("[data-testid=graph-too-large]").TextContent);
        Assert.Empty(graph.FindAll("div.diagram-node"));
    }

    private static double TopOf(IRenderedComponent<ChainingGraph> graph, string groupId)
    {
        var style = graph.Find($"div.diagram-node[data-node-id={groupId}]").GetAttribute("style")!;
        var top = style.Split(';').Select(s => s.Trim()).Single(s => s.StartsWith("top:", StringComparison.Ordinal));
        return double.Parse(top["top:".Length..].Trim().TrimEnd('x', 'p'), System.Globalization.CultureInfo.InvariantCulture);
    }
}
