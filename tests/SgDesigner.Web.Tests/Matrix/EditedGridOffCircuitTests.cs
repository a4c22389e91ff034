using System.Collections.Concurrent;
using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Graph;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Features.Preview;
using SgDesigner.Web.Tests.Designer;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Matrix;

/// <summary>
/// An edit of a large draft with the Matrix or the aggregated graph open: the edited content's grid (its engine's
/// matrix and the sorted endpoints, a few hundred ms at 10,000 instances) is built off the circuit, so the render that
/// shows the edit never waits for it, and the view says it is computing until the new version's table is in.
/// </summary>
public sealed class EditedGridOffCircuitTests : DesignerTestContext
{
    // A draft whose grid is built off the circuit: more instances than the session shows before linting.
    private const int Instances = DesignSession.LintAfterShowing + 100;

    private readonly ConcurrentQueue<(ReachabilityEngine Engine, bool OnCircuit)> _builds = new();

    private void Record(ReachabilityEngine engine) => _builds.Enqueue((engine, Renderer.Dispatcher.CheckAccess()));

    private static string Count(int instances) => instances.ToString("N0", CultureInfo.InvariantCulture) + " instances";

    private async Task<string> LoadAsync()
    {
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(Instances, 60, 1_200, Seed: 3));
        await LoadNewDraftAsync(estate);
        Render<MudPopoverProvider>();
        return estate.Instances[0].Id;
    }

    // Terminates an instance (and its ENI), then returns the builds of the edited content's grid.
    private async Task<List<(ReachabilityEngine Engine, bool OnCircuit)>> TerminateAsync(string instanceId, Action waitForNewTable)
    {
        MatrixGrid.Building += Record;
        try
        {
            Assert.Null(await Session.EditAsync(InventoryEdits.TerminateInstance(instanceId), TestContext.Current.CancellationToken));
            waitForNewTable();
        }
        finally
        {
            MatrixGrid.Building -= Record;
        }
        return [.. _builds.Where(b => ReferenceEquals(b.Engine, Session.Engine))];
    }

    [Fact]
    public async Task After_an_edit_the_matrix_says_computing_and_then_shows_the_new_versions_table_built_off_the_circuit()
    {
        var instance = await LoadAsync();
        var matrix = Render<MatrixView>();
        matrix.WaitForAssertion(() => Assert.Contains($"({Count(Instances)})", matrix.Find("[data-testid=matrix-size]").TextContent), TimeSpan.FromSeconds(60));

        var builds = await TerminateAsync(instance, () =>
        {
            // Never the old version's table meanwhile: "computing", then the new one's.
            matrix.WaitForAssertion(() => Assert.DoesNotContain($"({Count(Instances)})", matrix.Markup), TimeSpan.FromSeconds(30));
            matrix.WaitForAssertion(() => Assert.Contains($"({Count(Instances - 1)})", matrix.Find("[data-testid=matrix-size]").TextContent), TimeSpan.FromSeconds(60));
        });

        var build = Assert.Single(builds);
        Assert.False(build.OnCircuit, "the edited content's grid was built in the render");
        Assert.Empty(matrix.FindAll("[data-testid=matrix-computing]"));
        Assert.Equal("subnet", matrix.Find("[data-testid=matrix-aggregate-by]").GetAttribute("value"));
        Assert.NotEmpty(matrix.FindAll("[data-testid=aggregate-cell]"));
    }

    [Fact]
    public async Task After_an_edit_the_aggregated_graph_says_computing_and_then_draws_the_new_version_built_off_the_circuit()
    {
        var instance = await LoadAsync();
        var graph = Render<AggregatedGraph>();
        graph.WaitForElement("[data-testid=graph-aggregate-summary]", TimeSpan.FromSeconds(60));

        var builds = await TerminateAsync(instance, () =>
            graph.WaitForAssertion(() =>
            {
                Assert.Empty(graph.FindAll("[data-testid=graph-computing]"));
                Assert.NotNull(graph.Find("[data-testid=graph-aggregate-summary]"));
            }, TimeSpan.FromSeconds(60)));

        var build = Assert.Single(builds);
        Assert.False(build.OnCircuit, "the edited content's grid was built in the render");
        // The nodes count the edited content's instances (the terminated one is gone), when the level is drawn.
        var counts = graph.FindAll("[data-testid=graph-aggregate-count]").Select(c => int.Parse(c.TextContent, CultureInfo.InvariantCulture)).ToList();
        if (counts.Count > 0)
            Assert.Equal(MatrixGrid.For(Session.Engine).InstanceEnis.Length, counts.Sum());
        else
            Assert.NotNull(graph.Find("[data-testid=graph-aggregate-too-large]"));
    }

    // Holds every build of a grid of `instances` instances until released (or disposed), so that a test sees the view
    // while it is built: a build of 2,100 instances can finish before a render is looked at.
    private sealed class HeldBuilds : IDisposable
    {
        private readonly int _instances;
        private readonly ManualResetEventSlim _released = new();

        public HeldBuilds(int instances)
        {
            _instances = instances;
            MatrixGrid.Building += Hold;
        }

        private void Hold(ReachabilityEngine engine)
        {
            if (engine.Estate.Instances.Length == _instances)
                _released.Wait(TimeSpan.FromSeconds(60));
        }

        public void Release() => _released.Set();

        public void Dispose()
        {
            MatrixGrid.Building -= Hold;
            _released.Set();
        }
    }

    [Fact]
    public async Task A_large_draft_first_opened_says_the_level_it_opens_at_while_its_grid_is_built()
    {
        using var held = new HeldBuilds(Instances);
        await LoadAsync();
        var matrix = Render<MatrixView>();
        var graph = Render<AggregatedGraph>();

        // The grid is not built (held): the level comes from the estate alone, and the selector shows it already.
        Assert.Equal($"Computing the matrix by subnet for {Count(Instances)}…", matrix.Find("[data-testid=matrix-computing]").TextContent.Trim());
        Assert.Equal("subnet", matrix.Find("[data-testid=matrix-aggregate-by]").GetAttribute("value"));
        Assert.Equal($"Computing the graph by subnet for {Count(Instances)}…", graph.Find("[data-testid=graph-computing]").TextContent.Trim());
        Assert.False(MatrixGrid.IsBuilt(Session.Engine));

        held.Release();

        // The level said is the one the grid opens at.
        matrix.WaitForAssertion(() => Assert.Equal("subnet", matrix.Find("[data-testid=matrix-size]").GetAttribute("data-level")), TimeSpan.FromSeconds(60));
        Assert.Equal(AggregateChoice.Subnet, MatrixGrid.For(Session.Engine).CoarsestLevel);
        Assert.Equal(MatrixGrid.For(Session.Engine).CoarsestLevel, MatrixGrid.CoarsestLevelOf(Session.Engine.Estate));
        graph.WaitForElement("[data-testid=graph-aggregate-summary]", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task After_an_edit_the_heat_map_keeps_its_scroller_and_window_and_draws_the_old_version_outdated_and_unclickable_until_the_new_one_is_in()
    {
        // The heat map's scroll observer: its "reset" scrolls back to the top-left corner, and "dispose" drops it, scroll position and all.
        var module = JSInterop.SetupModule("./Features/Matrix/MatrixView.razor.js");
        var observer = module.SetupModule(invocation => invocation.Identifier == "observe", isCatchAllHandler: false);
        var reset = observer.SetupVoid("reset");
        reset.SetVoidResult();
        var dispose = observer.SetupVoid("dispose");
        dispose.SetVoidResult();
        var instance = await LoadAsync();
        var explained = new List<PreviewQuery>();
        var matrix = Render<MatrixView>(p => p.Add(m => m.Explain, q => explained.Add(q)));
        matrix.WaitForElement("[data-testid=aggregate-table]", TimeSpan.FromSeconds(60));
        matrix.Find("[data-testid=matrix-aggregate-by]").Change("instance");
        matrix.WaitForElement("[data-testid=matrix-scroller]");
        // The user scrolled: the script reports the window under the new scroll position.
        await matrix.InvokeAsync(() => matrix.Instance.ShowWindow(40, 80, 10, 40));
        string FirstRowIndex() => matrix.Find("[data-testid=matrix-row]").GetAttribute("aria-rowindex")!;
        Assert.Equal("42", FirstRowIndex()); // row 40, after the header row
        var observed = JSInterop.Invocations["observe"].Count;
        Assert.Equal(1, observed);

        using var held = new HeldBuilds(Instances - 1);
        Assert.Null(await Session.EditAsync(InventoryEdits.TerminateInstance(instance), TestContext.Current.CancellationToken));

        // While the edited version's grid is built: the same scroller and window, the old cells dimmed and busy, the status saying why.
        matrix.WaitForAssertion(() =>
        {
            var scroller = matrix.Find("[data-testid=matrix-scroller]");
            Assert.Equal("true", scroller.GetAttribute("aria-busy"));
            Assert.Contains("mx-outdated", scroller.ClassList);
            Assert.StartsWith($"Computing the matrix for {Count(Instances - 1)}…", matrix.Find("[data-testid=matrix-computing]").TextContent.Trim());
        }, TimeSpan.FromSeconds(30));
        Assert.Empty(matrix.FindAll("[data-testid=matrix-size]")); // nothing presents the old version's counts as current
        Assert.Equal("42", FirstRowIndex());
        // Awaited: a click is handled on the renderer's dispatcher, which may be busy with a render when it comes.
        await matrix.Find("[data-testid=matrix-cells]").ClickAsync(new MouseEventArgs { OffsetX = 5 });
        Assert.Empty(explained); // an outdated cell explains nothing
        Assert.False(MatrixGrid.IsBuilt(Session.Engine));

        held.Release();

        matrix.WaitForAssertion(() => Assert.Contains($"({Instances - 1} instances,", matrix.Find("[data-testid=matrix-size]").TextContent), TimeSpan.FromSeconds(60));
        var current = matrix.Find("[data-testid=matrix-scroller]");
        Assert.Null(current.GetAttribute("aria-busy"));
        Assert.DoesNotContain("mx-outdated", current.ClassList);
        Assert.Empty(matrix.FindAll("[data-testid=matrix-computing]"));
        Assert.Equal("42", FirstRowIndex());
        // The scroller was never observed afresh, scrolled back, nor let go of: the browser keeps its scroll position.
        Assert.Equal(observed, JSInterop.Invocations["observe"].Count);
        Assert.Empty(reset.Invocations);
        Assert.Empty(dispose.Invocations);
        await matrix.Find("[data-testid=matrix-cells]").ClickAsync(new MouseEventArgs { OffsetX = 5 });
        Assert.Single(explained);
    }
}
