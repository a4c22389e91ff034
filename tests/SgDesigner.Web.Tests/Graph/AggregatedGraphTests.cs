using Blazor.Diagrams.Core.Geometry;
using Bunit;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Synthetic;
using SgDesigner.Web.Features.Graph;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Tests.Designer;
using Direction = SgDesigner.Core.Model.Direction;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Graph;

public sealed class AggregatedGraphTests : DesignerTestContext
{
    private const string Vpc = "vpc-00000000000000001", Subnet = "subnet-000000000000001";

    private static readonly Rule PostgresFromWeb = new("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web));

    public AggregatedGraphTests()
    {
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 900, 560));
    }

    private Task AllowPostgresFromWebAsync() =>
        Session.EditAsync(GroupEdits.PutRule(Db, PostgresFromWeb), TestContext.Current.CancellationToken);

    private IRenderedComponent<AggregatedGraph> RenderGraph()
    {
        Render<MudPopoverProvider>();
        return Render<AggregatedGraph>();
    }

    private static IEnumerable<string?> NodeKeys(IRenderedComponent<AggregatedGraph> graph) =>
        graph.FindAll("[data-testid=graph-aggregate-node]").Select(n => n.GetAttribute("data-key"));

    private static List<string> EdgeRows(IRenderedComponent<AggregatedGraph> graph) =>
        [.. graph.FindAll("[data-testid=graph-aggregate-edge]").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim())))];

    [Fact]
    public async Task By_group_a_node_per_group_with_its_instances_and_an_arrow_labelled_all_with_the_ports()
    {
        await AllowPostgresFromWebAsync();

        var graph = RenderGraph();

        // One VPC and one subnet: the graph opens at the coarsest level with more than one node, the groups.
        Assert.Equal("group", graph.Find("[data-testid=graph-aggregate-by]").GetAttribute("value"));
        Assert.Equal([Db, Web], NodeKeys(graph));
        Assert.All(graph.FindAll("[data-testid=graph-aggregate-count]"), c => Assert.Equal("1", c.TextContent.Trim()));
        var arrow = graph.Find("[data-testid=graph-aggregate-arrow]");
        Assert.Equal((Web, Db), (arrow.GetAttribute("data-from"), arrow.GetAttribute("data-to")));
        Assert.Equal("all", arrow.QuerySelector("text")!.TextContent.Trim());
        // db → web allows nothing: no arrow at all, neither drawn nor listed.
        Assert.Equal(["web (sg-0000000000000web0) | db (sg-00000000000000db0) | all | tcp 5432"], EdgeRows(graph));
    }

    [Fact]
    public async Task A_large_estates_graph_says_it_is_computing_then_draws_its_nodes()
    {
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(MatrixView.LargeEstate + 100, 60, 1_200, Seed: 3));
        await LoadNewDraftAsync(estate);

        var graph = RenderGraph();

        var computing = graph.Find("[data-testid=graph-computing]");
        Assert.Equal("status", computing.GetAttribute("role"));
        Assert.Equal($"Computing the graph by subnet for {MatrixView.LargeEstate + 100} instances…", computing.TextContent.Trim());
        graph.WaitForAssertion(() => Assert.NotEmpty(graph.FindAll("[data-testid=graph-aggregate-node]")), TimeSpan.FromSeconds(30));
        Assert.Empty(graph.FindAll("[data-testid=graph-computing]"));
        Assert.Equal("subnet", graph.Find("[data-testid=graph-aggregate-by]").GetAttribute("value"));
    }

    [Fact]
    public async Task By_vpc_the_pairs_within_say_some_n_of_m_and_nothing_allowed_means_no_arrow()
    {
        var graph = RenderGraph();
        graph.Find("[data-testid=graph-aggregate-by]").Change("vpc");

        Assert.Equal([Vpc], NodeKeys(graph));
        Assert.Equal("2", graph.Find("[data-testid=graph-aggregate-count]").TextContent.Trim());
        Assert.Empty(graph.FindAll("[data-testid=graph-aggregate-edge]"));

        await AllowPostgresFromWebAsync();

        graph.WaitForAssertion(() => Assert.Equal(["test (vpc-00000000000000001) | (within) | some (1 of 2 pairs) | tcp 5432"], EdgeRows(graph)),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Clicking_a_node_zooms_from_vpc_to_subnet_to_instances_and_the_breadcrumb_goes_back()
    {
        await AllowPostgresFromWebAsync();
        var graph = RenderGraph();
        graph.Find("[data-testid=graph-aggregate-by]").Change("vpc");

        graph.Find("[data-testid=graph-aggregate-node]").Click();

        Assert.Equal([Subnet], NodeKeys(graph));
        Assert.Equal("VPC test (vpc-00000000000000001)", graph.Find("[data-testid=graph-crumb-current]").TextContent.Trim());

        graph.Find("[data-testid=graph-aggregate-node]").Click();

        // The subnet's instances, a node each, with the arrow between them.
        Assert.Equal([DbEni, WebEni], NodeKeys(graph).Order(StringComparer.Ordinal));
        var arrow = graph.Find("[data-testid=graph-aggregate-arrow]");
        Assert.Equal((WebEni, DbEni), (arrow.GetAttribute("data-from"), arrow.GetAttribute("data-to")));
        Assert.Equal(2, graph.FindAll("[data-testid=graph-crumb]").Count);

        graph.FindAll("[data-testid=graph-crumb]")[0].Click();

        Assert.Equal([Vpc], NodeKeys(graph));
        Assert.Empty(graph.FindAll("[data-testid=graph-crumb]"));
    }

    [Fact]
    public async Task The_chaining_graph_switches_to_the_aggregated_graph_and_back()
    {
        await AllowPostgresFromWebAsync();
        Render<MudPopoverProvider>();
        var chaining = Render<ChainingGraph>();
        Assert.Empty(chaining.FindAll("[data-testid=aggregated-graph]"));

        chaining.Find("input[data-testid=graph-aggregated], [data-testid=graph-aggregated] input").Change(true);

        Assert.Equal(2, chaining.FindAll("[data-testid=graph-aggregate-node]").Count);

        chaining.Find("input[data-testid=graph-aggregated], [data-testid=graph-aggregated] input").Change(false);

        Assert.Empty(chaining.FindAll("[data-testid=aggregated-graph]"));
        Assert.NotEmpty(chaining.FindAll("[data-testid=chaining-graph] .sgd-graph-canvas"));
    }
}
