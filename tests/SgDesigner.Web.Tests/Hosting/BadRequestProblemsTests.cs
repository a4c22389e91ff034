using System.Net;
using System.Net.Http.Json;
using System.Text;
using SgDesigner.Core.Samples;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>Requests the framework cannot bind answer 400 problems naming the field and the type expected, and store nothing.</summary>
public abstract class BadRequestProblemsTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(JsonElementProblem Problem, Guid DraftId, long Version)> PostRuleAsync(string json)
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        var problem = await (await _client.SendAsync(request, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var (_, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version, now);
        return (new JsonElementProblem(problem), draftId, version);
    }

    [Theory]
    [InlineData("""{"direction":"inbound","protocol":"tcp","fromPort":"abc","cidr":"10.0.0.0/8"}""", "fromPort", "expected a whole number")]
    [InlineData("""{"direction":"inbound","protocol":"tcp","fromPort":22.5,"cidr":"10.0.0.0/8"}""", "fromPort", "expected a whole number")]
    [InlineData("""{"direction":["inbound"],"protocol":"tcp","fromPort":22,"cidr":"10.0.0.0/8"}""", "direction", "expected text")]
    [InlineData("""{"direction":"inbound","protocol":6,"fromPort":22,"cidr":"10.0.0.0/8"}""", "protocol", "expected text (a JSON string), got a number")]
    [InlineData("""[]""", "body", "the body must be a JSON object")]
    [InlineData("""{"direction":"inbound",""", "body", "not valid JSON")]
    [InlineData("""{"direction": inbound}""", "direction", "not valid JSON (line 1")]
    public async Task A_body_that_does_not_bind_names_the_field_and_what_was_expected(string json, string field, string message)
    {
        var (problem, _, _) = await PostRuleAsync(json);

        Assert.Contains(message, problem.Value.ErrorAt(field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_string_where_a_list_is_expected_names_the_path_what_was_expected_and_what_came()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/drafts/{draftId}/vpcs/vpc-0000000000000new1")
        {
            Content = new StringContent("""{"name":"new","cidrs":"10.9.0.0/16"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");

        var problem = await (await _client.SendAsync(request, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("expected a JSON array, got a string", problem.ErrorAt("cidrs"), StringComparison.Ordinal);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task A_query_value_that_does_not_parse_names_the_parameter()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await _client.DeleteAsync($"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules/sgr-0a1b0000000000011?version=abc", Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("expected a whole number, got 'abc'", problem.ErrorAt("version"), StringComparison.Ordinal);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task An_unknown_enum_value_lists_the_values_allowed()
    {
        var response = await _client.PostAsJsonAsync("/api/account/tokens", new { name = "ci", scope = "admin" }, Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("one of: read, write", problem.ErrorAt("scope"), StringComparison.Ordinal);
    }

    /// <summary>A problem document (wrapped so that a theory's tuple stays readable).</summary>
    public sealed record JsonElementProblem(System.Text.Json.JsonElement Value);
}

public sealed class BadRequestProblemsSqliteTests(SqliteApp fixture) : BadRequestProblemsTests(fixture), IClassFixture<SqliteApp>;
