using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Data.Hosting;
using SgDesigner.Web.Hosting;

namespace SgDesigner.Web.Tests.Hosting;

public sealed class HostingTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void The_app_listens_on_the_loopback_address_over_real_http()
    {
        var address = fixture.App.BaseAddress;

        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);
    }

    [Fact]
    public async Task Health_reports_the_database_as_reachable()
    {
        var response = await _client.GetAsync(HealthEndpoints.Route, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_is_served_at_the_framework_default_route()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Token);

        Assert.Equal("SgDesigner API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.TryGetProperty("paths", out _));
    }

    [Fact]
    public async Task The_openapi_document_describes_every_feature_of_the_api()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Token);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/policies", paths);
        Assert.Contains("/api/policies/{policyId}/revisions/{number}", paths);
        Assert.Contains("/api/drafts/{draftId}/publish", paths);
        Assert.Contains("/api/drafts/{draftId}/groups/{groupId}/rules/{ruleId}", paths);
        Assert.Contains("/api/drafts/{draftId}/network-interfaces/{eniId}", paths);
        Assert.Contains("/api/drafts/{draftId}/prefix-lists/{prefixListId}", paths);
        var createRule = document.GetProperty("paths").GetProperty("/api/drafts/{draftId}/groups/{groupId}/rules").GetProperty("post");
        Assert.Equal("CreateRule", createRule.GetProperty("operationId").GetString());
        Assert.True(createRule.GetProperty("responses").TryGetProperty("400", out _));
    }

    [Fact]
    public async Task The_openapi_document_types_numbers_as_numbers_only_as_the_api_reads_them()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Token);

        var fromPort = document.GetProperty("components").GetProperty("schemas").GetProperty("RuleRequest").GetProperty("properties").GetProperty("fromPort");
        Assert.Contains("integer", fromPort.GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.Empty(NumbersAlsoTypedAsText(document));
    }

    // Every schema whose type list has both a number type and "string" (the web defaults' "integer | string" with a pattern).
    private static IEnumerable<string> NumbersAlsoTypedAsText(JsonElement element, string path = "$")
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
                if (types.Contains("string") && (types.Contains("integer") || types.Contains("number")))
                    yield return path;
            }
            foreach (var property in element.EnumerateObject())
                foreach (var found in NumbersAlsoTypedAsText(property.Value, $"{path}.{property.Name}"))
                    yield return found;
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var (item, i) in element.EnumerateArray().Select((item, i) => (item, i)))
                foreach (var found in NumbersAlsoTypedAsText(item, $"{path}[{i}]"))
                    yield return found;
        }
    }

    [Fact]
    public async Task The_api_reference_ui_is_served_at_scalar()
    {
        var html = await _client.GetStringAsync("/scalar/", Token);

        Assert.Contains("SgDesigner API", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_route_answers_with_a_problem_document_not_a_page()
    {
        var response = await _client.GetAsync("/api/no-such-thing", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_request_body_over_ten_megabytes_is_refused_with_413_and_a_message()
    {
        using var body = new ByteArrayContent(new byte[ApiErrorHandling.MaxRequestBodyBytes + 1]);
        body.Headers.ContentType = new("application/json");

        var response = await _client.PostAsync("/api/policies", body, Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains("10 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_request_body_over_ten_megabytes_is_cut_off_with_413()
    {
        // No Content-Length: the limit bites while the body is read.
        using var body = new StreamContent(new MemoryStream(new byte[ApiErrorHandling.MaxRequestBodyBytes + 1024]));
        body.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/policies") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Pages_load_mudblazor_and_no_external_fonts()
    {
        var html = await PageAsync("/");

        Assert.Contains("_content/MudBlazor/MudBlazor.min", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.googleapis.com", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_page_lists_the_seeded_demo_policy()
    {
        var html = await PageAsync("/");

        Assert.Contains(WebUtility.HtmlEncode(StorageStartup.DemoPolicyName), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_page_shows_the_groups_of_its_newest_revision()
    {
        var id = await _client.DemoPolicyIdAsync();

        var html = await PageAsync($"/policies/{id}");

        Assert.Contains("demo-web", html, StringComparison.Ordinal);
        Assert.Contains("demo-bastion", html, StringComparison.Ordinal);
    }

    // Pages take the session cookie only (an access token is for the API), so a page is read as a signed-in browser.
    private async Task<string> PageAsync(string path)
    {
        using var browser = await fixture.SignedInBrowserAsync(fixture.Admin);
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Token);
    }
}
