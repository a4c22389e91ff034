using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Policies;
using SgDesigner.Web.Features.Settings;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.Policies;

/// <summary>
/// Creating, renaming, re-configuring and deleting a policy the pages' way (<see cref="PolicyEditor"/> and
/// <see cref="SettingsEditor"/> with the circuit's caller) and over the HTTP API leave the same audit rows and raise the
/// same live-update events, step by step.
/// </summary>
public abstract class SamePolicyWritesTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Assertions = "{\"from\": \"10.0.1.5\", \"to\": \"10.0.2.9\", \"protocol\": \"tcp\", \"port\": 5432, \"expect\": \"allow\"}\n";

    [Fact]
    public async Task The_policy_pages_and_the_api_leave_the_same_audit_rows_and_events()
    {
        var page = await ThroughThePagesAsync();
        var api = await ThroughTheApiAsync();

        Assert.Equal(4, page.Count);
        WriteTrace.AssertSame(page, api);
        Assert.Equal(["membership.added", "policy.created"], page[0].Audit.Select(a => a.Action));
        Assert.Equal(["policy.renamed"], page[1].Audit.Select(a => a.Action));
        // One settings save is one write: its rows share one instant (listed by action).
        Assert.Equal(["policy.assertions-changed", "policy.settings-changed"], page[2].Audit.Select(a => a.Action));
        Assert.Equal(["policy.deleted"], page[3].Audit.Select(a => a.Action));
        Assert.Empty(page[0].Events);
        Assert.All(page.Skip(1), r => Assert.Equal([new EventShape(Web.Features.Review.ReviewEventKind.PolicyChanged, "policy", null, null)], r.Events));
    }

    private async Task<List<WriteRecord>> ThroughThePagesAsync()
    {
        var (labels, name) = Labels("page");
        var policies = fixture.App.Services.GetRequiredService<PolicyEditor>();
        var settings = fixture.App.Services.GetRequiredService<SettingsEditor>();
        var owner = WriteTrace.PageCaller(fixture.Admin, isAdministrator: true);
        var trace = new WriteTrace(fixture, labels);
        var records = new List<WriteRecord>();
        async Task StepAsync<T>(Func<Task<StoreResult<T>>> action, Action<T>? then = null) =>
            records.Add(await trace.RecordAsync(async () =>
            {
                var done = await action();
                Assert.True(done.IsOk, done.ToString());
                then?.Invoke(done.Value);
            }));

        var policyId = Guid.Empty;
        await StepAsync(() => policies.CreateAsync(owner, name, "ours", ct: Token), p => labels[(policyId = p.Id).ToString()] = "policy");
        await StepAsync(() => policies.RenameAsync(owner, policyId, $"{name} renamed", "still ours", ct: Token));
        await StepAsync(() => settings.ApplyAsync(owner, policyId, 2, Assertions, ct: Token));
        await StepAsync(() => policies.DeleteAsync(owner, policyId, ct: Token));
        return records;
    }

    private async Task<List<WriteRecord>> ThroughTheApiAsync()
    {
        var (labels, name) = Labels("api");
        var client = fixture.Client;
        var trace = new WriteTrace(fixture, labels);
        var records = new List<WriteRecord>();
        async Task StepAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected, Action<HttpResponseMessage>? then = null) =>
            records.Add(await trace.RecordAsync(async () =>
            {
                var answer = await send();
                Assert.Equal(expected, answer.StatusCode);
                then?.Invoke(answer);
            }));

        var policyId = Guid.Empty;
        await StepAsync(() => client.PostAsJsonAsync("/api/policies", new { name, description = "ours" }, Token), HttpStatusCode.Created,
            answer => labels[(policyId = Guid.Parse(answer.Headers.Location!.OriginalString.Split('/')[^1])).ToString()] = "policy");
        await StepAsync(() => client.SendIfMatchAsync(HttpMethod.Put, $"/api/policies/{policyId}", $"/api/policies/{policyId}", new { name = $"{name} renamed", description = "still ours" }), HttpStatusCode.OK);
        await StepAsync(() => client.SendIfMatchAsync(HttpMethod.Put, $"/api/policies/{policyId}/settings", $"/api/policies/{policyId}/settings", new { requiredApprovals = 2, assertions = Assertions }), HttpStatusCode.OK);
        await StepAsync(() => client.SendIfMatchAsync(HttpMethod.Delete, $"/api/policies/{policyId}", $"/api/policies/{policyId}"), HttpStatusCode.NoContent);
        return records;
    }

    // A name of its own per run (names are unique), labelled alike in both.
    private static (Dictionary<string, string> Labels, string Name) Labels(string path)
    {
        var name = $"policy by the {path} {Guid.NewGuid():N}";
        return (new Dictionary<string, string> { [name] = "the name" }, name);
    }
}

public sealed class SamePolicyWritesSqliteTests(SqliteApp fixture) : SamePolicyWritesTests(fixture), IClassFixture<SqliteApp>;

public sealed class SamePolicyWritesPostgresTests(PostgresApp fixture) : SamePolicyWritesTests(fixture), IClassFixture<PostgresApp>;
