using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Graph;
using SgDesigner.Web.Features.Graph;
using SgDesigner.Web.Tests.Designer;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Graph;

/// <summary>The chaining graph shows nodes where they were placed for the policy, stores a dragged node's place, and resets the layout.</summary>
public sealed class GraphLayoutTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private GraphLayoutStore Layouts => Services.GetRequiredService<GraphLayoutStore>();

    public GraphLayoutTests()
    {
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 900, 560));
    }

    private static (double Left, double Top) PlaceOf(IRenderedComponent<ChainingGraph> graph, string groupId)
    {
        var style = graph.Find($"div.diagram-node[data-node-id={groupId}]").GetAttribute("style")!;
        double Read(string name) => double.Parse(style.Split(';').Select(s => s.Trim()).Single(s => s.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..]
            .Trim().TrimEnd('x', 'p'), System.Globalization.CultureInfo.InvariantCulture);
        return (Read("left"), Read("top"));
    }

    private async Task<IReadOnlyDictionary<string, NodePosition>> StoredAsync() =>
        (await Layouts.GetAsync(Session.Info!.PolicyId, TestContext.Current.CancellationToken)).Value.Positions;

    [Fact]
    public async Task Stored_places_are_shown_a_dragged_node_is_stored_and_reset_brings_back_the_automatic_layout()
    {
        var automatic = PlaceOf(Render<ChainingGraph>(), Db);
        Assert.True((await Layouts.MoveAsync(Tester, Session.Info!.PolicyId, Db, new NodePosition(400, 500), TestContext.Current.CancellationToken)).IsOk);

        var graph = Render<ChainingGraph>();

        graph.WaitForAssertion(() => Assert.Equal((400, 500), PlaceOf(graph, Db)), Wait);
        var web = PlaceOf(graph, Web);
        await graph.Find($"div.diagram-node[data-node-id={Web}]").PointerDownAsync(new PointerEventArgs { ClientX = 10, ClientY = 10, Button = 0 });
        await graph.Find("div.diagram-canvas").PointerMoveAsync(new PointerEventArgs { ClientX = 70, ClientY = 50, Button = 0 });
        await graph.Find($"div.diagram-node[data-node-id={Web}]").PointerUpAsync(new PointerEventArgs { ClientX = 70, ClientY = 50, Button = 0 });

        graph.WaitForAssertion(() => Assert.Equal("2", graph.Find("[data-testid=chaining-graph]").GetAttribute("data-placed")), Wait);
        // Where the node was dropped (the drawing is zoomed to fit, so 60 by 40 screen pixels are a little more), to 0.1.
        var dropped = PlaceOf(graph, Web);
        Assert.True(dropped.Left > web.Left + 55 && dropped.Top > web.Top + 35, $"{web} → {dropped}");
        var stored = (await StoredAsync())[Web];
        Assert.Equal(dropped.Left, stored.X, 0.05);
        Assert.Equal(dropped.Top, stored.Y, 0.05);
        var reloaded = Render<ChainingGraph>();
        reloaded.WaitForAssertion(() => Assert.Equal((stored.X, stored.Y), PlaceOf(reloaded, Web)), Wait);
        Assert.Equal((400, 500), PlaceOf(reloaded, Db));

        await reloaded.Find("[data-testid=graph-reset-layout]").ClickAsync(new MouseEventArgs());

        reloaded.WaitForAssertion(() => Assert.Equal(automatic, PlaceOf(reloaded, Db)), Wait);
        Assert.Empty(await StoredAsync());
    }
}
