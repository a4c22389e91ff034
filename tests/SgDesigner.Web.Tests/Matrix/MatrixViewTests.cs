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
            var other => throw new InvalidOperationException($"unknown state '{other}'"),
        };
    }

    private static AngleSharp.Dom.IElement CellsOf(IRenderedComponent<MatrixView> matrix, string from) =>
        matrix.Find($"[data-testid=matrix-row][data-instance-id={from}] [data-testid=matrix-cells]");

    private static int ColumnIndex(IRenderedComponent<MatrixView> matrix, string to) =>
        matrix.FindAll("[data-testid=matrix-column]").Select(c => c.GetAttribute("data-instance-id")).ToList().IndexOf(to);

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
        Assert.Equal(2, matrix.FindAll("[data-testid=matrix-row]").Count);

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
        Assert.Contains($"{estate.Instances.Length} × {estate.Instances.Length} instances", matrix.Find("[data-testid=matrix-size]").TextContent);
        Assert.InRange(rows.Count, 1, 100);
        Assert.InRange(cells, 1, rows.Count * 100);
        Assert.True(cells < estate.Instances.Length * estate.Instances.Length / 20);
        Assert.True(matrix.FindAll("[data-testid=matrix-column]").Count < estate.Instances.Length / 5);
        var spacerHeights = matrix.FindAll(".mx-spacer-row").Sum(s => int.Parse(s.GetAttribute("style")!["height:".Length..^"px".Length], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((estate.Instances.Length - rows.Count) * MatrixView.CellSize, spacerHeights);
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
        Assert.Equal(2, matrix.FindAll("[data-testid=matrix-column]").Count);
    }
}
