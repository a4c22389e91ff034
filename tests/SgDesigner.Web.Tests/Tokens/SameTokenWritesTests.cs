using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Tokens;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Tokens;

/// <summary>
/// Creating and revoking a personal access token the tokens page's way (<see cref="TokenIssuer"/> with the circuit's
/// caller) and over the HTTP API leave the same audit rows (and, both, no live-update event: no other page shows them).
/// </summary>
public abstract class SameTokenWritesTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_tokens_page_and_the_api_leave_the_same_audit_rows()
    {
        var page = await ThroughThePageAsync();
        var api = await ThroughTheApiAsync();

        Assert.Equal(2, page.Count);
        WriteTrace.AssertSame(page, api);
        Assert.Equal(["token.created", "token.revoked"], page.Select(r => r.Audit.Single().Action));
        Assert.All(page, r => Assert.Empty(r.Events));
    }

    private async Task<List<WriteRecord>> ThroughThePageAsync()
    {
        var labels = new Dictionary<string, string> { ["ci by the page"] = "the name" };
        var issuer = fixture.App.Services.GetRequiredService<TokenIssuer>();
        var me = WriteTrace.PageCaller(fixture.Admin, isAdministrator: true);
        var trace = new WriteTrace(fixture, labels);
        var tokenId = Guid.Empty;
        var created = await trace.RecordAsync(async () =>
        {
            var done = await issuer.CreateAsync(me, "ci by the page", TokenScope.Read, null, null, Token);
            Assert.True(done.IsOk, done.ToString());
            (tokenId, labels[done.Value.Info.Prefix]) = (done.Value.Info.Id, "the prefix");
        });
        var revoked = await trace.RecordAsync(async () => Assert.True((await issuer.RevokeAsync(me, tokenId, Token)).IsOk));
        return [created, revoked];
    }

    private async Task<List<WriteRecord>> ThroughTheApiAsync()
    {
        var labels = new Dictionary<string, string> { ["ci by the api"] = "the name" };
        var trace = new WriteTrace(fixture, labels);
        var tokenId = Guid.Empty;
        var created = await trace.RecordAsync(async () =>
        {
            var answer = await (await fixture.Client.PostAsJsonAsync("/api/account/tokens", new { name = "ci by the api", scope = "read" }, Token))
                .ReadAsync(HttpStatusCode.Created);
            var info = answer.GetProperty("info");
            (tokenId, labels[info.GetProperty("prefix").GetString()!]) = (info.GetProperty("id").GetGuid(), "the prefix");
        });
        var revoked = await trace.RecordAsync(async () =>
            await (await fixture.Client.DeleteAsync($"/api/account/tokens/{tokenId}", Token)).ReadAsync(HttpStatusCode.OK));
        return [created, revoked];
    }
}

public sealed class SameTokenWritesSqliteTests(SqliteApp fixture) : SameTokenWritesTests(fixture), IClassFixture<SqliteApp>;

public sealed class SameTokenWritesPostgresTests(PostgresApp fixture) : SameTokenWritesTests(fixture), IClassFixture<PostgresApp>;
