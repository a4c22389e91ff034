using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

    /// <summary>Opens a draft of the demo policy for worker <paramref name="worker"/>, whose rule writes go through <paramref name="client"/>.</summary>
    public async Task<RuleWriter> RuleWriterAsync(HttpClient client, int worker, CancellationToken ct)
    {
        var draft = await (await client.PostAsJsonAsync($"/api/policies/{DemoPolicyId}/drafts", new { title = $"load worker {worker}" }, ct)).ReadAsync(HttpStatusCode.Created);
        return new RuleWriter(client, draft.GetProperty("id").GetGuid(), draft.GetProperty("version").GetInt64(), worker);
    }
}
