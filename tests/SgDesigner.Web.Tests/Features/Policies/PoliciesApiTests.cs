using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SgDesigner.Data.Hosting;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.Policies;

public abstract class PoliciesApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_shows_the_seeded_demo_policy_with_its_first_revision()
    {
        var policies = await _client.AllPagesAsync("/api/policies");

        var demo = policies.Single(p => p.GetProperty("name").GetString() == StorageStartup.DemoPolicyName);
        Assert.True(demo.GetProperty("revisionCount").GetInt32() >= 1);
        Assert.True(demo.TryGetProperty("updatedAt", out _));
    }

    [Fact]
    public async Task A_created_policy_can_be_read_back_at_its_location()
    {
        var name = $"Payments {Guid.NewGuid():N}";

        var response = await _client.PostAsJsonAsync("/api/policies", new { name, description = "PCI scope" }, Token);

        var created = await response.ReadAsync(HttpStatusCode.Created);
        Assert.Equal(1, created.GetProperty("revisionCount").GetInt32());
        var read = await (await _client.GetAsync(response.Headers.Location, Token)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal("PCI scope", read.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_duplicate_name_ignoring_case_is_refused_at_the_name_field()
    {
        var name = $"Shared {Guid.NewGuid():N}";
        await (await _client.PostAsJsonAsync("/api/policies", new { name }, Token)).ReadAsync(HttpStatusCode.Created);

        var response = await _client.PostAsJsonAsync("/api/policies", new { name = name.ToUpperInvariant() }, Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("already exists", problem.ErrorAt("name"), StringComparison.Ordinal);
        var all = await _client.AllPagesAsync("/api/policies");
        Assert.Single(all, p => string.Equals(p.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_policy_without_a_name_is_refused()
    {
        var response = await _client.PostAsJsonAsync("/api/policies", new { description = "nameless" }, Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("name", problem.ErrorAt("name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_answered_with_a_400_problem()
    {
        using var body = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");

        var response = await _client.PostAsync("/api/policies", body, Token);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Renaming_changes_the_name_and_keeps_the_history()
    {
        var id = await _client.NewPolicyAsync();
        var name = $"Renamed {Guid.NewGuid():N}";

        var response = await _client.SendIfMatchAsync(HttpMethod.Put, $"/api/policies/{id}", $"/api/policies/{id}", new { name });

        var renamed = await response.ReadAsync(HttpStatusCode.OK);
        Assert.Equal(name, renamed.GetProperty("name").GetString());
        Assert.Equal("made by a test", renamed.GetProperty("description").GetString());
        Assert.Equal(1, renamed.GetProperty("revisionCount").GetInt32());
    }

    [Fact]
    public async Task Renaming_a_policy_that_does_not_exist_is_a_404_problem()
    {
        var response = await _client.PutAsJsonAsync($"/api/policies/{Guid.NewGuid()}", new { name = "ghost" }, Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("does not exist", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_policy_is_gone_with_its_revisions()
    {
        var id = await _client.NewPolicyAsync();

        var response = await _client.SendIfMatchAsync(HttpMethod.Delete, $"/api/policies/{id}", $"/api/policies/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await _client.GetAsync($"/api/policies/{id}", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/policies/{id}/revisions", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync($"/api/policies/{id}", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class PoliciesApiSqliteTests(SqliteApp fixture) : PoliciesApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class PoliciesApiPostgresTests(PostgresApp fixture) : PoliciesApiTests(fixture), IClassFixture<PostgresApp>;
