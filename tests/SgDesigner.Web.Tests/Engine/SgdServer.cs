using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Engine;

/// <summary>
/// <c>sgd</c> against a running test app: its address, a token made through the API, and the steps tests take to give
/// a policy a second revision (a draft whose content is replaced by a document, then published).
/// </summary>
public sealed class SgdServer(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The app's address, as a user would give it to --server.</summary>
    public string Url => fixture.App.BaseAddress.ToString().TrimEnd('/');

    /// <summary>A new write token of the administrator's, created through <c>POST /api/account/tokens</c>.</summary>
    public async Task<string> NewTokenAsync()
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/account/tokens", new { name = $"sgd {Guid.NewGuid():N}", scope = "write" }, Token);
        return (await response.ReadAsync(HttpStatusCode.Created)).GetProperty("token").GetString()!;
    }

    /// <summary>Runs <c>sgd</c> with <paramref name="args"/> against this server with <paramref name="token"/>.</summary>
    public SgdRun Run(string token, params string[] args) => SgdOnExports.Run([.. args, "--server", Url, "--token", token]);

    /// <summary>A policy's name.</summary>
    public async Task<string> NameAsync(Guid policyId) =>
        (await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/policies/{policyId}", Token)).GetProperty("name").GetString()!;

    /// <summary>Imports a policy document as a new policy named <paramref name="name"/>; its id.</summary>
    public async Task<Guid> ImportDocumentAsync(string document, string name)
    {
        var response = await fixture.Client.PostAsync("/api/policies/import",
            Features.Import.ImportApiTests.Form([("policy.json", document)], ("name", name)), Token);
        return (await response.ReadAsync(HttpStatusCode.Created)).GetProperty("policy").GetProperty("id").GetGuid();
    }

    /// <summary>Publishes <paramref name="document"/> as the policy's next revision (draft, content replaced, publish).</summary>
    public async Task PublishAsync(Guid policyId, string document)
    {
        var opened = await (await fixture.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "next" }, Token)).ReadAsync(HttpStatusCode.Created);
        var draftId = opened.GetProperty("id").GetGuid();
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/drafts/{draftId}/content") { Content = new StringContent(document, Encoding.UTF8, "application/json") };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{opened.GetProperty("version").GetInt64()}\"");
        await (await fixture.Client.SendAsync(put, Token)).ReadAsync(HttpStatusCode.OK);
        await (await fixture.Client.PublishAsync(draftId, new { message = "second revision" })).ReadAsync(HttpStatusCode.Created);
    }

    /// <summary>Sets the policy's assertions (its settings), in sgd check's format.</summary>
    public async Task SetAssertionsAsync(Guid policyId, string assertions) =>
        await (await fixture.Client.SendIfMatchAsync(HttpMethod.Put, $"/api/policies/{policyId}/settings", $"/api/policies/{policyId}/settings", new { assertions }))
            .ReadAsync(HttpStatusCode.OK);

    /// <summary>How many open drafts and change requests (merged and closed too) a policy has.</summary>
    public async Task<(int Drafts, int Requests)> CountsAsync(Guid policyId)
    {
        var drafts = await fixture.Client.AllPagesAsync($"/api/policies/{policyId}/drafts");
        var requests = await fixture.Client.AllPagesAsync($"/api/policies/{policyId}/requests?all=true");
        return (drafts.Count, requests.Count);
    }

    /// <summary><paramref name="document"/> changed by <paramref name="change"/> on its groups (a policy document's top-level "groups").</summary>
    public static string Changed(string document, Action<JsonArray> change)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        change(root["groups"]!.AsArray());
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Drops every inbound rule: what was allowed between ENIs is closed.</summary>
    public static void DropInboundRules(JsonArray groups)
    {
        foreach (var group in groups)
        {
            var rules = group!["rules"]!.AsArray();
            foreach (var rule in rules.Where(r => (string?)r!["direction"] == "inbound").ToList())
                rules.Remove(rule);
        }
    }

    /// <summary>Adds to the first group an inbound tcp 8443 rule from a private block: opens something, breaks nothing.</summary>
    public static void AddPrivateRule(JsonArray groups) =>
        groups[0]!["rules"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "sgr-0a1b2c3d4e5f60718", ["direction"] = "inbound", ["protocol"] = "tcp", ["fromPort"] = 8443, ["toPort"] = 8443,
            ["cidr"] = "10.99.0.0/16", ["description"] = "proposed by sgd",
        });
}
