using System.Collections.Concurrent;
using System.Globalization;
using Bunit;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Graph;
using SgDesigner.Web.Features.Matrix;
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
            Assert.Equal(MatrixGrid.For(Session.Engine).InstanceEnis.Count(), counts.Sum());
        else
            Assert.NotNull(graph.Find("[data-testid=graph-aggregate-too-large]"));
    }
}
