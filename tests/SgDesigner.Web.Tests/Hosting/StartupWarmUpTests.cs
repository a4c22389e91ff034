using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SgDesigner.Data;
using SgDesigner.Data.Store;
using SgDesigner.Web.Components.Layout;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Findings;
using SgDesigner.Web.Features.Graph;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Features.Preview;
using SgDesigner.Web.Hosting;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>
/// The warm-up after a start (<see cref="StartupWarmUp"/>): it runs the draft queries and the engine once on a synthetic
/// estate and renders the designer's components on it, on each database, shows in <c>/healthz</c> without failing it,
/// and stores nothing.
/// </summary>
public sealed class StartupWarmUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_sqlite_the_warm_up_runs_once_the_server_listens_shows_in_the_health_report_and_stores_nothing()
    {
        await using var database = new SqliteTestDatabase();
        await WarmsUpAsync(database);
    }

    [Fact]
    public async Task On_postgresql_the_warm_up_runs_once_the_server_listens_shows_in_the_health_report_and_stores_nothing()
    {
        await using var database = new PostgresTestDatabase();
        await WarmsUpAsync(database);
    }

    [Fact]
    public async Task Turned_off_there_is_no_warm_up_and_the_health_report_has_only_the_database()
    {
        await using var database = new SqliteTestDatabase();
        await using var app = new SgDesignerApp(database.Settings);
        using var client = app.CreateHttpClient();

        var report = await client.GetFromJsonAsync<JsonElement>(HealthEndpoints.Route, Ct);

        Assert.Equal(["database"], report.GetProperty("checks").EnumerateObject().Select(c => c.Name));
        Assert.Null(app.Services.GetService<StartupWarmUp>());
    }

    private static async Task WarmsUpAsync(TestDatabase database)
    {
        await using var app = new SgDesignerApp(new Dictionary<string, string?>(database.Settings) { [StartupWarmUp.EnabledSetting] = "true" });
        using var client = app.CreateHttpClient();
        var store = app.Services.GetRequiredService<PolicyStore>();
        var before = await store.ListPoliciesAsync(Ct);
        var rowsBefore = await RowCountsAsync(app.Services);

        // While it runs the app answers, and the report says so without failing a load balancer's probe.
        var early = await client.GetAsync(HealthEndpoints.Route, Ct);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        var warmUp = (await early.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("checks").GetProperty(StartupWarmUp.CheckName);
        Assert.Contains(warmUp.GetProperty("status").GetString(), (string[])["Degraded", "Healthy"]);

        var took = await app.Services.GetRequiredService<StartupWarmUp>().Done.WaitAsync(TimeSpan.FromMinutes(3), Ct);

        var report = await client.GetFromJsonAsync<JsonElement>(HealthEndpoints.Route, Ct);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var done = report.GetProperty("checks").GetProperty(StartupWarmUp.CheckName);
        Assert.Equal("Healthy", done.GetProperty("status").GetString());
        // The render ran: the layout, the designer page and what is under it (its group list, rule table, panels, tabs,
        // the matrix's aggregated table, the aggregated graph) and MudBlazor's components are far more than a hundred.
        var warmedUp = app.Services.GetRequiredService<StartupWarmUp>();
        var rendered = warmedUp.RenderedComponents;
        Assert.True(rendered > 100, $"{rendered} components rendered");
        Assert.Subset(warmedUp.RenderedTypes.ToHashSet(), new HashSet<Type>
        {
            typeof(MainLayout), typeof(DesignerPage), typeof(GroupList), typeof(GroupEditor), typeof(RuleTable), typeof(MudTabs),
            typeof(PreviewPanel), typeof(FindingsList), typeof(MatrixView), typeof(AggregatedMatrixTable), typeof(AggregatedGraph),
        });
        // The server asked itself the circuit's first two requests over loopback, and got answers.
        Assert.Equal(2, warmedUp.CircuitRequests);
        Assert.Equal($"done in {took.TotalMilliseconds:F0} ms, the designer's {rendered} components rendered, 2 of the circuit's 2 first requests answered",
            done.GetProperty("description").GetString());
        Assert.True(took > TimeSpan.Zero);
        var after = await store.ListPoliciesAsync(Ct);
        Assert.Equal(before, after);
        // Nor anything its render could have written (a user, a draft, a change, an audit entry, an acceptance, a layout).
        Assert.Equal(rowsBefore, await RowCountsAsync(app.Services));
    }

    private static async Task<int[]> RowCountsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContextAsync(Ct);
        return
        [
            await db.Users.CountAsync(Ct), await db.Policies.CountAsync(Ct), await db.Drafts.CountAsync(Ct), await db.DraftChanges.CountAsync(Ct),
            await db.AuditEntries.CountAsync(Ct), await db.FindingAcceptances.CountAsync(Ct), await db.GraphNodePositions.CountAsync(Ct),
        ];
    }
}
