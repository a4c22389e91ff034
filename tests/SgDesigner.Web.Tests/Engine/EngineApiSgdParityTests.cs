using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Web.Tests.Features.Import;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Engine;

/// <summary>
/// The engine API answers what <c>sgd</c> answers: on every real AWS sample imported into a policy, and on the demo,
/// each operation's HTTP answer is the same text as the command's on the same revision exported as a policy document.
/// </summary>
public sealed class EngineApiSgdParityTests(SqliteApp fixture) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly HttpClient _client = fixture.Client;
    private readonly SgdOnExports _sgd = new(fixture.Client);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Every AWS sample set, and the demo policy.</summary>
    public static TheoryData<string> Policies()
    {
        var sets = new TheoryData<string>(AwsSampleFiles.Sets.Select(row => row.Data));
        sets.Add("demo");
        return sets;
    }

    private async Task<Guid> PolicyAsync(string set) => set == "demo" ? await _client.DemoPolicyIdAsync() : await _sgd.ImportAsync(set);

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Matrix_lint_reach_and_check_of_a_revision_equal_sgd_on_its_exported_document(string set)
    {
        var policyId = await PolicyAsync(set);
        var document = await _sgd.ExportAsync(policyId);
        var at = $"/api/policies/{policyId}/revisions/latest";

        var matrix = await _sgd.GetTextAsync($"{at}/matrix");
        Assert.Equal(SgdOnExports.Run("matrix", document).Stdout, matrix);
        Assert.Equal(SgdOnExports.Run("matrix", document, "--format", "csv").Stdout, await _sgd.GetTextAsync($"{at}/matrix?format=csv"));
        Assert.Equal(SgdOnExports.Run("lint", document, "--json").Stdout, await _sgd.GetTextAsync($"{at}/lint"));
        Assert.Equal(SgdOnExports.Run("lint", document, "--json", "--fail-on", "info").Stdout, await _sgd.GetTextAsync($"{at}/lint?failOn=info"));

        var queries = Queries(SgdOnExports.EnisOf(matrix));
        foreach (var q in queries)
        {
            var args = new List<string> { "reach", document, "--from", q.From, "--to", q.To, "--protocol", q.Protocol, "--json" };
            var query = $"from={Uri.EscapeDataString(q.From)}&to={Uri.EscapeDataString(q.To)}&protocol={q.Protocol}";
            if (q.Port is { } port)
            {
                args.AddRange(["--port", $"{port}"]);
                query += $"&port={port}";
            }
            if (q.IcmpType is { } type)
            {
                args.AddRange(["--icmp-type", $"{type}", "--icmp-code", $"{q.IcmpCode}"]);
                query += $"&icmpType={type}&icmpCode={q.IcmpCode}";
            }
            var expected = SgdOnExports.Run([.. args]);
            Assert.True(expected.ExitCode == 0, expected.Stderr);
            Assert.Equal(expected.Stdout, await _sgd.GetTextAsync($"{at}/reach?{query}"));
            Assert.Equal(expected.Stdout, await _sgd.PostTextAsync($"{at}/reach", JsonSerializer.Serialize(q, JsonOptions), "application/json"));
        }

        // A batch with a line that cannot be answered: sgd prints its error in place and goes on.
        var lines = string.Join("\n", queries.Select(q => JsonSerializer.Serialize(q, JsonOptions)).Append("{\"from\": \"nowhere-at-all\", \"to\": \"10.0.0.1\", \"protocol\": \"tcp\", \"port\": 22}")) + "\n";
        var batch = SgdOnExports.Run("reach", document, "--batch", _sgd.Write($"batch-{Guid.NewGuid():N}.jsonl", lines));
        Assert.Equal(2, batch.ExitCode);
        Assert.Equal(batch.Stdout, await _sgd.PostTextAsync($"{at}/reach/batch", lines, "application/x-ndjson", accept: "application/x-ndjson"));

        var assertions = string.Join("\n", queries.Select((q, i) => JsonSerializer.Serialize(new
        {
            q.From, q.To, q.Protocol, q.Port, q.IcmpType, q.IcmpCode, expect = i % 2 == 0 ? "allow" : "deny", name = $"flow {i}",
        }, JsonOptions))) + "\n";
        var check = SgdOnExports.Run("check", document, "--assertions", _sgd.Write($"assertions-{Guid.NewGuid():N}.jsonl", assertions), "--json");
        Assert.True(check.ExitCode is 0 or 1, check.Stderr);
        Assert.Equal(check.Stdout, await _sgd.PostTextAsync($"{at}/check", assertions, "text/plain"));
        Assert.Equal(check.Stdout, await _sgd.PostTextAsync($"{at}/check", JsonSerializer.Serialize(new { assertions }), "application/json"));
    }

    [Theory]
    [InlineData("batfish-test-subnet")]
    [InlineData("cloudmapper-demo")]
    [InlineData("demo")]
    public async Task The_diff_of_a_draft_and_of_the_revisions_it_becomes_equals_sgd_diff_of_the_exported_documents(string set)
    {
        var policyId = set == "demo" ? await DemoCopyAsync() : await _sgd.ImportAsync(set);
        var draftId = (await (await _client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "open 22, drop a rule" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var (estate, version) = await _client.DraftAsync(draftId);
        var groups = estate.GetProperty("groups").EnumerateArray().Where(g => g.GetProperty("rules").GetArrayLength() > 0).ToList();
        var dropped = groups[0];
        using (var delete = ApiSteps.WithVersion(HttpMethod.Delete,
            $"/api/drafts/{draftId}/groups/{dropped.GetProperty("id").GetString()}/rules/{dropped.GetProperty("rules")[0].GetProperty("id").GetString()}", version))
            Assert.True((await _client.SendAsync(delete, Token)).IsSuccessStatusCode);
        (_, version) = await _client.DraftAsync(draftId);
        var opened = groups[^1].GetProperty("id").GetString();
        using (var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{opened}/rules", version,
            new { direction = "ingress", protocol = "tcp", fromPort = 22, toPort = 22, cidr = "0.0.0.0/0", description = "ssh from anywhere" }))
            await (await _client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created);

        var draftDiff = await _sgd.GetTextAsync($"/api/drafts/{draftId}/diff");
        var before = await _sgd.ExportAsync(policyId, 1);
        await (await _client.PublishAsync(draftId, new { message = "open 22, drop a rule" })).ReadAsync(HttpStatusCode.Created);
        var after = await _sgd.ExportAsync(policyId, 2);

        var expected = SgdOnExports.Run("diff", before, after, "--json");
        Assert.True(expected.ExitCode == 0, expected.Stderr);
        Assert.Contains("\"added\": [\n", expected.Stdout, StringComparison.Ordinal);
        Assert.Equal(expected.Stdout, draftDiff);
        Assert.Equal(expected.Stdout, await _sgd.GetTextAsync($"/api/policies/{policyId}/revisions/1/diff/2"));
        Assert.Equal(expected.Stdout, await _sgd.GetTextAsync($"/api/policies/{policyId}/revisions/1/diff/latest"));
        Assert.Equal(expected.Stdout, await _sgd.GetTextAsync($"/api/policies/{policyId}/revisions/2/diff"));
        Assert.Equal(expected.Stdout, await _sgd.GetTextAsync($"/api/policies/{policyId}/revisions/latest/diff?against=1"));
        Assert.Equal(SgdOnExports.Run("diff", after, before, "--json").Stdout, await _sgd.GetTextAsync($"/api/policies/{policyId}/revisions/2/diff/1"));
    }

    [Fact]
    public async Task A_draft_answers_reach_matrix_lint_and_check_on_its_own_content()
    {
        var policyId = await DemoCopyAsync();
        var draftId = (await (await _client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "ssh" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var (estate, version) = await _client.DraftAsync(draftId);
        var group = estate.GetProperty("groups")[0].GetProperty("id").GetString();
        using (var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{group}/rules", version,
            new { direction = "ingress", protocol = "tcp", fromPort = 22, toPort = 22, cidr = "0.0.0.0/0" }))
            await (await _client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created);
        await (await _client.PublishAsync(draftId, new { message = "ssh" })).ReadAsync(HttpStatusCode.Created);
        // The draft is now revision 2: its answers are that revision's.
        var document = await _sgd.ExportAsync(policyId, 2);

        var matrix = await _sgd.GetTextAsync($"/api/drafts/{draftId}/matrix");
        Assert.Equal(SgdOnExports.Run("matrix", document).Stdout, matrix);
        Assert.Equal(SgdOnExports.Run("lint", document, "--json").Stdout, await _sgd.GetTextAsync($"/api/drafts/{draftId}/lint"));
        var q = Queries(SgdOnExports.EnisOf(matrix))[0];
        Assert.Equal(SgdOnExports.Run("reach", document, "--from", q.From, "--to", q.To, "--protocol", "tcp", "--port", "22", "--json").Stdout,
            await _sgd.GetTextAsync($"/api/drafts/{draftId}/reach?from={q.From}&to={q.To}&protocol=tcp&port=22"));
        var assertion = $"{{\"from\": \"203.0.113.9\", \"to\": \"{q.To}\", \"protocol\": \"tcp\", \"port\": 22, \"expect\": \"deny\"}}\n";
        var check = SgdOnExports.Run("check", document, "--assertions", _sgd.Write($"a-{Guid.NewGuid():N}.jsonl", assertion), "--json");
        Assert.Equal(check.Stdout, await _sgd.PostTextAsync($"/api/drafts/{draftId}/check", assertion, "application/x-ndjson"));
    }

    [Fact]
    public async Task Lint_carries_the_policy_s_accepted_findings_and_check_with_no_body_checks_the_policy_s_own_assertions_as_sgd_does()
    {
        // A sample with findings (the demo has none).
        var policyId = await _sgd.ImportAsync("cloudmapper-demo");
        var at = $"/api/policies/{policyId}/revisions/latest";
        var finding = JsonDocument.Parse(await _sgd.GetTextAsync($"{at}/lint")).RootElement.GetProperty("findings")
            .EnumerateArray().First();
        await (await _client.PostAsJsonAsync($"/api/policies/{policyId}/findings/acceptances", new
        {
            check = finding.GetProperty("id").GetString(), groupId = finding.GetProperty("group").GetString(),
            ruleId = finding.GetProperty("rule").GetString(), eniId = finding.GetProperty("eni").GetString(), reason = "the team lives with it",
        }, Token)).ReadAsync(HttpStatusCode.Created);
        var enis = SgdOnExports.EnisOf(await _sgd.GetTextAsync($"{at}/matrix"));
        var assertions = $"{{\"from\": \"{enis[0]}\", \"to\": \"{enis[1]}\", \"protocol\": \"tcp\", \"port\": 443, \"expect\": \"allow\", \"name\": \"web\"}}\n" +
            $"{{\"from\": \"203.0.113.9\", \"to\": \"{enis[1]}\", \"protocol\": \"tcp\", \"port\": 22, \"expect\": \"deny\"}}\n";
        await (await _client.SendIfMatchAsync(HttpMethod.Put, $"/api/policies/{policyId}/settings", $"/api/policies/{policyId}/settings", new { assertions })).ReadAsync(HttpStatusCode.OK);
        var document = await _sgd.ExportAsync(policyId);

        var lint = await _sgd.GetTextAsync($"{at}/lint");
        Assert.Equal(SgdOnExports.Run("lint", document, "--json").Stdout, lint);
        Assert.Contains("\"reason\": \"the team lives with it\"", lint, StringComparison.Ordinal);
        var check = SgdOnExports.Run("check", document, "--assertions", _sgd.Write($"own-{Guid.NewGuid():N}.jsonl", assertions), "--json");
        Assert.Equal(check.Stdout, await _sgd.PostTextAsync($"{at}/check", "", "application/json"));
        Assert.Equal(check.Stdout, await _sgd.PostTextAsync($"{at}/check", "{}", "application/json"));
    }

    // A copy of the demo estate in a policy of its own, so that publishing leaves the seeded demo as it is.
    private async Task<Guid> DemoCopyAsync()
    {
        var demo = await _client.DemoPolicyIdAsync();
        var document = await _sgd.ExportAsync(demo);
        using var form = ImportApiTests.Form([("demo.policy.json", File.ReadAllText(document))], ("name", $"demo copy {Guid.NewGuid():N}"));
        var response = await _client.PostAsync("/api/policies/import", form, Token);
        return (await response.ReadAsync(HttpStatusCode.Created)).GetProperty("policy").GetProperty("id").GetGuid();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A flow to ask about, as a batch line has it.</summary>
    public sealed record Flow(string From, string To, string Protocol, int? Port = null, int? IcmpType = null, int? IcmpCode = null);

    // Between ENIs both ways, from the estate to the internet and back, and ICMP: allowed and denied answers alike.
    private static List<Flow> Queries(IReadOnlyList<string> enis)
    {
        var a = enis.Count > 0 ? enis[0] : "10.0.0.10";
        var b = enis.Count > 1 ? enis[1] : "10.0.0.11";
        var c = enis.Count > 2 ? enis[^1] : b;
        return
        [
            new(a, b, "tcp", 22), new(b, a, "tcp", 443), new(a, c, "tcp", 5432), new(a, "203.0.113.9", "udp", 53),
            new("198.51.100.7", c, "tcp", 443), new(b, c, "icmp", IcmpType: 8, IcmpCode: 0), new(c, a, "50"),
        ];
    }

    /// <inheritdoc />
    public void Dispose() => _sgd.Dispose();
}
