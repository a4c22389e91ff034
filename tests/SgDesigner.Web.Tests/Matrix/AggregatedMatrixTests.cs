using Bunit;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Tests.Designer;
using Direction = SgDesigner.Core.Model.Direction;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Matrix;

public sealed class AggregatedMatrixTests : DesignerTestContext
{
    private const string Vpc = "vpc-00000000000000001", Subnet = "subnet-000000000000001";

    private static readonly Rule PostgresFromWeb = new("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web));

    private IRenderedComponent<MatrixView> RenderMatrix()
    {
        Render<MudPopoverProvider>();
        return Render<MatrixView>();
    }

    private Task AllowPostgresFromWebAsync() =>
        Session.EditAsync(GroupEdits.PutRule(Db, PostgresFromWeb), TestContext.Current.CancellationToken);

    private static void AggregateBy(IRenderedComponent<MatrixView> matrix, string level) =>
        matrix.Find("[data-testid=matrix-aggregate-by]").Change(level);

    private static AngleSharp.Dom.IElement Cell(IRenderedComponent<MatrixView> matrix, string from, string to) =>
        matrix.FindAll("[data-testid=aggregate-cell]").Single(c => c.GetAttribute("data-from") == from && c.GetAttribute("data-to") == to);

    private static string Text(AngleSharp.Dom.IElement cell) => string.Join(" | ", cell.QuerySelectorAll("span").Select(s => s.TextContent.Trim()));

    [Fact]
    public async Task By_group_each_cell_says_all_or_none_with_the_ports_and_an_instance_never_pairs_with_itself()
    {
        await AllowPostgresFromWebAsync();
        var matrix = RenderMatrix();

        AggregateBy(matrix, "group");

        Assert.Equal(["db (sg-00000000000000db0) · 1", "web (sg-0000000000000web0) · 1"],
            matrix.FindAll("[data-testid=aggregate-row] th").Select(h => h.TextContent.Trim()));
        Assert.Equal("all | tcp 5432", Text(Cell(matrix, Web, Db)));
        Assert.Equal("all", Cell(matrix, Web, Db).GetAttribute("data-extent"));
        Assert.Equal("none", Text(Cell(matrix, Db, Web)));
        Assert.Equal("none", Text(Cell(matrix, Web, Web))); // one instance: no pair of distinct instances
        Assert.Contains("ordered pairs of distinct instances", matrix.Find("[data-testid=matrix-aggregate-legend]").TextContent, StringComparison.Ordinal);
        Assert.Empty(matrix.FindAll("[data-testid=matrix-row]"));
    }

    [Fact]
    public async Task By_vpc_a_cell_counts_some_pairs_and_a_filter_counts_only_its_traffic()
    {
        await AllowPostgresFromWebAsync();
        var matrix = RenderMatrix();

        AggregateBy(matrix, "vpc");

        Assert.Equal("test (vpc-00000000000000001) · 2", matrix.Find("[data-testid=aggregate-row] th").TextContent.Trim());
        Assert.Equal("some (1 of 2 pairs) | tcp 5432", Text(Cell(matrix, Vpc, Vpc)));
        Assert.Equal("some", Cell(matrix, Vpc, Vpc).GetAttribute("data-extent"));

        matrix.Find("input[data-testid=matrix-protocol], [data-testid=matrix-protocol] input").Change("tcp");
        matrix.Find("input[data-testid=matrix-port], [data-testid=matrix-port] input").Change("22");

        Assert.Equal("none", Text(Cell(matrix, Vpc, Vpc)));
        Assert.Contains("every pair allows tcp 22", matrix.Find("[data-testid=matrix-aggregate-legend]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_value_with_markup_in_it_is_text_in_the_cells_built_as_markup()
    {
        // Instance tags come from AWS as they are: quotes, angle brackets and ampersands included.
        const string Hostile = "<img src=x onerror=alert(1)> \"quoted\" & 'single' <script>alert(2)</script>";
        var tagged = Session.Estate with
        {
            Instances = [.. Session.Estate.Instances.Select(i => i with { Tags = i.Tags.SetItem("app", i.Id.EndsWith("web", StringComparison.Ordinal) ? Hostile : "db") })],
        };
        await LoadNewDraftAsync(tagged);
        await AllowPostgresFromWebAsync();
        var matrix = RenderMatrix();

        AggregateBy(matrix, "tag:app");

        var table = matrix.Find("[data-testid=aggregate-table]");
        Assert.Empty(table.QuerySelectorAll("img, script"));
        var cell = Cell(matrix, Hostile, "db");
        Assert.Equal($"{Hostile} to db: 1 of 1 ordered pairs of distinct instances allow some traffic", cell.GetAttribute("title"));
        Assert.Equal("all | tcp 5432", Text(cell));
        Assert.Equal(4, table.QuerySelectorAll("[data-testid=aggregate-cell]").Length);
    }

    [Fact]
    public async Task The_table_keeps_a_rows_cells_only_while_the_matrix_and_its_columns_are_the_same()
    {
        await AllowPostgresFromWebAsync();
        var estate = Session.Estate;
        var groups = AggregateLevel.Of(estate, estate.NetworkInterfaces, Core.Reachability.AggregateBy.Group);
        var aggregated = MatrixAggregation.Aggregate(Session.Engine.Matrix(), groups, groups);
        var web = groups.IndexOf(groups.Single(g => g.Key == Web));
        var db = groups.IndexOf(groups.Single(g => g.Key == Db));
        var table = Render<AggregatedMatrixTable>(p => p.Add(t => t.Matrix, aggregated).Add(t => t.Rows, [web]).Add(t => t.Columns, [db, web]));
        string[] Columns() => [.. table.FindAll("[data-testid=aggregate-cell]").Select(c => c.GetAttribute("data-to")!)];
        Assert.Equal([Db, Web], Columns());

        // A new list of the same columns (as the matrix view hands on each of its renders), then other columns.
        table.Render(p => p.Add(t => t.Columns, [db, web]));
        Assert.Equal([Db, Web], Columns());
        table.Render(p => p.Add(t => t.Columns, [db]));
        Assert.Equal([Db], Columns());
        Assert.Equal("all | tcp 5432", Text(table.Find("[data-testid=aggregate-cell]")));

        // Another matrix (web to db on tcp 22 only: none) with the same columns: its own cells.
        table.Render(p => p.Add(t => t.Matrix, MatrixAggregation.Aggregate(Session.Engine.Matrix(), groups, groups, Traffic.Tcp(22))));
        Assert.Equal("none", Text(table.Find("[data-testid=aggregate-cell]")));
    }

    [Fact]
    public async Task A_header_zooms_from_vpc_to_subnet_to_instances_and_the_breadcrumb_goes_back()
    {
        await AllowPostgresFromWebAsync();
        var matrix = RenderMatrix();
        AggregateBy(matrix, "vpc");

        matrix.Find("[data-testid=aggregate-row] [data-testid=aggregate-zoom]").Click();

        Assert.Equal(Subnet, matrix.Find("[data-testid=aggregate-row]").GetAttribute("data-key"));
        Assert.Equal("VPC test (vpc-00000000000000001)", matrix.Find("[data-testid=matrix-crumb-current]").TextContent.Trim());
        Assert.Equal("some (1 of 2 pairs) | tcp 5432", Text(Cell(matrix, Subnet, Subnet)));

        matrix.Find("[data-testid=aggregate-column] [data-testid=aggregate-zoom]").Click();

        // The subnet's instances as the heat map, without the endpoints outside the estate.
        Assert.Empty(matrix.FindAll("[data-testid=aggregate-table]"));
        Assert.Equal(["i-000000000000000db", "i-00000000000000web"], matrix.FindAll("[data-testid=matrix-row]").Select(r => r.GetAttribute("data-instance-id")));
        Assert.Equal(2, matrix.FindAll("[data-testid=matrix-column]").Count);
        Assert.Equal(["All instances", "VPC test (vpc-00000000000000001)"], matrix.FindAll("[data-testid=matrix-crumb]").Select(c => c.TextContent.Trim()));

        matrix.FindAll("[data-testid=matrix-crumb]")[0].Click();

        Assert.Equal(Vpc, matrix.Find("[data-testid=aggregate-row]").GetAttribute("data-key"));
        Assert.Empty(matrix.FindAll("[data-testid=matrix-crumb]"));
    }

    [Fact]
    public async Task A_small_estate_opens_as_the_heat_map_and_an_edit_keeps_the_zoom()
    {
        var matrix = RenderMatrix();
        Assert.Equal("instance", matrix.Find("[data-testid=matrix-aggregate-by]").GetAttribute("value"));
        Assert.Equal(2, matrix.FindAll("[data-testid=matrix-row]").Count(r => r.GetAttribute("data-instance-id") is not null));
        AggregateBy(matrix, "vpc");
        matrix.Find("[data-testid=aggregate-row] [data-testid=aggregate-zoom]").Click();
        Assert.Equal("none", Text(Cell(matrix, Subnet, Subnet)));

        await AllowPostgresFromWebAsync();

        matrix.WaitForAssertion(() => Assert.Equal("some (1 of 2 pairs) | tcp 5432", Text(Cell(matrix, Subnet, Subnet))), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_large_estate_opens_at_a_readable_level_not_as_a_wall_of_instances()
    {
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(MatrixView.LargeEstate + 100, 60, 1_200, Seed: 3));
        await LoadNewDraftAsync(estate);

        var matrix = RenderMatrix();

        // Nothing prepared the table: it is computed off the circuit, and the view says so meanwhile instead of holding the page.
        var computing = matrix.Find("[data-testid=matrix-computing]");
        Assert.Equal("status", computing.GetAttribute("role"));
        Assert.Equal($"Computing the matrix by subnet for {MatrixView.LargeEstate + 100} instances…", computing.TextContent.Trim());
        matrix.WaitForElement("[data-testid=aggregate-table]", TimeSpan.FromSeconds(30));
        Assert.Empty(matrix.FindAll("[data-testid=matrix-computing]"));
        // One VPC in the synthetic estate: it opens by subnet, the coarsest level with more than one row.
        Assert.Equal("subnet", matrix.Find("[data-testid=matrix-aggregate-by]").GetAttribute("value"));
        Assert.InRange(matrix.FindAll("[data-testid=aggregate-row]").Count, 2, AggregatedMatrixTable.MaxShown);
        Assert.Empty(matrix.FindAll("[data-testid=matrix-row]"));
        Assert.Contains(matrix.FindAll("[data-testid=aggregate-cell]"), c => c.GetAttribute("data-extent") != "none");
    }

    [Fact]
    public async Task A_level_with_more_aggregates_than_the_table_shows_keeps_the_largest_and_the_rest_as_one_row()
    {
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(MatrixView.LargeEstate + 100, 150, 1_200, Seed: 3));
        await LoadNewDraftAsync(estate);
        var carried = estate.NetworkInterfaces.Where(e => e.InstanceId is not null).SelectMany(e => e.GroupIds).Distinct().Count();
        Assert.True(carried > AggregatedMatrixTable.MaxShown, $"{carried} groups carried");
        var matrix = RenderMatrix();

        AggregateBy(matrix, "group");

        matrix.WaitForAssertion(() => Assert.NotNull(matrix.Find("[data-testid=matrix-size][data-level=group]")), TimeSpan.FromSeconds(30));
        var rows = matrix.FindAll("[data-testid=aggregate-row]");
        Assert.Equal(AggregatedMatrixTable.MaxShown, rows.Count);
        Assert.Equal(AggregatedMatrixTable.MaxShown, matrix.FindAll("[data-testid=aggregate-column]").Count);
        var others = rows[^1];
        Assert.Equal(AggregateLevel.Others, others.GetAttribute("data-key"));
        Assert.StartsWith($"{carried - (AggregatedMatrixTable.MaxShown - 1)} other security groups · ", others.QuerySelector("th")!.TextContent.Trim());
        Assert.Null(others.QuerySelector("[data-testid=aggregate-zoom]")); // the rest is no aggregate to zoom into
        Assert.Contains("other security groups are one row and column", matrix.Find("[data-testid=aggregate-collapsed]").TextContent, StringComparison.Ordinal);

        // A group left out is found by the From search, and is then a row of its own.
        var shown = rows.Select(r => r.GetAttribute("data-key")).ToHashSet();
        var leftOut = estate.Groups.First(g => !shown.Contains(g.Id) && estate.NetworkInterfaces.Any(e => e.InstanceId is not null && e.GroupIds.Contains(g.Id)));
        matrix.Find("input[data-testid=matrix-row-search], [data-testid=matrix-row-search] input").Input(leftOut.Id);

        matrix.WaitForAssertion(() => Assert.Equal(leftOut.Id, Assert.Single(matrix.FindAll("[data-testid=aggregate-row]")).GetAttribute("data-key")), TimeSpan.FromSeconds(30));
        Assert.Equal(AggregatedMatrixTable.MaxShown, matrix.FindAll("[data-testid=aggregate-column]").Count);
    }

    [Fact]
    public async Task A_large_drafts_tables_are_prepared_once_whichever_thread_asks_first()
    {
        var ct = TestContext.Current.CancellationToken;
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(MatrixView.LargeEstate + 100, 60, 1_200, Seed: 3));
        await LoadNewDraftAsync(estate);
        var grid = MatrixGrid.For(Session.Engine);

        MatrixGrid.PrepareOpening(Session.Engine, MatrixView.LargeEstate, () => true);
        var tables = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => grid.Aggregated(grid.CoarsestLevel, "", grid.InstanceEnis, null, AggregatedMatrixTable.MaxShown), ct)));

        Assert.Equal(AggregateChoice.Subnet, grid.CoarsestLevel);
        Assert.All(tables, t => Assert.Same(tables[0], t));
        Assert.Same(tables[0], MatrixGrid.For(Session.Engine).Aggregated(AggregateChoice.Subnet, "", grid.InstanceEnis, null, AggregatedMatrixTable.MaxShown));
    }
}
