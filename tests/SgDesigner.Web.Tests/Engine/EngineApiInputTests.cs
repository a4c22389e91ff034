using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Engine;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Engine;

/// <summary>The engine API's refusals (404, 400, 413, 401/403), its streaming, and its answers' documented shapes.</summary>
public sealed class EngineApiInputTests(SqliteApp fixture) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly HttpClient _client = fixture.Client;
    private readonly SgdOnExports _sgd = new(fixture.Client);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_revision_or_draft_is_a_404_problem_naming_it()
    {
        var id = await _client.DemoPolicyIdAsync();
        var draft = Guid.NewGuid();

        var number = await (await _client.GetAsync($"/api/policies/{id}/revisions/99/matrix", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        var word = await (await _client.GetAsync($"/api/policies/{id}/revisions/newest/lint", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        var missingDraft = await (await _client.GetAsync($"/api/drafts/{draft}/reach?from=a&to=b&protocol=tcp&port=22", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        var other = await (await _client.GetAsync($"/api/policies/{id}/revisions/1/diff/77", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        var against = await (await _client.GetAsync($"/api/policies/{id}/revisions/1/diff?against=78", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        var policy = await (await _client.PostAsync($"/api/policies/{Guid.NewGuid()}/revisions/1/check", null, Token)).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("no revision 99", number.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no revision 'newest'", word.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains($"draft {draft} does not exist", missingDraft.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no revision 77", other.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no revision 78", against.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not exist", policy.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("protocol=tcp&port=70000", "port", "--port", "70000 is not a port number 0..65535")]
    [InlineData("protocol=tcp", "port", "--port", "is required for tcp")]
    [InlineData("protocol=bogus&port=22", "protocol", "--protocol", "bogus")]
    [InlineData("protocol=icmp&icmpType=300", "icmpType", "--icmp-type", "300 is not an ICMP type 0..255")]
    [InlineData("protocol=udp&port=53&icmpType=8", "icmpType", "--icmp-type", "applies to icmp and icmpv6 only")]
    [InlineData("protocol=all", "protocol", "--protocol", "a query is one connection")]
    public async Task A_bad_reach_query_is_a_400_at_the_parameter_in_sgd_s_words(string query, string field, string flag, string problem)
    {
        var id = await _client.DemoPolicyIdAsync();
        var document = await _sgd.ExportAsync(id);
        var enis = SgdOnExports.EnisOf(await _sgd.GetTextAsync($"/api/policies/{id}/revisions/latest/matrix"));

        var response = await _client.GetAsync($"/api/policies/{id}/revisions/latest/reach?from={enis[0]}&to={enis[1]}&{query}", Token);

        var message = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt(field);
        Assert.Contains(problem, message, StringComparison.Ordinal);
        var args = new List<string> { "reach", document, "--from", enis[0], "--to", enis[1] };
        foreach (var pair in query.Split('&').Select(p => p.Split('=')))
            args.AddRange([pair[0] switch { "icmpType" => "--icmp-type", var name => $"--{name}" }, pair[1]]);
        var sgd = SgdOnExports.Run([.. args]);
        Assert.Equal(2, sgd.ExitCode);
        // The same sentence, naming the parameter as sgd names its flag.
        Assert.StartsWith(field, message, StringComparison.Ordinal);
        Assert.Contains(flag + message[field.Length..], sgd.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_endpoint_a_bad_ip_a_malformed_body_or_option_is_a_400_naming_it()
    {
        var at = $"/api/policies/{await _client.DemoPolicyIdAsync()}/revisions/latest";

        var ip = await (await _client.GetAsync($"{at}/reach?from=10.0.0.999&to=10.0.0.1&protocol=tcp&port=22", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await _client.GetAsync($"{at}/reach?from=i-00000000000000000&to=10.0.0.1&protocol=tcp&port=22", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var notNumber = await (await _client.GetAsync($"{at}/reach?from=a&to=b&protocol=tcp&port=ssh", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var body = await (await _client.PostAsync($"{at}/reach", new StringContent("{\"from\": ", Encoding.UTF8, "application/json"), Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var wrongType = await (await _client.PostAsJsonAsync($"{at}/reach", new { from = 5, to = "b", protocol = "tcp", port = 22 }, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var format = await (await _client.GetAsync($"{at}/matrix?format=xml", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var failOn = await (await _client.GetAsync($"{at}/lint?failOn=2", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var batchFormat = await (await _client.PostAsync($"{at}/reach/batch?format=yaml", new StringContent("[]"), Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var line = await (await _client.PostAsync($"{at}/check", new StringContent("{\"from\": \"a\", \"to\": \"b\", \"protocol\": \"tcp\", \"port\": 22, \"expect\": \"maybe\"}"), Token))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var nowhere = await (await _client.PostAsJsonAsync($"{at}/check", new { assertions = "\n{\"from\": \"nowhere-at-all\", \"to\": \"10.0.0.1\", \"protocol\": \"tcp\", \"port\": 22, \"expect\": \"deny\"}" }, Token))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("10.0.0.999", ip.ErrorAt("from"), StringComparison.Ordinal);
        Assert.Contains("i-00000000000000000", unknown.ErrorAt("from"), StringComparison.Ordinal);
        Assert.Contains("expected a whole number", notNumber.ErrorAt("port"), StringComparison.Ordinal);
        Assert.Contains("not JSON", body.ErrorAt("body"), StringComparison.Ordinal);
        Assert.Contains("expected a string", wrongType.ErrorAt("from"), StringComparison.Ordinal);
        Assert.Contains("'xml' is not a matrix format", format.ErrorAt("format"), StringComparison.Ordinal);
        Assert.Contains("'2' is not a severity", failOn.ErrorAt("failOn"), StringComparison.Ordinal);
        Assert.Contains("'yaml'", batchFormat.ErrorAt("format"), StringComparison.Ordinal);
        Assert.StartsWith("expect: must be \"allow\" or \"deny\"", line.ErrorAt("assertions[line 1]"), StringComparison.Ordinal);
        Assert.Contains("nowhere-at-all", nowhere.ErrorAt("assertions[line 2]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_or_hidden_character_endpoint_is_quoted_short_and_escaped()
    {
        var at = $"/api/policies/{await _client.DemoPolicyIdAsync()}/revisions/latest";
        var from = Uri.EscapeDataString(new string('x', 5_000) + "\u202E");
        var hidden = Uri.EscapeDataString("web\u202Egnp.exe");

        var longOne = await (await _client.GetAsync($"{at}/reach?from={from}&to=10.0.0.1&protocol=tcp&port=22", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var reversed = await (await _client.GetAsync($"{at}/reach?from={hidden}&to=10.0.0.1&protocol=tcp&port=22", Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains($"'{new string('x', 40)}…' is not an instance id", longOne.ErrorAt("from"), StringComparison.Ordinal);
        Assert.True(longOne.ErrorAt("from").Length < 200, "the value is echoed whole");
        Assert.Contains(@"'web\u202egnp.exe' is not an instance id", reversed.ErrorAt("from"), StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', reversed.ErrorAt("from"));
    }

    [Fact]
    public async Task The_policy_s_own_assertions_naming_an_endpoint_the_content_lacks_are_a_422_naming_the_line()
    {
        var policyId = await _sgd.ImportAsync("batfish-test-subnet");
        var assertions = "# stored, but about an estate this policy is not\n{\"from\": \"nowhere-at-all\", \"to\": \"10.0.0.1\", \"protocol\": \"tcp\", \"port\": 22, \"expect\": \"deny\"}\n";
        await (await _client.SendIfMatchAsync(HttpMethod.Put, $"/api/policies/{policyId}/settings", $"/api/policies/{policyId}/settings", new { assertions })).ReadAsync(HttpStatusCode.OK);

        var problem = await (await _client.PostAsync($"/api/policies/{policyId}/revisions/latest/check", null, Token))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("nowhere-at-all", problem.ErrorAt("assertions[line 2]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_api_s_limit_is_a_413()
    {
        var at = $"/api/policies/{await _client.DemoPolicyIdAsync()}/revisions/latest";
        var huge = new string(' ', 11 * 1024 * 1024);

        var check = await _client.PostAsync($"{at}/check", new StringContent(huge, Encoding.UTF8, "text/plain"), Token);
        var batch = await _client.PostAsync($"{at}/reach/batch", new StringContent(huge, Encoding.UTF8, "application/x-ndjson"), Token);

        Assert.Contains("limit", (await check.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge)).ErrorAt("body"), StringComparison.Ordinal);
        await batch.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Viewers_may_ask_everything_non_members_get_403_and_anonymous_callers_401()
    {
        var id = await _client.DemoPolicyIdAsync();
        var viewer = await fixture.NewUserAsync("Vera Viewer", id, PolicyRole.Viewer);
        var outsider = await fixture.NewUserAsync("Otto Outsider");
        var draftId = (await (await _client.PostAsJsonAsync($"/api/policies/{id}/drafts", new { title = "read me" }, Token)).ReadAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var enis = SgdOnExports.EnisOf(await _sgd.GetTextAsync($"/api/policies/{id}/revisions/latest/matrix"));
        var calls = new List<Func<HttpClient, Task<HttpResponseMessage>>>();
        foreach (var at in new[] { $"/api/policies/{id}/revisions/latest", $"/api/drafts/{draftId}" })
        {
            calls.Add(c => c.GetAsync($"{at}/reach?from={enis[0]}&to={enis[1]}&protocol=tcp&port=22", Token));
            calls.Add(c => c.PostAsJsonAsync($"{at}/reach", new { from = enis[0], to = enis[1], protocol = "udp", port = 53 }, Token));
            calls.Add(c => c.PostAsJsonAsync($"{at}/reach/batch", new[] { new { from = enis[0], to = enis[1], protocol = "udp", port = 53 } }, Token));
            calls.Add(c => c.GetAsync($"{at}/matrix", Token));
            calls.Add(c => c.GetAsync($"{at}/lint", Token));
            calls.Add(c => c.PostAsync($"{at}/check", null, Token));
            calls.Add(c => c.GetAsync($"{at}/diff{(at.Contains("revisions", StringComparison.Ordinal) ? "/latest" : "")}", Token));
        }

        foreach (var call in calls)
        {
            await (await call(viewer.Client)).ReadAsync(HttpStatusCode.OK);
            await (await call(outsider.Client)).ReadProblemAsync(HttpStatusCode.Forbidden);
            await (await call(fixture.Anonymous)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Theory]
    [InlineData("", "application/json", "{\n  \"enis\": [")]
    [InlineData("?format=csv", "text/csv", "from,to,protocol,ranges\n")]
    [InlineData("|text/csv", "text/csv", "from,to,protocol,ranges\n")]
    public async Task The_matrix_is_streamed_in_json_or_csv(string query, string mediaType, string start)
    {
        var id = await _client.DemoPolicyIdAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/policies/{id}/revisions/latest/matrix{(query.StartsWith('?') ? query : "")}");
        if (query.StartsWith('|'))
            request.Headers.TryAddWithoutValidation("Accept", query[1..]);

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        // Written as produced: no length is known up front, so the body goes out in chunks.
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.StartsWith(start, text, StringComparison.Ordinal);
        if (mediaType == "application/json")
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("cells").GetArrayLength() > 0);
        else
            Assert.True(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1);
    }

    [Fact]
    public async Task Every_answer_has_the_shape_the_api_documents()
    {
        var id = await _client.DemoPolicyIdAsync();
        var draftId = (await (await _client.PostAsJsonAsync($"/api/policies/{id}/drafts", new { title = "ssh" }, Token)).ReadAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var (estate, version) = await _client.DraftAsync(draftId);
        var group = estate.GetProperty("groups")[0];
        using (var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{group.GetProperty("id").GetString()}/rules", version,
            new { direction = "ingress", protocol = "tcp", fromPort = 22, toPort = 22, cidr = "0.0.0.0/0" }))
            await (await _client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created);
        var at = $"/api/drafts/{draftId}";
        var enis = SgdOnExports.EnisOf(await _sgd.GetTextAsync($"{at}/matrix"));

        Strict<MatrixResponse>(await _sgd.GetTextAsync($"{at}/matrix"));
        Strict<LintResponse>(await _sgd.GetTextAsync($"{at}/lint"));
        Strict<DiffResponse>(await _sgd.GetTextAsync($"{at}/diff"));
        foreach (var (from, port) in new[] { (enis[0], 22), (enis[1], 443), ("203.0.113.9", 22), ("203.0.113.9", 3389) })
            Strict<ReachResponse>(await _sgd.GetTextAsync($"{at}/reach?from={from}&to={enis[0]}&protocol=tcp&port={port}"));
        var batch = Strict<List<ReachBatchItemResponse>>(await _sgd.PostTextAsync($"{at}/reach/batch",
            $"[{{\"from\": \"{enis[0]}\", \"to\": \"{enis[1]}\", \"protocol\": \"icmp\", \"icmpType\": 8}}, {{\"from\": \"nowhere\"}}]", "application/json"));
        var check = Strict<CheckResponse>(await _sgd.PostTextAsync($"{at}/check",
            $"[{{\"from\": \"203.0.113.9\", \"to\": \"{enis[0]}\", \"protocol\": \"tcp\", \"port\": 22, \"expect\": \"deny\", \"name\": \"no ssh\"}}]", "application/json"));

        Assert.Equal(2, batch.Count);
        Assert.NotNull(batch[0].Allowed);
        Assert.StartsWith("queries[1]: ", batch[1].Error, StringComparison.Ordinal);
        Assert.Equal("no ssh", check.Results[0].Name);
    }

    [Fact]
    public async Task The_openapi_document_describes_each_engine_operation_with_its_answer_and_problems()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Token);

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Operation: o.Value)))
            .Where(o => o.Operation.TryGetProperty("tags", out var tags) && tags.EnumerateArray().Any(t => t.GetString() == EngineApi.Tag))
            .ToList();

        // sgd's five engine commands on a revision and a draft (reach twice, batch), and sgd impact's plan-impact.
        Assert.Equal(16, operations.Count);
        Assert.Equal(16, operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Distinct().Count());
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("summary").GetString()), o.Path);
            Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("description").GetString()), o.Path);
            var responses = o.Operation.GetProperty("responses");
            foreach (var status in new[] { "200", "400", "401", "403", "404" })
                Assert.True(responses.TryGetProperty(status, out _), $"{o.Path} does not document {status}");
        });
        var matrix = operations.Single(o => o.Operation.GetProperty("operationId").GetString() == "GetRevisionMatrix").Operation;
        var content = matrix.GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
        Assert.True(content.TryGetProperty("text/csv", out _));
    }

    // Reads an answer into its documented type, refusing any field the type does not declare.
    private static T Strict<T>(string json) => JsonSerializer.Deserialize<T>(json, StrictOptions)!;

    private static readonly JsonSerializerOptions StrictOptions = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <inheritdoc />
    public void Dispose() => _sgd.Dispose();
}
