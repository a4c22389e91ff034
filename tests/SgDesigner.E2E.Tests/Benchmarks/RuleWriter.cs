using System.Net;
using System.Text.Json;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// A load worker's rule writes: it puts one rule of the web group in its own draft, its port flipping each time, with
/// the draft's version as <c>If-Match</c> (taken from each answer). Each worker has its own draft, so the workers never
/// make each other's version stale: a 412 is an error. It remembers what it last wrote, to check afterwards that no
/// acknowledged write was lost.
/// </summary>
public sealed class RuleWriter(HttpClient client, Guid draftId, long version, int worker)
{
    private readonly string _ruleId = $"sgr-{0x10AD000 + worker:x17}";
    private int _writes;
    private int? _acknowledgedPort;

    /// <summary>The worker's draft.</summary>
    public Guid DraftId => draftId;

    /// <summary>One write.</summary>
    public async Task<HttpStatusCode> WriteAsync(CancellationToken ct)
    {
        var port = 20_000 + (worker * 2) + (_writes++ % 2);
        using var put = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules/{_ruleId}", version,
            new { direction = "inbound", protocol = "tcp", fromPort = port, toPort = port, cidr = "10.0.0.0/16", description = $"load worker {worker}" });
        using var response = await client.SendAsync(put, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
            _acknowledgedPort = port;
        // The next write names the version this one made (or, after a 412, the current one the problem names).
        if (body.StartsWith('{'))
        {
            using var json = JsonDocument.Parse(body);
            if ((json.RootElement.TryGetProperty("version", out var next) || json.RootElement.TryGetProperty("currentVersion", out next)) && next.ValueKind == JsonValueKind.Number)
                version = next.GetInt64();
        }
        return response.StatusCode;
    }

    /// <summary>Whether the draft holds the rule as the last acknowledged write left it (true when nothing was acknowledged).</summary>
    public async Task<bool> HoldsLastWriteAsync(CancellationToken ct)
    {
        if (_acknowledgedPort is not { } port)
            return true;
        var draft = await (await client.GetAsync($"/api/drafts/{draftId}", ct)).ReadAsync(HttpStatusCode.OK);
        var rule = draft.GetProperty("estate").Group(DemoEstate.Web).GetProperty("rules").EnumerateArray()
            .SingleOrDefault(r => r.GetProperty("id").GetString() == _ruleId);
        return rule.ValueKind == JsonValueKind.Object && rule.GetProperty("fromPort").GetInt32() == port;
    }
}
