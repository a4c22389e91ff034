using SgDesigner.Core.Editing;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SgDesigner.Core.Model;
using SgDesigner.Core.Synthetic;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Features.Preview;
using SgDesigner.Web.Tests.Designer;
using Direction = SgDesigner.Core.Model.Direction;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Matrix;

public sealed class MatrixViewTests : DesignerTestContext
{
    private const string WebInstance = "i-00000000000000web", DbInstance = "i-000000000000000db";

    private static readonly Rule PostgresFromWeb = new("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web));

    private IRenderedComponent<MatrixView> RenderMatrix(Action<PreviewQuery>? explain = null)
    {
        Render<MudPopoverProvider>();
        return Render<MatrixView>(p => p.Add(m => m.Explain, q => explain?.Invoke(q)));
    }

    private static void SetFilter(IRenderedComponent<MatrixView> matrix, string protocol, string port)
    {
        matrix.Find("input[data-testid=matrix-protocol], [data-testid=matrix-protocol] input").Change(protocol);
        matrix.Find("input[data-testid=matrix-port], [data-testid=matrix-port] input").Change(port);
    }

    // A row draws its cells as one element; data-states holds a letter per rendered column, in header order.
    private static string StateOf(IRenderedComponent<MatrixView> matrix, string from, string to)
    {
        var states = CellsOf(matrix, from).GetAttribute("data-states")!;
        return states[ColumnIndex(matrix, to)] switch
        {
            'a' => "allowed",
            'p' => "partial",
            'd' => "denied",
            'n' => "no rules",
            var other => throw new InvalidOperationException($"unknown state '{other}'"),
        };
    }

    // A row or column by its instance id, or by its outside endpoint's label ("198.51.100.0/24").
    private static AngleSharp.Dom.IElement CellsOf(IRenderedComponent<MatrixView> matrix, string from) =>
        matrix.FindAll("[data-testid=matrix-row]").Single(r => r.GetAttribute("data-instance-id") == from || r.GetAttribute("data-outside") == from)
            .QuerySelector("[data-testid=matrix-cells]")!;

    private static int ColumnIndex(IRenderedComponent<MatrixView> matrix, string to) =>
        matrix.FindAll("[data-testid=matrix-column]").Select(c => c.GetAttribute("data-instance-id") ?? c.GetAttribute("data-outside")).ToList().IndexOf(to);

    private static AngleSharp.Dom.IElement CellOf(IRenderedComponent<MatrixView> matrix, string from, string to) =>
        CellsOf(matrix, from).QuerySelectorAll("[role=gridcell]")[ColumnIndex(matrix, to)];

    private const string Partners = "198.51.100.0/24";

    private static readonly Rule PostgresFromPartners =
        new("sgr-00000000000000pg1", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new CidrPeer(Cidr.Parse(Partners).Value));

    private static void ClickCell(IRenderedComponent<MatrixView> matrix, string from, string to) =>
        CellsOf(matrix, from).Click(new MouseEventArgs { OffsetX = ColumnIndex(matrix, to) * MatrixView.CellSize + MatrixView.CellSize / 2.0 });

    private Task AllowPostgresFromWebAsync() =>
        Session.EditAsync(GroupEdits.PutRule(Db, PostgresFromWeb), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_pair_the_rules_allow_is_marked_allowed_and_the_reverse_pair_denied()
    {
        await AllowPostgresFromWebAsync();
        var matrix = RenderMatrix();

        SetFilter(matrix, "tcp", "5432");

        Assert.Equal("allowed", StateOf(matrix, WebInstance, DbInstance));
        Assert.Equal("denied", StateOf(matrix, DbInstance, WebInstance));
        Assert.Contains("var(--sgd-matrix-allowed)", CellsOf(matrix, WebInstance).GetAttribute("style"));
    }

    [Fact]
    public async Task Every_cidr_a_rule_names_is_a_row_and_a_column_beside_the_instances_with_cells_that_say_what_they_show()
    {
        await Session.EditAsync(GroupEdits.PutRule(Db, PostgresFromPartners), TestContext.Current.CancellationToken);
        var matrix = RenderMatrix();
        SetFilter(matrix, "tcp", "5432");

        var outsideRows = matrix.FindAll("[data-testid=matrix-row][data-outside]").Select(r => r.QuerySelector(".mx-rowhead")!.TextContent).ToList();
        Assert.Equal(["internet (0.0.0.0/0)", "internet (::/0)", Partners], outsideRows);
        Assert.Equal(outsideRows, matrix.FindAll("[data-testid=matrix-column][data-outside]").Select(c => c.TextContent.Trim()));
        Assert.Equal("allowed", StateOf(matrix, Partners, DbInstance));
        Assert.Equal("denied", StateOf(matrix, Partners, WebInstance));
        Assert.Equal("denied", StateOf(matrix, "internet (0.0.0.0/0)", DbInstance));
        Assert.Equal("allowed", StateOf(matrix, WebInstance, "internet (0.0.0.0/0)"));
        Assert.Equal("no rules", StateOf(matrix, Partners, "internet (0.0.0.0/0)"));
        Assert.Equal($"{Partners} to db-1: allowed", CellOf(matrix, Partners, DbInstance).GetAttribute("aria-label"));
        Assert.Equal($"web-1 to {Partners}: allowed", CellOf(matrix, WebInstance, Partners).GetAttribute("aria-label"));
        Assert.Contains("(2 instances, 3 outside)", matrix.Find("[data-testid=matrix-size]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clicking_an_outside_cell_asks_the_preview_about_that_range()
    {
        await Session.EditAsync(GroupEdits.PutRule(Db, PostgresFromPartners), TestContext.Current.CancellationToken);
        PreviewQuery? asked = null;
        var matrix = RenderMatrix(q => asked = q);
        SetFilter(matrix, "tcp", "5432");

        ClickCell(matrix, Partners, DbInstance);

        Assert.Equal((Partners, "db-1 (i-000000000000000db)", "tcp", "5432"), (asked!.Source, asked.Destination, asked.Protocol, asked.Port));
        asked = null;
        ClickCell(matrix, Partners, "internet (0.0.0.0/0)");
        Assert.Null(asked);
    }

    [Fact]
    public async Task The_matrix_is_a_grid_with_labelled_axes_and_one_cell_in_the_tab_order()
    {
        var matrix = RenderMatrix();

        var grid = matrix.Find("[data-testid=matrix-scroller]");
        Assert.Equal("grid", grid.GetAttribute("role"));
        Assert.Equal("columnheader", matrix.Find("[data-testid=matrix-axes]").GetAttribute("role"));
        Assert.All(matrix.FindAll("[data-testid=matrix-row]"), r => Assert.Equal("row", r.GetAttribute("role")));
        var cells = matrix.FindAll("[role=gridcell]");
        Assert.Equal(matrix.FindAll("[data-testid=matrix-row]").Count * matrix.FindAll("[data-testid=matrix-column]").Count, cells.Count);
        var stop = Assert.Single(cells, c => c.GetAttribute("tabindex") == "0");
        Assert.Equal(("0", "0"), (stop.GetAttribute("data-r"), stop.GetAttribute("data-c")));

        await matrix.InvokeAsync(() => matrix.Instance.SetActiveCell(1, 2));

        stop = Assert.Single(matrix.FindAll("[role=gridcell]"), c => c.GetAttribute("tabindex") == "0");
        Assert.Equal(("1", "2"), (stop.GetAttribute("data-r"), stop.GetAttribute("data-c")));
    }

    [Fact]
    public async Task Enter_on_a_cell_asks_the_preview_about_it()
    {
        await AllowPostgresFromWebAsync();
        PreviewQuery? asked = null;
        var matrix = RenderMatrix(q => asked = q);
        SetFilter(matrix, "tcp", "5432");
        var (row, column) = (RowIndex(matrix, WebInstance), ColumnIndex(matrix, DbInstance));

        await matrix.InvokeAsync(() => matrix.Instance.ExplainCell(row, column));

        Assert.Equal(("web-1 (i-00000000000000web)", "db-1 (i-000000000000000db)"), (asked!.Source, asked.Destination));
    }

    private static int RowIndex(IRenderedComponent<MatrixView> matrix, string from) =>
        matrix.FindAll("[data-testid=matrix-row]").Select(r => r.GetAttribute("data-instance-id")).ToList().IndexOf(from);

    [Fact]
    public async Task Changing_the_filter_recolours_the_cells_and_any_traffic_shows_a_partly_open_pair_as_partial()
    {
        await AllowPostgresFromWebAsync();
        var matrix = RenderMatrix();
        SetFilter(matrix, "tcp", "5432");
        Assert.Equal("allowed", StateOf(matrix, WebInstance, DbInstance));

        SetFilter(matrix, "tcp", "443");
        Assert.Equal("denied", StateOf(matrix, WebInstance, DbInstance));

        SetFilter(matrix, "any", "");
        Assert.Equal("partial", StateOf(matrix, WebInstance, DbInstance));
        Assert.Equal("denied", StateOf(matrix, DbInstance, WebInstance));
    }

    [Fact]
    public async Task A_filter_that_does_not_parse_is_reported_and_the_cells_keep_the_last_filter()
    {
        await AllowPostgresFromWebAsync();
        var matrix = RenderMatrix();
        SetFilter(matrix, "tcp", "5432");

        SetFilter(matrix, "tcp", "http");

        Assert.Contains("traffic", matrix.Find("[data-testid=matrix-error]").TextContent);
        Assert.Equal("allowed", StateOf(matrix, WebInstance, DbInstance));
    }

    [Fact]
    public async Task Clicking_a_cell_asks_for_the_explanation_of_that_flow_and_the_explanation_agrees_with_the_cell()
    {
        await AllowPostgresFromWebAsync();
        PreviewQuery? asked = null;
        var matrix = RenderMatrix(q => asked = q);
        SetFilter(matrix, "tcp", "5432");

        ClickCell(matrix, WebInstance, DbInstance);

        Assert.NotNull(asked);
        Assert.Equal(("web-1 (i-00000000000000web)", "db-1 (i-000000000000000db)", "tcp", "5432"), (asked.Source, asked.Destination, asked.Protocol, asked.Port));
        var flow = asked.Resolve(Session.Estate, out var error);
        Assert.Null(error);
        var explanation = Session.Engine.Explain(flow!.Value.From, flow.Value.To, flow.Value.Traffic);
        Assert.True(explanation.Verdict.Allowed);
        Assert.Contains(explanation.Verdict.Ingress, r => r.Rule.Id == PostgresFromWeb.Id);
    }

    [Fact]
    public async Task Under_any_traffic_a_click_asks_about_traffic_the_pair_allows()
    {
        await AllowPostgresFromWebAsync();
        PreviewQuery? asked = null;
        var matrix = RenderMatrix(q => asked = q);

        ClickCell(matrix, WebInstance, DbInstance);

        Assert.Equal(("tcp", "5432"), (asked!.Protocol, asked.Port));
    }

    [Fact]
    public async Task An_edit_in_the_design_session_flips_the_cell()
    {
        var matrix = RenderMatrix();
        SetFilter(matrix, "tcp", "5432");
        Assert.Equal("denied", StateOf(matrix, WebInstance, DbInstance));

        await matrix.InvokeAsync(AllowPostgresFromWebAsync);

        matrix.WaitForAssertion(() => Assert.Equal("allowed", StateOf(matrix, WebInstance, DbInstance)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_search_boxes_keep_only_the_instances_whose_name_matches()
    {
        var matrix = RenderMatrix();
        Assert.Equal(2, matrix.FindAll("[data-testid=matrix-row][data-instance-id]").Count);

        matrix.Find("input[data-testid=matrix-row-search], [data-testid=matrix-row-search] input").Input("web");
        matrix.Find("input[data-testid=matrix-column-search], [data-testid=matrix-column-search] input").Input("db");

        matrix.WaitForAssertion(() =>
        {
            Assert.Equal(WebInstance, Assert.Single(matrix.FindAll("[data-testid=matrix-row]")).GetAttribute("data-instance-id"));
            Assert.Equal(DbInstance, Assert.Single(matrix.FindAll("[data-testid=matrix-column]")).GetAttribute("data-instance-id"));
        }, TimeSpan.FromSeconds(5));
        Assert.Equal(1, CellsOf(matrix, WebInstance).GetAttribute("data-states")!.Length);
    }

    [Fact]
    public async Task A_large_estate_renders_only_a_window_of_cells_and_keeps_the_full_scroll_size()
    {
        var ct = TestContext.Current.CancellationToken;
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(300, 40, 600, Seed: 7));
        var policy = await Store.CreatePolicyAsync($"matrix-{Guid.NewGuid():N}", null, estate, Tester, ct);
        var draft = await Store.CreateDraftAsync(policy.Value.Id, null, "large", "test", ct);
        Assert.Null(await Session.LoadAsync(draft.Value.Id, ct));

        var matrix = RenderMatrix();

        var rows = matrix.FindAll("[data-testid=matrix-row]");
        var cells = matrix.FindAll("[data-testid=matrix-cells]").Sum(r => r.GetAttribute("data-states")!.Length);
        Assert.Contains($"({estate.Instances.Length} instances,", matrix.Find("[data-testid=matrix-size]").TextContent, StringComparison.Ordinal);
        var total = int.Parse(matrix.Find("[data-testid=matrix-scroller]").GetAttribute("aria-rowcount")!, System.Globalization.CultureInfo.InvariantCulture) - 1;
        Assert.True(total >= estate.Instances.Length);
        Assert.InRange(rows.Count, 1, 100);
        Assert.InRange(cells, 1, rows.Count * 100);
        Assert.True(cells < estate.Instances.Length * estate.Instances.Length / 20);
        Assert.True(matrix.FindAll("[data-testid=matrix-column]").Count < estate.Instances.Length / 5);
        var spacerHeights = matrix.FindAll(".mx-spacer-row").Sum(s => int.Parse(s.GetAttribute("style")!["height:".Length..^"px".Length], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((total - rows.Count) * MatrixView.CellSize, spacerHeights);
    }

    [Fact]
    public async Task The_window_the_script_reports_is_the_one_rendered()
    {
        var matrix = RenderMatrix();

        await matrix.InvokeAsync(() => matrix.Instance.ShowWindow(1, 2, 0, 1));

        var row = Assert.Single(matrix.FindAll("[data-testid=matrix-row]"));
        Assert.Equal(WebInstance, row.GetAttribute("data-instance-id"));
        Assert.Equal("0", row.QuerySelector("[data-testid=matrix-cells]")!.GetAttribute("data-first-column"));
        Assert.Single(row.QuerySelector("[data-testid=matrix-cells]")!.GetAttribute("data-states")!);
    }

    [Fact]
    public async Task A_search_shows_its_matches_from_the_first_row_whatever_the_scroll_window_was()
    {
        var matrix = RenderMatrix();
        await matrix.InvokeAsync(() => matrix.Instance.ShowWindow(1, 2, 1, 2));
        Assert.Single(matrix.FindAll("[data-testid=matrix-row]"));

        matrix.Find("input[data-testid=matrix-row-search], [data-testid=matrix-row-search] input").Input("-1");

        matrix.WaitForAssertion(() => Assert.Equal(2, matrix.FindAll("[data-testid=matrix-row]").Count), TimeSpan.FromSeconds(5));
        Assert.Equal(4, matrix.FindAll("[data-testid=matrix-column]").Count); // two instances, the internet (IPv4, IPv6)
    }

    [Fact]
    public void Levels_chosen_while_the_browser_stops_the_heat_maps_observer_stop_it_once_without_an_error()
    {
        // The heat map's scroll observer, whose "dispose" the browser answers only when told here.
        var module = JSInterop.SetupModule("./Features/Matrix/MatrixView.razor.js");
        var observer = module.SetupModule(invocation => invocation.Identifier == "observe", isCatchAllHandler: false);
        var dispose = observer.SetupVoid("dispose");
        var matrix = RenderMatrix();

        // Two levels chosen in a row: each render after leaving the heat map stops the observer, the first still waiting on the browser.
        matrix.Find("[data-testid=matrix-aggregate-by]").Change("vpc");
        matrix.Find("[data-testid=matrix-aggregate-by]").Change("subnet");
        dispose.SetVoidResult();

        matrix.WaitForAssertion(() => Assert.Equal("subnet", matrix.Find("[data-testid=matrix-size]").GetAttribute("data-level")));
        Assert.Single(dispose.Invocations);
        Assert.False(Renderer.UnhandledException.IsCompleted, "the renderer met an unhandled exception");
    }
}
