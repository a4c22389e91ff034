using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Core.Validation;
using SgDesigner.Data;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Review;

/// <summary>The author names reviewers when opening a request and changes them later; the reviewers find it waiting for them.</summary>
public abstract class RequestedReviewersApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // A copy of the demo policy with an editor (the author), two reviewers, an owner, a viewer, and an open draft with one rule.
    private sealed record Team(Guid PolicyId, Guid DraftId, TestUser Editor, TestUser Reviewer, TestUser Second, TestUser Owner, TestUser Viewer);

    private async Task<Team> TeamAsync()
    {
        var policies = fixture.App.Services.GetRequiredService<PolicyStore>();
        var policyId = (await policies.CreatePolicyAsync($"reviewers {Guid.NewGuid():N}", null, DemoEstate.Build(), fixture.Admin.Actor, Token)).Value.Id;
        var editor = await fixture.NewUserAsync("Eddie Editor", policyId, PolicyRole.Editor);
        var reviewer = await fixture.NewUserAsync("Rita Reviewer", policyId, PolicyRole.Reviewer);
        var second = await fixture.NewUserAsync("Rob Reviewer", policyId, PolicyRole.Reviewer);
        var owner = await fixture.NewUserAsync("Olive Owner", policyId, PolicyRole.Owner);
        var viewer = await fixture.NewUserAsync("Vic Viewer", policyId, PolicyRole.Viewer);
        var draft = await (await editor.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "https" }, Token))
            .ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        await AddRuleAsync(editor, draftId, "10.20.0.0/16");
        return new Team(policyId, draftId, editor, reviewer, second, owner, viewer);
    }

    private static async Task AddRuleAsync(TestUser editor, Guid draftId, string cidr)
    {
        var (_, version) = await editor.Client.DraftAsync(draftId);
        using var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules", version,
            new { direction = "inbound", protocol = "tcp", fromPort = 443, toPort = 443, cidr, description = "https" });
        await (await editor.Client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> OpenAsync(Team t, object reviewers) =>
        t.Editor.Client.PostAsJsonAsync($"/api/drafts/{t.DraftId}/request", new { title = "HTTPS from the campus", reviewers }, Token);

    private static Task<HttpResponseMessage> OpenRawAsync(Team t, string json) =>
        t.Editor.Client.PostAsync($"/api/drafts/{t.DraftId}/request", new StringContent(json, Encoding.UTF8, "application/json"), Token);

    private static async Task<Guid> OpenedAsync(Team t, object reviewers) =>
        (await (await OpenAsync(t, reviewers)).ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static async Task<List<Guid>> ReviewersAsync(TestUser user, Guid requestId)
    {
        var details = await (await user.Client.GetAsync($"/api/requests/{requestId}", Token)).ReadAsync(HttpStatusCode.OK);
        return [.. details.GetProperty("request").GetProperty("requestedReviewers").EnumerateArray().Select(r => r.GetProperty("userId").GetGuid())];
    }

    private static async Task<List<Guid>> WaitingAsync(TestUser user) =>
        [.. (await user.Client.AllPagesAsync("/api/requests/waiting-for-me")).Select(r => r.GetProperty("id").GetGuid())];

    private async Task<int> RequestCountAsync(Team t)
    {
        return (await fixture.Client.AllPagesAsync($"/api/policies/{t.PolicyId}/requests?all=true")).Count;
    }

    private async Task<List<string>> AuditDetailsAsync(Guid policyId, string action)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContextAsync(Token);
        return await db.AuditEntries.Where(a => a.PolicyId == policyId && a.Action == action).Select(a => a.Details ?? "").ToListAsync(Token);
    }

    [Fact]
    public async Task Reviewers_named_by_id_and_by_email_are_stored_audited_and_find_the_request_waiting_for_them()
    {
        var t = await TeamAsync();

        var requestId = await OpenedAsync(t, new[] { t.Reviewer.Id.ToString(), t.Second.Email.ToUpperInvariant() });

        Assert.Equal(new[] { t.Reviewer.Id, t.Second.Id }.Order(), (await ReviewersAsync(t.Viewer, requestId)).Order());
        Assert.Contains(requestId, await WaitingAsync(t.Reviewer));
        Assert.Contains(requestId, await WaitingAsync(t.Second));
        Assert.DoesNotContain(requestId, await WaitingAsync(t.Owner));
        Assert.DoesNotContain(requestId, await WaitingAsync(t.Editor));
        var opened = Assert.Single(await AuditDetailsAsync(t.PolicyId, "request.opened"));
        Assert.Contains("Rita Reviewer", opened, StringComparison.Ordinal);
        Assert.Contains("Rob Reviewer", opened, StringComparison.Ordinal);
        var details = await (await t.Reviewer.Client.GetAsync($"/api/requests/{requestId}", Token)).ReadAsync(HttpStatusCode.OK);
        var rita = details.GetProperty("request").GetProperty("requestedReviewers").EnumerateArray().Single(r => r.GetProperty("userId").GetGuid() == t.Reviewer.Id);
        Assert.Equal("Rita Reviewer", rita.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, rita.GetProperty("verdict").ValueKind);
    }

    [Fact]
    public async Task A_review_takes_the_request_off_the_reviewers_list_until_an_edit_dismisses_it()
    {
        var t = await TeamAsync();
        var requestId = await OpenedAsync(t, new[] { t.Reviewer.Email });

        await (await t.Reviewer.Client.RequestActionAsync(requestId, "reviews", new { verdict = "approve" })).ReadAsync(HttpStatusCode.Created);

        Assert.DoesNotContain(requestId, await WaitingAsync(t.Reviewer));
        var details = await (await t.Reviewer.Client.GetAsync($"/api/requests/{requestId}", Token)).ReadAsync(HttpStatusCode.OK);
        Assert.True(details.GetProperty("hasApproved").GetBoolean());
        Assert.Equal("approve", details.GetProperty("request").GetProperty("requestedReviewers")[0].GetProperty("verdict").GetString(), ignoreCase: true);

        await AddRuleAsync(t.Editor, t.DraftId, "10.21.0.0/16");

        Assert.Contains(requestId, await WaitingAsync(t.Reviewer));
        var after = await (await t.Reviewer.Client.GetAsync($"/api/requests/{requestId}", Token)).ReadAsync(HttpStatusCode.OK);
        Assert.False(after.GetProperty("hasApproved").GetBoolean());
    }

    [Fact]
    public async Task Unknown_users_non_members_viewers_the_author_and_duplicates_are_refused_by_position_and_nothing_is_stored()
    {
        var t = await TeamAsync();
        var outsider = await fixture.NewUserAsync("Otto Outsider");

        var refused = await OpenAsync(t, new[]
        {
            t.Reviewer.Email, "nobody@example.test", outsider.Email, t.Viewer.Id.ToString(), t.Editor.Email, t.Reviewer.Id.ToString(), Guid.NewGuid().ToString(), "",
        });

        var problem = await refused.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        Assert.Equal([.. Enumerable.Range(1, 7).Select(i => $"reviewers[{i}]")], errors);
        Assert.Contains("not a member of this policy with the reviewer or owner role", problem.ErrorAt("reviewers[1]"), StringComparison.Ordinal);
        // An unknown e-mail and a stranger's get the same answer: the field does not tell who has an account.
        // (Each quoted as errors quote what a caller sent: the outsider's long address shortened.)
        Assert.Equal(problem.ErrorAt("reviewers[1]").Replace(QuotedValue.Of("nobody@example.test"), "", StringComparison.Ordinal),
            problem.ErrorAt("reviewers[2]").Replace(QuotedValue.Of(outsider.Email), "", StringComparison.Ordinal));
        Assert.Contains("not a member", problem.ErrorAt("reviewers[3]"), StringComparison.Ordinal);
        Assert.Contains("cannot review it", problem.ErrorAt("reviewers[4]"), StringComparison.Ordinal);
        Assert.Contains("named twice", problem.ErrorAt("reviewers[5]"), StringComparison.Ordinal);
        Assert.Contains("by user id or e-mail", problem.ErrorAt("reviewers[7]"), StringComparison.Ordinal);
        Assert.Equal(0, await RequestCountAsync(t));
        Assert.Empty(await WaitingAsync(t.Reviewer));
    }

    [Theory]
    [InlineData("""{"title":"x","reviewers":"rita@example.test"}""", "reviewers")]
    [InlineData("""{"title":"x","reviewers":[42]}""", "reviewers[0]")]
    [InlineData("""{"title":"x","reviewers":{"id":"a"}}""", "reviewers")]
    public async Task Reviewers_of_the_wrong_json_type_are_refused_at_the_field_and_nothing_is_stored(string json, string path)
    {
        var t = await TeamAsync();

        var refused = await OpenRawAsync(t, json);

        var problem = await refused.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.Contains(path, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, await RequestCountAsync(t));
    }

    [Fact]
    public async Task The_author_replaces_and_adds_reviewers_and_each_change_is_audited()
    {
        var t = await TeamAsync();
        var requestId = await OpenedAsync(t, new[] { t.Reviewer.Email });

        var replaced = await (await t.Editor.Client.PutAsJsonAsync($"/api/requests/{requestId}/reviewers", new { reviewers = new[] { t.Second.Email } }, Token))
            .ReadAsync(HttpStatusCode.OK);
        Assert.Equal([t.Second.Id], replaced.EnumerateArray().Select(r => r.GetProperty("userId").GetGuid()));
        Assert.DoesNotContain(requestId, await WaitingAsync(t.Reviewer));

        var added = await (await t.Editor.Client.PostAsJsonAsync($"/api/requests/{requestId}/reviewers",
            new { reviewers = new[] { t.Owner.Id.ToString(), t.Second.Id.ToString() } }, Token)).ReadAsync(HttpStatusCode.OK);

        Assert.Equal(new[] { t.Owner.Id, t.Second.Id }.Order(), added.EnumerateArray().Select(r => r.GetProperty("userId").GetGuid()).Order());
        Assert.Contains(requestId, await WaitingAsync(t.Owner));
        var changes = await AuditDetailsAsync(t.PolicyId, "request.reviewers-changed");
        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, c => c.Contains("asked Rob Reviewer", StringComparison.Ordinal) && c.Contains("no longer asked Rita Reviewer", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Contains("asked Olive Owner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_reviewers_is_refused_to_other_editors_and_with_bad_input_and_leaves_them_as_they_were()
    {
        var t = await TeamAsync();
        var requestId = await OpenedAsync(t, new[] { t.Reviewer.Email });
        var other = await fixture.NewUserAsync("Edna Editor", t.PolicyId, PolicyRole.Editor);

        await (await other.Client.PutAsJsonAsync($"/api/requests/{requestId}/reviewers", new { reviewers = Array.Empty<string>() }, Token))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await t.Viewer.Client.PutAsJsonAsync($"/api/requests/{requestId}/reviewers", new { reviewers = Array.Empty<string>() }, Token))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        var bad = await (await t.Editor.Client.PutAsJsonAsync($"/api/requests/{requestId}/reviewers",
            new { reviewers = new[] { t.Second.Email, "nobody@example.test" } }, Token)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not a member", bad.ErrorAt("reviewers[1]"), StringComparison.Ordinal);
        var wrongType = await t.Editor.Client.PutAsync($"/api/requests/{requestId}/reviewers",
            new StringContent("""{"reviewers":true}""", Encoding.UTF8, "application/json"), Token);
        await wrongType.ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([t.Reviewer.Id], await ReviewersAsync(t.Viewer, requestId));
        Assert.Empty(await AuditDetailsAsync(t.PolicyId, "request.reviewers-changed"));
        // An owner may change them.
        await (await t.Owner.Client.PutAsJsonAsync($"/api/requests/{requestId}/reviewers", new { reviewers = new[] { t.Second.Email } }, Token))
            .ReadAsync(HttpStatusCode.OK);
        Assert.Equal([t.Second.Id], await ReviewersAsync(t.Viewer, requestId));
    }
}

public sealed class RequestedReviewersApiSqliteTests(SqliteApp fixture) : RequestedReviewersApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class RequestedReviewersApiPostgresTests(PostgresApp fixture) : RequestedReviewersApiTests(fixture), IClassFixture<PostgresApp>;
