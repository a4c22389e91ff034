using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

public abstract class DraftsApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_revision_is_read_with_its_groups_rules_and_interfaces()
    {
        var policyId = await _client.DemoPolicyIdAsync();

        var revision = await (await _client.GetAsync($"/api/policies/{policyId}/revisions/1", Token)).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(1, revision.GetProperty("revision").GetProperty("number").GetInt32());
        var web = revision.GetProperty("estate").Group(DemoEstate.Web);
        var fromAlb = web.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("groupId").GetString() == DemoEstate.Alb);
        Assert.Equal("inbound", fromAlb.GetProperty("direction").GetString());
        Assert.Equal("tcp", fromAlb.GetProperty("protocol").GetString());
        Assert.Equal(8080, fromAlb.GetProperty("fromPort").GetInt32());
        Assert.NotEmpty(revision.GetProperty("estate").GetProperty("networkInterfaces").EnumerateArray());
    }

    [Fact]
    public async Task A_revision_that_does_not_exist_is_a_404_problem()
    {
        var policyId = await _client.DemoPolicyIdAsync();

        var response = await _client.GetAsync($"/api/policies/{policyId}/revisions/999", Token);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_draft_starts_at_version_1_with_the_revision_content_and_an_etag()
    {
        var policyId = await _client.DemoPolicyIdAsync();

        var created = await _client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { baseRevision = 1, title = "tighten ssh" }, Token);

        var draft = await created.ReadAsync(HttpStatusCode.Created);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal("open", draft.GetProperty("status").GetString());
        var read = await _client.GetAsync(created.Headers.Location, Token);
        var body = await read.ReadAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(5, body.GetProperty("estate").GetProperty("groups").GetArrayLength());
        var open = await _client.AllPagesAsync($"/api/policies/{policyId}/drafts");
        Assert.Contains(open, d => d.GetProperty("id").GetGuid() == draft.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_draft_of_a_policy_that_does_not_exist_is_a_404_problem()
    {
        var response = await _client.PostAsJsonAsync($"/api/policies/{Guid.NewGuid()}/drafts", new { title = "x" }, Token);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Publishing_a_draft_makes_the_next_revision_and_closes_the_draft()
    {
        var policyId = await _client.NewPolicyAsync();
        var draft = await (await _client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "vpc" }, Token)).ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        using var vpc = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/vpcs/vpc-00000000000000001", 1, new { name = "main", cidrs = new[] { "10.1.0.0/16" } });
        await (await _client.SendAsync(vpc, Token)).ReadAsync(HttpStatusCode.OK);

        var published = await _client.PublishAsync(draftId, new { message = "add the main VPC", author = "alice" });

        var revision = await published.ReadAsync(HttpStatusCode.Created);
        Assert.Equal(2, revision.GetProperty("number").GetInt32());
        var list = await _client.AllPagesAsync($"/api/policies/{policyId}/revisions");
        Assert.Equal([2, 1], list.Select(r => r.GetProperty("number").GetInt32()));
        var latest = await _client.GetFromJsonAsync<JsonElement>($"/api/policies/{policyId}/revisions/latest", Token);
        Assert.Equal("10.1.0.0/16", latest.GetProperty("estate").GetProperty("vpcs")[0].GetProperty("cidrs")[0].GetString());
        var again = await _client.PublishAsync(draftId, new { message = "twice" });
        await again.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Publishing_without_a_message_is_refused_and_publishes_nothing()
    {
        var policyId = await _client.NewPolicyAsync();
        var draft = await (await _client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "t" }, Token)).ReadAsync(HttpStatusCode.Created);

        var response = await _client.PublishAsync(draft.GetProperty("id").GetGuid(), new { message = " " });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("message", problem.ErrorAt("message"), StringComparison.Ordinal);
        var list = await _client.AllPagesAsync($"/api/policies/{policyId}/revisions");
        Assert.Single(list);
    }

    [Fact]
    public async Task An_edit_against_a_stale_version_is_a_412_with_the_current_version_and_keeps_the_first_edit()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        using var first = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-00000000000000f01", version, new { name = "first" });
        await (await _client.SendAsync(first, Token)).ReadAsync(HttpStatusCode.OK);

        using var second = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-00000000000000f02", version, new { name = "second" });
        var response = await _client.SendAsync(second, Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("changed by someone else", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt64());
        Assert.Equal($"\"{version + 1}\"", response.Headers.ETag?.Tag);
        var (estate, now) = await _client.DraftAsync(draftId);
        Assert.Equal(version + 1, now);
        var ids = estate.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains("i-00000000000000f01", ids);
        Assert.DoesNotContain("i-00000000000000f02", ids);
    }

    [Fact]
    public async Task An_edit_without_a_version_is_a_428_naming_If_Match_and_version()
    {
        var (draftId, _) = await _client.NewDemoDraftAsync();

        var response = await _client.PutAsJsonAsync($"/api/drafts/{draftId}/instances/i-00000000000000f03", new { name = "x" }, Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Contains("'version'", problem.ErrorAt("If-Match"), StringComparison.Ordinal);
        Assert.Contains("GET /api/drafts/{draftId}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_version_may_also_travel_in_the_body()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var response = await _client.PutAsJsonAsync($"/api/drafts/{draftId}/instances/i-00000000000000f04", new { name = "body", version }, Token);

        var edit = await response.ReadAsync(HttpStatusCode.OK);
        Assert.Equal(version + 1, edit.GetProperty("version").GetInt64());
        Assert.Equal($"\"{version + 1}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task An_abandoned_draft_can_no_longer_be_edited()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        var abandoned = await _client.DeleteAsync($"/api/drafts/{draftId}?version={version}", Token);

        Assert.Equal("abandoned", (await abandoned.ReadAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        using var edit = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/instances/i-00000000000000f05", version + 1, new { name = "late" });
        await (await _client.SendAsync(edit, Token)).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_draft_that_does_not_exist_is_a_404_problem()
    {
        await (await _client.GetAsync($"/api/drafts/{Guid.NewGuid()}", Token)).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class DraftsApiSqliteTests(SqliteApp fixture) : DraftsApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class DraftsApiPostgresTests(PostgresApp fixture) : DraftsApiTests(fixture), IClassFixture<PostgresApp>;
