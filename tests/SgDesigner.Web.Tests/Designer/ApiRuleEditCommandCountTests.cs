using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Data;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// The database commands one single-rule edit sends end to end over HTTP (PUT a rule with an access token): the token
/// and its owner (one query), the endpoint's access check (one), and the draft editor's access check, write batch and
/// stale-approval update (three). Before the one write path (commit 369b268) the same request sent 30.
/// </summary>
public sealed class ApiRuleEditCommandCountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task A_rule_put_over_http_sends_at_most_five_commands_on_sqlite() => CountAsync(new SqliteTestDatabase());

    [Fact]
    public Task A_rule_put_over_http_sends_at_most_five_commands_on_postgres() => CountAsync(new PostgresTestDatabase());

    private static async Task CountAsync(TestDatabase database)
    {
        var counter = new CommandCounter();
        await using var fixture = new CountingApp(database, counter);
        await fixture.InitializeAsync();
        var client = fixture.Client;
        var (draftId, version) = await client.NewDemoDraftAsync();
        var uri = $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules/sgr-000000000000c0a47";
        var counts = new List<int>();
        for (var port = 8080; port < 8085; port++)
        {
            counter.Count = 0;
            using var request = ApiSteps.WithVersion(HttpMethod.Put, uri, version,
                new { direction = "inbound", protocol = "tcp", fromPort = port, toPort = port, cidr = "10.9.0.0/16" });
            var response = await client.SendAsync(request, Ct);
            var body = await response.ReadAsync(response.StatusCode == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK);
            version = body.GetProperty("version").GetInt64();
            counts.Add(counter.Count);
        }
        TestContext.Current.SendDiagnosticMessage($"{database.GetType().Name}: commands per PUT {string.Join(", ", counts)}");
        // The first edit of a draft loads its content once; every later one is served from the version-keyed cache.
        Assert.All(counts.Skip(1), count => Assert.True(count <= 5, $"a single-rule PUT sent {count} commands ({string.Join(", ", counts)})"));
    }

    private sealed class CountingApp(TestDatabase database, CommandCounter counter)
        : AppFixture(database, new Dictionary<string, string?>(), services => services.ConfigureDbContext<SgDbContext>(o => o.AddInterceptors(counter)));

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref Count);
            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Interlocked.Increment(ref Count);
            return result;
        }
    }
}
