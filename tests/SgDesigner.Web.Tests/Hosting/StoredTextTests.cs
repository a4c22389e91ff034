using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>
/// Text PostgreSQL refuses (NUL) or that outgrows its column is refused the same way on both providers: 400 naming the
/// field, nothing stored, never a 500.
/// </summary>
public abstract class StoredTextTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<int> PolicyCountAsync() =>
        (await _client.AllPagesAsync("/api/policies")).Count;

    [Theory]
    [InlineData("name", "web\u0000tier", "U+0000")]
    [InlineData("name", "tab\u0007bell", "U+0007")]
    [InlineData("description", "line one\u0000", "U+0000")]
    [InlineData("description", "", "the limit is 2,000")]
    public async Task A_policy_with_text_a_database_cannot_keep_is_refused_naming_the_field(string field, string value, string message)
    {
        var before = await PolicyCountAsync();
        var text = value.Length == 0 ? new string('d', 2001) : value;
        var body = field == "name"
            ? new Dictionary<string, string> { ["name"] = $"{text} {Guid.NewGuid():N}" }
            : new Dictionary<string, string> { ["name"] = $"policy {Guid.NewGuid():N}", ["description"] = text };

        var problem = await (await _client.PostAsJsonAsync("/api/policies", body, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(message, problem.ErrorAt(field), StringComparison.Ordinal);
        Assert.Equal(before, await PolicyCountAsync());
    }

    [Fact]
    public async Task A_rename_with_a_nul_is_refused_and_the_name_is_kept()
    {
        var policyId = await _client.NewPolicyAsync();
        var before = (await _client.GetFromJsonAsync<JsonElement>($"/api/policies/{policyId}", Token)).GetProperty("name").GetString();

        var problem = await (await _client.SendIfMatchAsync(HttpMethod.Put, $"/api/policies/{policyId}", $"/api/policies/{policyId}", new { name = "re\u0000named" })).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("U+0000", problem.ErrorAt("name"), StringComparison.Ordinal);
        Assert.Equal(before, (await _client.GetFromJsonAsync<JsonElement>($"/api/policies/{policyId}", Token)).GetProperty("name").GetString());
    }
}

public sealed class StoredTextSqliteTests(SqliteApp fixture) : StoredTextTests(fixture), IClassFixture<SqliteApp>;

public sealed class StoredTextPostgresTests(PostgresApp fixture) : StoredTextTests(fixture), IClassFixture<PostgresApp>;
