using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Core.Samples;
using SgDesigner.E2E.Tests.Nodes;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// What the load benchmark loads: the first user (an administrator, the demo policy's owner) signed up through the
/// form, a write token of theirs, and <see cref="Policies"/> policies of theirs besides the demo, so the policy list's
/// first page is full. The load's requests carry the token, as a script would.
/// </summary>
public sealed class LoadTenant
{
    /// <summary>Policies created besides the demo: the list's default page is 50.</summary>
    public const int Policies = 60;

    private LoadTenant(string token, Guid demoPolicyId)
    {
        Token = token;
        DemoPolicyId = demoPolicyId;
    }

    /// <summary>The personal access token (write scope).</summary>
    public string Token { get; }

    /// <summary>The demo policy, whose drafts the rule writes edit.</summary>
    public Guid DemoPolicyId { get; }

    /// <summary>Signs up the administrator on <paramref name="node"/>, creates their token and policies.</summary>
    public static async Task<LoadTenant> CreateAsync(Uri node, CancellationToken ct)
    {
        using var signedIn = await FormAccounts.SignUpAsync(node, new CookieContainer(), $"lee.{Guid.NewGuid():N}@example.test", "Lee Load", "/account/sign-up", ct);
        var created = await (await signedIn.PostAsJsonAsync("/api/account/tokens", new { name = "load benchmark", scope = "write" }, ct)).ReadAsync(HttpStatusCode.Created);
        var tenant = new LoadTenant(created.GetProperty("token").GetString()!, await signedIn.DemoPolicyIdAsync());
        using var client = tenant.Client(node);
        for (var i = 0; i < Policies; i++)
            await (await client.PostAsJsonAsync("/api/policies", new { name = $"load policy {i:000}", description = "made by the load benchmark" }, ct)).ReadAsync(HttpStatusCode.Created);
        return tenant;
    }

    /// <summary>A client sending the token to <paramref name="baseAddress"/>, with as many connections as its workers want.</summary>
    public HttpClient Client(Uri baseAddress)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(30) }) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>A step reading the first page of the policy list.</summary>
    public static LoadStep PolicyList(HttpClient client) => async ct =>
    {
        using var response = await client.GetAsync("/api/policies", ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode;
    };

    /// <summary>A step reading a draft (its content and version).</summary>
    public static LoadStep DraftRead(HttpClient client, Guid draftId) => async ct =>
    {
        using var response = await client.GetAsync($"/api/drafts/{draftId}", ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode;
    };

    /// <summary>
    /// Opens a draft of the demo policy for worker <paramref name="worker"/> and returns a step that puts one rule of the
    /// web group in it, its port flipping each time, with the draft's version as <c>If-Match</c> (taken from each answer).
    /// Each worker has its own draft, so the workers never make each other's version stale: a 412 is an error.
    /// </summary>
    public async Task<(Guid DraftId, LoadStep Step)> RuleWriterAsync(HttpClient client, int worker, CancellationToken ct)
    {
        var draft = await (await client.PostAsJsonAsync($"/api/policies/{DemoPolicyId}/drafts", new { title = $"load worker {worker}" }, ct)).ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        var version = draft.GetProperty("version").GetInt64();
        var ruleId = $"sgr-{0x10AD000 + worker:x17}";
        var writes = 0;
        return (draftId, async ct =>
        {
            var port = 20_000 + (worker * 2) + (writes++ % 2);
            using var put = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules/{ruleId}", version,
                new { direction = "inbound", protocol = "tcp", fromPort = port, toPort = port, cidr = "10.0.0.0/16", description = $"load worker {worker}" });
            using var response = await client.SendAsync(put, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            // The next write names the version this one made (or, after a 412, the current one the problem names).
            if (body.Length > 0 && JsonDocument.Parse(body).RootElement is { ValueKind: JsonValueKind.Object } json
                && (json.TryGetProperty("version", out var next) || json.TryGetProperty("currentVersion", out next)) && next.ValueKind == JsonValueKind.Number)
                version = next.GetInt64();
            return response.StatusCode;
        });
    }
}
