using System.Net;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Settings;

public abstract class QuotasApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PutAsync(Guid draftId, long version, object quotas)
    {
        using var request = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/quotas", version, quotas);
        return await _client.SendAsync(request, Token);
    }

    private async Task AssertNothingStoredAsync(Guid draftId, long version)
    {
        var (estate, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version, now);
        Assert.Equal(60, estate.GetProperty("quotas").GetProperty("rulesPerDirection").GetInt32());
        Assert.Equal(5, estate.GetProperty("quotas").GetProperty("groupsPerEni").GetInt32());
    }

    [Fact]
    public async Task Raised_quotas_within_AWSs_bounds_are_stored_in_the_draft()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var edit = await (await PutAsync(draftId, version, new { rulesPerDirection = 100, groupsPerEni = 10 })).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(version + 1, edit.GetProperty("version").GetInt64());
        Assert.Equal(100, edit.GetProperty("item").GetProperty("rulesPerDirection").GetInt32());
        var (estate, _) = await _client.DraftAsync(draftId);
        Assert.Equal(10, estate.GetProperty("quotas").GetProperty("groupsPerEni").GetInt32());
    }

    [Theory]
    [InlineData(60, 17, "quotas.groupsPerEni", "at most 16")]
    [InlineData(1001, 1, "quotas.rulesPerDirection", "at most 1000")]
    [InlineData(100, 11, "quotas.groupsPerEni", "AWS allows at most 1000")]
    [InlineData(0, 5, "quotas.rulesPerDirection", "at least 1")]
    public async Task Quotas_outside_AWSs_bounds_are_refused_naming_the_field_and_nothing_is_stored(int rules, int groups, string field, string message)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var problem = await (await PutAsync(draftId, version, new { rulesPerDirection = rules, groupsPerEni = groups })).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(message, problem.ErrorAt(field), StringComparison.Ordinal);
        await AssertNothingStoredAsync(draftId, version);
    }

    [Fact]
    public async Task A_quota_below_what_a_group_already_holds_is_refused()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var problem = await (await PutAsync(draftId, version, new { rulesPerDirection = 1 })).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("exceed the quota of 1 per group", problem.ErrorAt(".rules"), StringComparison.Ordinal);
        await AssertNothingStoredAsync(draftId, version);
    }
}

public sealed class QuotasApiSqliteTests(SqliteApp fixture) : QuotasApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class QuotasApiPostgresTests(PostgresApp fixture) : QuotasApiTests(fixture), IClassFixture<PostgresApp>;
