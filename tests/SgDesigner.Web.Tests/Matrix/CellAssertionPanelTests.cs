using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SgDesigner.Core.Assertions;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Settings;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Tests.Designer;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Matrix;

public sealed class CellAssertionPanelTests : DesignerTestContext
{
    private const string WebInstance = "i-00000000000000web", DbInstance = "i-000000000000000db";

    private const string WebToDbDenied =
        "{\"from\":\"i-00000000000000web\",\"to\":\"i-000000000000000db\",\"protocol\":\"tcp\",\"port\":5432,\"expect\":\"deny\",\"name\":\"web-1 → db-1 tcp 5432 must stay denied\"}";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Guid PolicyId => Session.Info!.PolicyId;

    // The matrix with the cell from web-1 to db-1 picked (any traffic: db has no inbound rule, so the cell is denied).
    private IRenderedComponent<MatrixView> PickWebToDb()
    {
        Render<MudPopoverProvider>();
        var matrix = Render<MatrixView>();
        var columns = matrix.FindAll("[data-testid=matrix-column]").Select(c => c.GetAttribute("data-instance-id")).ToList();
        matrix.FindAll("[data-testid=matrix-row]").Single(r => r.GetAttribute("data-instance-id") == WebInstance)
            .QuerySelector("[data-testid=matrix-cells]")!
            .Click(new MouseEventArgs { OffsetX = columns.IndexOf(DbInstance) * MatrixView.CellSize + MatrixView.CellSize / 2.0 });
        matrix.WaitForAssertion(() => Assert.False(Button(matrix, "denied").HasAttribute("disabled")), Patience);
        return matrix;
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<MatrixView> matrix, string which) =>
        matrix.Find($"[data-testid=cell-assertion-{which}]");

    private static void TypePort(IRenderedComponent<MatrixView> matrix, string port)
    {
        for (var i = 0; i <= port.Length; i++)
            matrix.Find("input[data-testid=cell-assertion-port], [data-testid=cell-assertion-port] input").Input(port[..i]);
    }

    private async Task<string> StoredAssertionsAsync() => (await Get<PolicySettingsStore>().GetAsync(PolicyId, Token)).Value.Assertions;

    private T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    [Fact]
    public async Task An_owner_types_a_port_key_by_key_and_appends_one_line_that_sgd_check_reads_and_the_same_line_is_not_added_twice()
    {
        var matrix = PickWebToDb();

        TypePort(matrix, "70000");
        Assert.Contains("port", matrix.Find("[data-testid=cell-assertion-port-error]").TextContent, StringComparison.Ordinal);
        Assert.True(Button(matrix, "denied").HasAttribute("disabled"));
        Assert.True(Button(matrix, "allowed").HasAttribute("disabled"));

        TypePort(matrix, "5432");
        Assert.Empty(matrix.FindAll("[data-testid=cell-assertion-port-error]"));
        Button(matrix, "denied").Click();

        matrix.WaitForAssertion(() => Assert.Equal("true", matrix.Find("[data-testid=cell-assertion-message]").GetAttribute("data-appended")), Patience);
        Assert.Equal(WebToDbDenied, await StoredAssertionsAsync());
        var parsed = Assert.Single(AssertionParser.Parse(await StoredAssertionsAsync()).Assertions);
        Assert.Equal((WebInstance, DbInstance, 5432, false), (parsed.From, parsed.To, parsed.Traffic.Port, parsed.ExpectAllowed));
        var audit = await Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: PolicyId, Action: "policy.assertions-changed"), Token);
        Assert.Single(audit);

        Button(matrix, "denied").Click();
        matrix.WaitForAssertion(() => Assert.Contains("says this already", matrix.Find("[data-testid=cell-assertion-message]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal(WebToDbDenied, await StoredAssertionsAsync());
    }

    [Fact]
    public async Task The_opposite_expectation_for_the_same_flow_is_refused()
    {
        var matrix = PickWebToDb();
        TypePort(matrix, "5432");
        Button(matrix, "denied").Click();
        matrix.WaitForAssertion(() => Assert.Equal("true", matrix.Find("[data-testid=cell-assertion-message]").GetAttribute("data-appended")), Patience);

        Button(matrix, "allowed").Click();

        matrix.WaitForAssertion(() => Assert.Contains("expects the opposite", matrix.Find("[data-testid=cell-assertion-message]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal(WebToDbDenied, await StoredAssertionsAsync());
    }

    [Fact]
    public async Task Settings_changed_since_the_pick_refuse_the_append_and_keep_what_the_other_change_stored()
    {
        var matrix = PickWebToDb();
        const string Other = "{\"from\": \"web-1\", \"to\": \"db-1\", \"protocol\": \"udp\", \"port\": 53, \"expect\": \"deny\"}";
        Assert.True((await Get<PolicySettingsStore>().SetAssertionsAsync(Tester, PolicyId, Other, ct: Token)).IsOk);

        TypePort(matrix, "5432");
        Button(matrix, "denied").Click();

        matrix.WaitForAssertion(() => Assert.Contains("changed by someone else", matrix.Find("[data-testid=cell-assertion-message]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("false", matrix.Find("[data-testid=cell-assertion-message]").GetAttribute("data-appended"));
        Assert.Equal(Other, await StoredAssertionsAsync());

        // The panel read the settings again: the next press appends to what is stored now.
        Button(matrix, "denied").Click();
        matrix.WaitForAssertion(() => Assert.Equal("true", matrix.Find("[data-testid=cell-assertion-message]").GetAttribute("data-appended")), Patience);
        Assert.Equal(Other + "\n" + WebToDbDenied, await StoredAssertionsAsync());
    }
}
