using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Hosting;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Features.History;

public abstract class RevisionHistoryApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> CompareAsync(HttpClient client, Guid policyId, int from, int to) =>
        await (await client.GetAsync($"/api/policies/{policyId}/revisions/{from}/compare/{to}", Token)).ReadAsync(HttpStatusCode.OK);

    private static IEnumerable<string> RuleIds(JsonElement comparison, string kind) =>
        comparison.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty(kind).EnumerateArray())
            .Select(r => kind == "changed" ? r.GetProperty("after").GetProperty("id").GetString()! : r.GetProperty("id").GetString()!);

    private static List<string?> RulesOf(JsonElement estate, string groupId) =>
        [.. estate.Group(groupId).GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString())];

    [Fact]
    public async Task Two_revisions_compare_as_the_rule_diff_and_the_flows_opened_and_closed()
    {
        var owner = await fixture.NewUserAsync("Otto Owner");
        var policyId = await HistoryPolicy.CreateAsync(fixture, owner);

        var forward = await CompareAsync(owner.Client, policyId, 1, 3);

        Assert.Equal((1, 3), (forward.GetProperty("from").GetInt32(), forward.GetProperty("to").GetInt32()));
        Assert.Equal([HistoryPolicy.SshFromInternet], RuleIds(forward, "added"));
        Assert.Equal([HistoryPolicy.SshFromBastion], RuleIds(forward, "removed"));
        var opened = Assert.Single(forward.GetProperty("opened").EnumerateArray(), f => f.GetProperty("fromInternet").GetBoolean());
        Assert.Equal("tcp 22", opened.GetProperty("traffic").GetString());
        Assert.Contains(opened.GetProperty("rules").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == HistoryPolicy.SshFromInternet);
        Assert.Contains(forward.GetProperty("closed").EnumerateArray(),
            f => f.GetProperty("rules").EnumerateArray().Any(r => r.GetProperty("ruleId").GetString() == HistoryPolicy.SshFromBastion));
        Assert.Equal("demo-web", forward.GetProperty("names").GetProperty(DemoEstate.Web).GetString());

        var backward = await CompareAsync(owner.Client, policyId, 3, 1);

        Assert.Equal([HistoryPolicy.SshFromBastion], RuleIds(backward, "added"));
        Assert.Equal([HistoryPolicy.SshFromInternet], RuleIds(backward, "removed"));
        Assert.DoesNotContain(backward.GetProperty("opened").EnumerateArray(), f => f.GetProperty("fromInternet").GetBoolean());
    }

    [Fact]
    public async Task A_revision_compared_with_itself_is_an_empty_diff()
    {
        var owner = await fixture.NewUserAsync("Otto Owner");
        var policyId = await HistoryPolicy.CreateAsync(fixture, owner);

        var same = await CompareAsync(owner.Client, policyId, 2, 2);

        Assert.Empty(same.GetProperty("groups").EnumerateArray());
        Assert.Empty(same.GetProperty("opened").EnumerateArray());
        Assert.Empty(same.GetProperty("closed").EnumerateArray());
    }

    [Theory]
    [InlineData(9, 1)]
    [InlineData(1, 9)]
    [InlineData(0, 1)]
    public async Task Comparing_with_a_revision_that_does_not_exist_is_a_404_naming_it(int from, int to)
    {
        var owner = await fixture.NewUserAsync("Otto Owner");
        var policyId = await HistoryPolicy.CreateAsync(fixture, owner);

        var problem = await (await owner.Client.GetAsync($"/api/policies/{policyId}/revisions/{from}/compare/{to}", Token)).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains($"no revision {(Math.Max(from, to) == 9 ? 9 : 0)}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_may_compare_but_not_revert_and_a_stranger_may_do_neither()
    {
        var owner = await fixture.NewUserAsync("Otto Owner");
        var policyId = await HistoryPolicy.CreateAsync(fixture, owner);
        var viewer = await fixture.NewUserAsync("Vera Viewer", policyId, PolicyRole.Viewer);
        var stranger = await fixture.NewUserAsync("Sam Stranger");

        await CompareAsync(viewer.Client, policyId, 1, 2);
        await (await viewer.Client.PostAsync($"/api/policies/{policyId}/revisions/1/revert", null, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.GetAsync($"/api/policies/{policyId}/revisions/1/compare/2", Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.PostAsync($"/api/policies/{policyId}/revisions/1/revert", null, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous.PostAsync($"/api/policies/{policyId}/revisions/1/revert", null, Token)).ReadProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Empty(await owner.Client.AllPagesAsync($"/api/policies/{policyId}/drafts"));
        Assert.Empty(await owner.Client.AuditAsync($"policyId={policyId}&action=draft.reverted"));
    }

    [Fact]
    public async Task Reverting_opens_a_draft_on_the_latest_revision_holding_the_chosen_revisions_content()
    {
        var owner = await fixture.NewUserAsync("Otto Owner");
        var policyId = await HistoryPolicy.CreateAsync(fixture, owner);
        var editor = await fixture.NewUserAsync("Eddie Editor", policyId, PolicyRole.Editor);

        var response = await editor.Client.PostAsync($"/api/policies/{policyId}/revisions/1/revert", null, Token);

        var draft = await response.ReadAsync(HttpStatusCode.Created);
        Assert.Equal(3, draft.GetProperty("baseRevision").GetInt32());
        Assert.Equal("Revert to revision 1", draft.GetProperty("title").GetString());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var draftId = draft.GetProperty("id").GetGuid();
        Assert.Equal($"/api/drafts/{draftId}", response.Headers.Location?.OriginalString);
        var (estate, _) = await editor.Client.DraftAsync(draftId);
        Assert.Contains(HistoryPolicy.SshFromBastion, RulesOf(estate, DemoEstate.Db));
        Assert.DoesNotContain(HistoryPolicy.SshFromInternet, RulesOf(estate, DemoEstate.Web));
        var entry = Assert.Single(await owner.Client.AuditAsync($"policyId={policyId}&action=draft.reverted"));
        Assert.Equal(editor.Id, entry.GetProperty("actorUserId").GetGuid());
        Assert.Equal(draftId.ToString(), entry.GetProperty("targetId").GetString());
        Assert.Contains("revision 1's content on revision 3", entry.GetProperty("details").GetString(), StringComparison.Ordinal);

        // Published, the draft makes revision 4 equal to revision 1.
        var published = await editor.Client.PublishAsync(draftId, new { message = "revert to 1" });
        await published.ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.Client.PublishAsync(draftId, new { message = "revert to 1" })).ReadAsync(HttpStatusCode.Created);
        var sameAsFirst = await CompareAsync(owner.Client, policyId, 1, 4);
        Assert.Empty(sameAsFirst.GetProperty("groups").EnumerateArray());
    }

    [Fact]
    public async Task Reverting_to_a_revision_that_does_not_exist_is_a_404_naming_it_and_stores_nothing()
    {
        var owner = await fixture.NewUserAsync("Otto Owner");
        var policyId = await HistoryPolicy.CreateAsync(fixture, owner);

        var problem = await (await owner.Client.PostAsync($"/api/policies/{policyId}/revisions/42/revert", null, Token)).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("no revision 42", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await owner.Client.PostAsync($"/api/policies/{Guid.NewGuid()}/revisions/1/revert", null, Token)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await owner.Client.AllPagesAsync($"/api/policies/{policyId}/drafts"));
    }
}

public sealed class RevisionHistoryApiSqliteTests(SqliteApp fixture) : RevisionHistoryApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class RevisionHistoryApiPostgresTests(PostgresApp fixture) : RevisionHistoryApiTests(fixture), IClassFixture<PostgresApp>;
