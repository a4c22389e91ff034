using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Data.Hosting;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>Steps the API tests share, each a real HTTP call, with the checks that make a failure readable.</summary>
public static class ApiSteps
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The id of the demo policy seeded at start-up.</summary>
    public static async Task<Guid> DemoPolicyIdAsync(this HttpClient client)
    {
        var policies = await client.AllPagesAsync("/api/policies");
        return policies.Single(p => p.GetProperty("name").GetString() == StorageStartup.DemoPolicyName)
            .GetProperty("id").GetGuid();
    }

    /// <summary>Every item of a list that pages, in its order: page after page (500 at a time) by each page's <c>next</c>.</summary>
    public static async Task<List<JsonElement>> AllPagesAsync(this HttpClient client, string url)
    {
        var items = new List<JsonElement>();
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? next = null;
        do
        {
            var page = await (await client.GetAsync($"{url}{separator}limit=500{(next is null ? "" : "&cursor=" + next)}", Token)).ReadAsync(HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);
        return items;
    }

    /// <summary>Creates a policy with a unique name and returns its id.</summary>
    public static async Task<Guid> NewPolicyAsync(this HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/policies", new { name = $"policy {Guid.NewGuid():N}", description = "made by a test" }, Token);
        return (await response.ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>Opens a draft of the demo policy and returns its id and version.</summary>
    public static async Task<(Guid Id, long Version)> NewDemoDraftAsync(this HttpClient client)
    {
        var policyId = await client.DemoPolicyIdAsync();
        var response = await client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "test change" }, Token);
        var draft = await response.ReadAsync(HttpStatusCode.Created);
        return (draft.GetProperty("id").GetGuid(), draft.GetProperty("version").GetInt64());
    }

    /// <summary>A draft's content and version.</summary>
    public static async Task<(JsonElement Estate, long Version)> DraftAsync(this HttpClient client, Guid draftId)
    {
        var draft = await (await client.GetAsync($"/api/drafts/{draftId}", Token)).ReadAsync(HttpStatusCode.OK);
        return (draft.GetProperty("estate"), draft.GetProperty("draft").GetProperty("version").GetInt64());
    }

    /// <summary>The group with <paramref name="groupId"/> in an estate document.</summary>
    public static JsonElement Group(this JsonElement estate, string groupId) =>
        estate.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("id").GetString() == groupId);

    /// <summary>Checks the status (showing the body when it differs) and returns the JSON body.</summary>
    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} {expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Checks that the response is an RFC 7807 problem with <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await response.ReadAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The messages of a validation problem at the field whose path ends with <paramref name="pathEnd"/>.</summary>
    public static string ErrorAt(this JsonElement problem, string pathEnd)
    {
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        var match = errors.FirstOrDefault(e => e.Name.EndsWith(pathEnd, StringComparison.Ordinal));
        Assert.True(match.Value.ValueKind == JsonValueKind.Array,
            $"no error at a path ending with '{pathEnd}'; errors: {string.Join("; ", errors.Select(e => $"{e.Name}: {e.Value}"))}");
        return string.Join(" ", match.Value.EnumerateArray().Select(m => m.GetString()));
    }

    /// <summary>A JSON request with an If-Match header holding <paramref name="version"/>.</summary>
    public static HttpRequestMessage WithVersion(HttpMethod method, string uri, long version, object? body = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return request;
    }

    /// <summary>The <c>ETag</c> of <paramref name="uri"/> as <paramref name="client"/> reads it (checked to be there).</summary>
    public static async Task<string> ETagOfAsync(this HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri, Token);
        await response.ReadAsync(HttpStatusCode.OK);
        return response.Headers.ETag?.Tag ?? throw new InvalidOperationException($"GET {uri} sent no ETag");
    }

    /// <summary>
    /// A conditional write: reads the <c>ETag</c> of <paramref name="versionOf"/> and sends <paramref name="method"/>
    /// <paramref name="uri"/> with it as <c>If-Match</c> (and <paramref name="body"/> as JSON).
    /// </summary>
    public static async Task<HttpResponseMessage> SendIfMatchAsync(this HttpClient client, HttpMethod method, string uri, string versionOf, object? body = null)
    {
        var etag = await client.ETagOfAsync(versionOf);
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request, Token);
    }

    /// <summary>Publishes a draft as it stands now (reading its version first).</summary>
    public static Task<HttpResponseMessage> PublishAsync(this HttpClient client, Guid draftId, object body) =>
        client.SendIfMatchAsync(HttpMethod.Post, $"/api/drafts/{draftId}/publish", $"/api/drafts/{draftId}", body);

    /// <summary>Sends a verdict, a merge or a resolution to a change request at its draft's current version.</summary>
    public static Task<HttpResponseMessage> RequestActionAsync(this HttpClient client, Guid requestId, string action, object body) =>
        client.SendIfMatchAsync(HttpMethod.Post, $"/api/requests/{requestId}/{action}", $"/api/requests/{requestId}", body);
}
