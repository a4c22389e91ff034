using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Review;

public abstract class ReviewApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // A copy of the demo policy (owned by the administrator) with an editor (the author), a reviewer and a viewer, and an open request whose draft lets
    // the whole internet reach the web tier on ssh.
    private sealed record Scenario(Guid PolicyId, Guid DraftId, Guid RequestId, string RuleId, TestUser Editor, TestUser Reviewer, TestUser Viewer);

    private async Task<Scenario> OpenSshRequestAsync()
    {
        var policies = fixture.App.Services.GetRequiredService<PolicyStore>();
        var policyId = (await policies.CreatePolicyAsync($"review {Guid.NewGuid():N}", null, DemoEstate.Build(), fixture.Admin.Actor, Token)).Value.Id;
        var editor = await fixture.NewUserAsync("Eddie Editor", policyId, PolicyRole.Editor);
        var reviewer = await fixture.NewUserAsync("Rita Reviewer", policyId, PolicyRole.Reviewer);
        var viewer = await fixture.NewUserAsync("Vic Viewer", policyId, PolicyRole.Viewer);
        var draft = await (await editor.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "ssh for the on-call" }, Token))
            .ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        var ruleId = await AddSshRuleAsync(editor, draftId, "0.0.0.0/0");
        var opened = await editor.Client.PostAsJsonAsync($"/api/drafts/{draftId}/request",
            new { title = "SSH to the web tier", description = "the on-call needs a shell" }, Token);
        var request = await opened.ReadAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/requests/{request.GetProperty("id").GetGuid()}", opened.Headers.Location?.OriginalString);
        return new Scenario(policyId, draftId, request.GetProperty("id").GetGuid(), ruleId, editor, reviewer, viewer);
    }

    private static async Task<string> AddSshRuleAsync(TestUser editor, Guid draftId, string cidr, string? ruleId = null)
    {
        var (_, version) = await editor.Client.DraftAsync(draftId);
        var uri = $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules" + (ruleId is null ? "" : $"/{ruleId}");
        using var add = ApiSteps.WithVersion(ruleId is null ? HttpMethod.Post : HttpMethod.Put, uri, version,
            new { direction = "inbound", protocol = "tcp", fromPort = 22, toPort = 22, cidr, description = "on-call ssh" });
        var edit = await (await editor.Client.SendAsync(add, Token)).ReadAsync(ruleId is null ? HttpStatusCode.Created : HttpStatusCode.OK);
        return edit.GetProperty("item").GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> ReviewAsync(TestUser user, Guid requestId, string verdict, string body = "") =>
        user.Client.RequestActionAsync(requestId, "reviews", new { verdict, body });

    private static async Task<JsonElement> GetAsync(TestUser user, Guid requestId) =>
        await (await user.Client.GetAsync($"/api/requests/{requestId}", Token)).ReadAsync(HttpStatusCode.OK);

    [Fact]
    public async Task The_impact_of_ssh_from_the_internet_lists_the_opened_flow_with_its_rule_and_the_new_lint_finding()
    {
        var s = await OpenSshRequestAsync();

        var impact = await (await s.Reviewer.Client.GetAsync($"/api/requests/{s.RequestId}/impact", Token)).ReadAsync(HttpStatusCode.OK);

        var flows = impact.GetProperty("opened").EnumerateArray().ToList();
        Assert.True(flows.Count > 0, impact.ToString());
        Assert.All(flows, f => Assert.Equal("tcp 22", f.GetProperty("traffic").GetString()));
        Assert.All(flows, f => Assert.Equal([s.RuleId], f.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString())));
        // Named outside endpoints inside 0.0.0.0/0 (the demo's office) gain the flow too; the internet itself comes first.
        Assert.True(flows[0].GetProperty("fromInternet").GetBoolean(), flows[0].ToString());
        Assert.Contains("demo-web", flows[0].GetProperty("to").GetString(), StringComparison.Ordinal);
        Assert.Empty(impact.GetProperty("closed").EnumerateArray());
        var finding = impact.GetProperty("newFindings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "SGD001");
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal(s.RuleId, finding.GetProperty("ruleId").GetString());
        var group = impact.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("groupId").GetString() == DemoEstate.Web);
        Assert.Equal(s.RuleId, group.GetProperty("added").EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Contains("from the internet", impact.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_impact_of_https_from_a_corporate_cidr_lists_the_flow_from_that_cidr()
    {
        var policies = fixture.App.Services.GetRequiredService<PolicyStore>();
        var policyId = (await policies.CreatePolicyAsync($"review {Guid.NewGuid():N}", null, DemoEstate.Build(), fixture.Admin.Actor, Token)).Value.Id;
        var editor = await fixture.NewUserAsync("Eddie Editor", policyId, PolicyRole.Editor);
        var draftId = (await (await editor.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "corp https" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var (_, version) = await editor.Client.DraftAsync(draftId);
        using var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules", version,
            new { direction = "inbound", protocol = "tcp", fromPort = 443, toPort = 443, cidr = "10.20.0.0/16", description = "corp https" });
        var ruleId = (await (await editor.Client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created)).GetProperty("item").GetProperty("id").GetString();
        var requestId = (await (await editor.Client.PostAsJsonAsync($"/api/drafts/{draftId}/request", new { title = "HTTPS from corp" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var impact = await (await editor.Client.GetAsync($"/api/requests/{requestId}/impact", Token)).ReadAsync(HttpStatusCode.OK);

        var flow = Assert.Single(impact.GetProperty("opened").EnumerateArray());
        Assert.Equal("10.20.0.0/16", flow.GetProperty("from").GetString());
        Assert.Contains("demo-web", flow.GetProperty("to").GetString(), StringComparison.Ordinal);
        Assert.Equal("tcp 443", flow.GetProperty("traffic").GetString());
        Assert.False(flow.GetProperty("fromInternet").GetBoolean());
        Assert.Equal([ruleId], flow.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()));
        Assert.DoesNotContain("no flow opened", impact.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_request_even_as_an_owner()
    {
        var s = await OpenSshRequestAsync();
        var ownDraft = await (await fixture.Client.PostAsJsonAsync($"/api/policies/{s.PolicyId}/drafts", new { title = "mine" }, Token))
            .ReadAsync(HttpStatusCode.Created);
        var own = await (await fixture.Client.PostAsJsonAsync($"/api/drafts/{ownDraft.GetProperty("id").GetGuid()}/request", new { title = "mine" }, Token))
            .ReadAsync(HttpStatusCode.Created);

        var approved = await ReviewAsync(fixture.Admin, own.GetProperty("id").GetGuid(), "approve");

        var problem = await approved.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("your own change request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var details = await GetAsync(fixture.Admin, own.GetProperty("id").GetGuid());
        Assert.True(details.GetProperty("isAuthor").GetBoolean());
        Assert.False(details.GetProperty("canReview").GetBoolean());
    }

    [Fact]
    public async Task An_approved_request_is_merged_by_its_author_into_the_next_revision()
    {
        var s = await OpenSshRequestAsync();
        Assert.False((await GetAsync(s.Editor, s.RequestId)).GetProperty("canMerge").GetBoolean());

        await (await ReviewAsync(s.Reviewer, s.RequestId, "approve", "ok for now")).ReadAsync(HttpStatusCode.Created);
        var approved = await GetAsync(s.Editor, s.RequestId);
        Assert.Equal("approved", approved.GetProperty("request").GetProperty("info").GetProperty("status").GetString());
        Assert.True(approved.GetProperty("canMerge").GetBoolean());
        var merged = await (await s.Editor.Client.RequestActionAsync(s.RequestId, "merge", new { message = "on-call ssh" }))
            .ReadAsync(HttpStatusCode.OK);

        Assert.Equal("merged", merged.GetProperty("status").GetString());
        var number = merged.GetProperty("mergedRevision").GetInt32();
        var revision = await (await s.Viewer.Client.GetAsync($"/api/policies/{s.PolicyId}/revisions/{number}", Token)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("on-call ssh", revision.GetProperty("revision").GetProperty("message").GetString());
        Assert.Contains(revision.GetProperty("estate").Group(DemoEstate.Web).GetProperty("rules").EnumerateArray(),
            r => r.GetProperty("id").GetString() == s.RuleId);
        var all = await s.Viewer.Client.AllPagesAsync($"/api/policies/{s.PolicyId}/requests?all=true");
        Assert.Contains(all, r => r.GetProperty("id").GetGuid() == s.RequestId);
        var open = await s.Viewer.Client.AllPagesAsync($"/api/policies/{s.PolicyId}/requests");
        Assert.DoesNotContain(open, r => r.GetProperty("id").GetGuid() == s.RequestId);
    }

    [Fact]
    public async Task An_edit_after_an_approval_dismisses_it_and_the_request_needs_a_new_one()
    {
        var s = await OpenSshRequestAsync();
        await (await ReviewAsync(s.Reviewer, s.RequestId, "approve")).ReadAsync(HttpStatusCode.Created);
        Assert.Equal("approved", (await GetAsync(s.Reviewer, s.RequestId)).GetProperty("request").GetProperty("info").GetProperty("status").GetString());

        await AddSshRuleAsync(s.Editor, s.DraftId, "203.0.113.0/25", s.RuleId);

        var details = await GetAsync(s.Reviewer, s.RequestId);
        Assert.Equal("open", details.GetProperty("request").GetProperty("info").GetProperty("status").GetString());
        Assert.Equal(0, details.GetProperty("request").GetProperty("approvals").GetProperty("approvals").GetInt32());
        var approval = details.GetProperty("request").GetProperty("reviews").EnumerateArray().Single(r => r.GetProperty("verdict").GetString() == "approve");
        Assert.True(approval.GetProperty("dismissed").GetBoolean());
        var merge = await s.Editor.Client.RequestActionAsync(s.RequestId, "merge", new { });
        await merge.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_reviewer_who_added_a_rule_to_someone_elses_request_gets_403_on_approving_and_it_does_not_merge()
    {
        var s = await OpenSshRequestAsync();
        var rdp = await AddSshRuleAsync(s.Reviewer, s.DraftId, "198.51.100.0/24");

        var approved = await ReviewAsync(s.Reviewer, s.RequestId, "approve", "lgtm");

        var problem = await approved.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains($"you authored changes in this request (rule {rdp} of {DemoEstate.Web})", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var details = await GetAsync(s.Reviewer, s.RequestId);
        Assert.True(details.GetProperty("canReview").GetBoolean());
        Assert.False(details.GetProperty("canApprove").GetBoolean());
        Assert.Contains("changed nothing in it", details.GetProperty("whyNotApprove").GetString(), StringComparison.Ordinal);
        var authors = details.GetProperty("request").GetProperty("authorship").EnumerateArray()
            .Single(a => a.GetProperty("objectId").GetString() == rdp).GetProperty("authors").EnumerateArray();
        Assert.Equal(["Rita Reviewer"], authors.Select(a => a.GetProperty("name").GetString()));
        await (await ReviewAsync(s.Reviewer, s.RequestId, "request-changes", "my rule is too wide")).ReadAsync(HttpStatusCode.Created);
        await (await s.Editor.Client.RequestActionAsync(s.RequestId, "merge", new { })).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_owner_dismisses_a_request_for_changes_with_a_reason_and_the_request_is_approved_again()
    {
        var s = await OpenSshRequestAsync();
        var second = await fixture.NewUserAsync("Sid Second", s.PolicyId, PolicyRole.Reviewer);
        await (await ReviewAsync(s.Reviewer, s.RequestId, "approve")).ReadAsync(HttpStatusCode.Created);
        var blocking = await (await ReviewAsync(second, s.RequestId, "request-changes", "not this week")).ReadAsync(HttpStatusCode.Created);
        var uri = $"/api/requests/{s.RequestId}/reviews/{blocking.GetProperty("id").GetGuid()}/dismiss";

        var byReviewer = await s.Reviewer.Client.PostAsJsonAsync(uri, new { reason = "mine is enough" }, Token);
        var blank = await fixture.Client.PostAsJsonAsync(uri, new { reason = " " }, Token);
        var tooLong = await fixture.Client.PostAsJsonAsync(uri, new { reason = new string('x', 501) }, Token);
        var dismissed = await fixture.Client.PostAsJsonAsync(uri, new { reason = "the freeze is over" }, Token);

        await byReviewer.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("500", (await blank.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt("reason"), StringComparison.Ordinal);
        await tooLong.ReadProblemAsync(HttpStatusCode.BadRequest);
        var review = await dismissed.ReadAsync(HttpStatusCode.OK);
        Assert.Equal((true, "the freeze is over"), (review.GetProperty("dismissed").GetBoolean(), review.GetProperty("dismissedReason").GetString()));
        var details = await GetAsync(s.Editor, s.RequestId);
        Assert.Equal("approved", details.GetProperty("request").GetProperty("info").GetProperty("status").GetString());
        Assert.False((await GetAsync(s.Reviewer, s.RequestId)).GetProperty("canDismiss").GetBoolean());
        Assert.True((await GetAsync(fixture.Admin, s.RequestId)).GetProperty("canDismiss").GetBoolean());
        await (await fixture.Client.PostAsJsonAsync(uri, new { reason = "again" }, Token)).ReadProblemAsync(HttpStatusCode.Conflict);
        var audit = await s.Viewer.Client.AllPagesAsync($"/api/audit?policyId={s.PolicyId}&action=request.review-dismissed");
        var entry = Assert.Single(audit);
        Assert.Contains("Sid Second's request for changes", entry.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Contains("the freeze is over", entry.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_on_a_rule_is_kept_with_the_rule_and_its_author()
    {
        var s = await OpenSshRequestAsync();

        var created = await s.Reviewer.Client.PostAsJsonAsync($"/api/requests/{s.RequestId}/comments",
            new { body = "why the whole internet?", groupId = DemoEstate.Web, ruleId = s.RuleId }, Token);

        await created.ReadAsync(HttpStatusCode.Created);
        var comment = (await GetAsync(s.Editor, s.RequestId)).GetProperty("request").GetProperty("comments").EnumerateArray().Single();
        Assert.Equal("why the whole internet?", comment.GetProperty("body").GetString());
        Assert.Equal(s.RuleId, comment.GetProperty("ruleId").GetString());
        Assert.Equal("Rita Reviewer", comment.GetProperty("authorName").GetString());
    }

    [Fact]
    public async Task A_viewer_reads_but_cannot_open_comment_review_merge_or_close()
    {
        var s = await OpenSshRequestAsync();
        var client = s.Viewer.Client;

        var details = await GetAsync(s.Viewer, s.RequestId);
        Assert.False(details.GetProperty("canComment").GetBoolean());
        await (await client.GetAsync($"/api/requests/{s.RequestId}/impact", Token)).ReadAsync(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync($"/api/drafts/{s.DraftId}/request", new { title = "x" }, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync($"/api/requests/{s.RequestId}/comments", new { body = "hi" }, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await ReviewAsync(s.Viewer, s.RequestId, "approve")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await client.RequestActionAsync(s.RequestId, "merge", new { })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsync($"/api/requests/{s.RequestId}/close", null, Token)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty((await GetAsync(s.Editor, s.RequestId)).GetProperty("request").GetProperty("comments").EnumerateArray());
    }

    [Fact]
    public async Task An_editor_who_is_not_the_author_cannot_approve_and_cannot_close_someone_elses_request()
    {
        var s = await OpenSshRequestAsync();
        var other = await fixture.NewUserAsync("Otto Editor", s.PolicyId, PolicyRole.Editor);

        var approved = await ReviewAsync(other, s.RequestId, "approve");
        var closed = await other.Client.PostAsync($"/api/requests/{s.RequestId}/close", null, Token);

        await approved.ReadProblemAsync(HttpStatusCode.Forbidden);
        await closed.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.False((await GetAsync(other, s.RequestId)).GetProperty("canReview").GetBoolean());
        await (await other.Client.PostAsJsonAsync($"/api/requests/{s.RequestId}/comments", new { body = "+1" }, Token)).ReadAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Someone_outside_the_policy_cannot_see_its_requests()
    {
        var s = await OpenSshRequestAsync();
        var stranger = await fixture.NewUserAsync("Sam Stranger");

        var read = await stranger.Client.GetAsync($"/api/requests/{s.RequestId}", Token);
        var list = await stranger.Client.GetAsync($"/api/policies/{s.PolicyId}/requests", Token);
        var anonymous = await fixture.Anonymous.GetAsync($"/api/requests/{s.RequestId}", Token);

        Assert.Contains(read.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.Contains(list.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        await anonymous.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_author_closes_their_request_and_it_can_no_longer_be_reviewed()
    {
        var s = await OpenSshRequestAsync();

        var closed = await (await s.Editor.Client.PostAsync($"/api/requests/{s.RequestId}/close", null, Token)).ReadAsync(HttpStatusCode.OK);

        Assert.Equal("closed", closed.GetProperty("status").GetString());
        await (await ReviewAsync(s.Reviewer, s.RequestId, "approve")).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_verdict_other_than_approve_or_request_changes_is_a_400_naming_the_field()
    {
        var s = await OpenSshRequestAsync();

        var problem = await (await ReviewAsync(s.Reviewer, s.RequestId, "lgtm")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("request-changes", problem.ErrorAt("verdict"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_impact_names_the_policy_assertion_that_the_change_breaks()
    {
        var s = await OpenSshRequestAsync();
        var settings = fixture.App.Services.GetRequiredService<PolicySettingsStore>();
        var stored = await settings.SetAssertionsAsync(fixture.Admin.Actor, s.PolicyId,
            """{"from": "8.8.8.8", "to": "web-1", "protocol": "tcp", "port": 22, "expect": "deny", "name": "no ssh from the internet"}""", ct: Token);
        Assert.True(stored.IsOk, stored.ToString());

        var impact = await (await s.Reviewer.Client.GetAsync($"/api/requests/{s.RequestId}/impact", Token)).ReadAsync(HttpStatusCode.OK);

        var broken = impact.GetProperty("assertions").EnumerateArray().Single();
        Assert.Equal("breaks", broken.GetProperty("change").GetString());
        Assert.Contains("no ssh from the internet", broken.GetProperty("assertion").GetString(), StringComparison.Ordinal);
        Assert.Contains("breaks 1 assertion", impact.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_changed_on_both_sides_is_a_conflict_the_author_resolves_before_the_merge()
    {
        var s = await OpenSshRequestAsync();
        const string bastionSsh = "sgr-0a1b0000000000012";
        await AddSshRuleAsync(s.Editor, s.DraftId, "203.0.113.0/24", bastionSsh);
        var theirs = await (await fixture.Client.PostAsJsonAsync($"/api/policies/{s.PolicyId}/drafts", new { title = "office ssh" }, Token))
            .ReadAsync(HttpStatusCode.Created);
        await AddSshRuleAsync(fixture.Admin, theirs.GetProperty("id").GetGuid(), "198.51.100.0/24", bastionSsh);
        await (await fixture.Client.PublishAsync(theirs.GetProperty("id").GetGuid(), new { message = "office ssh" }))
            .ReadAsync(HttpStatusCode.Created);

        var preview = await (await s.Editor.Client.GetAsync($"/api/requests/{s.RequestId}/merge-preview", Token)).ReadAsync(HttpStatusCode.OK);

        Assert.False(preview.GetProperty("upToDate").GetBoolean());
        Assert.False(preview.GetProperty("isClean").GetBoolean());
        var conflict = preview.GetProperty("conflicts").EnumerateArray().Single();
        var key = conflict.GetProperty("key").GetString()!;
        Assert.Equal($"rule:{DemoEstate.Web}/{bastionSsh}", key);
        Assert.Contains("203.0.113.0/24", conflict.GetProperty("ours").GetString(), StringComparison.Ordinal);
        Assert.Contains("198.51.100.0/24", conflict.GetProperty("theirs").GetString(), StringComparison.Ordinal);
        var version = preview.GetProperty("draftVersion").GetInt64();
        var missing = await s.Editor.Client.PostAsJsonAsync($"/api/requests/{s.RequestId}/resolve", new { version, choices = new Dictionary<string, string>() }, Token);
        Assert.Contains("ours", (await missing.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorAt($"[{key}]"), StringComparison.Ordinal);

        var resolved = await s.Editor.Client.PostAsJsonAsync($"/api/requests/{s.RequestId}/resolve",
            new { version, choices = new Dictionary<string, string> { [key] = "ours" } }, Token);

        await resolved.ReadAsync(HttpStatusCode.OK);
        var after = await (await s.Editor.Client.GetAsync($"/api/requests/{s.RequestId}/merge-preview", Token)).ReadAsync(HttpStatusCode.OK);
        Assert.True(after.GetProperty("upToDate").GetBoolean());
        await (await ReviewAsync(s.Reviewer, s.RequestId, "approve")).ReadAsync(HttpStatusCode.Created);
        var merged = await (await s.Editor.Client.RequestActionAsync(s.RequestId, "merge", new { })).ReadAsync(HttpStatusCode.OK);
        var revision = await (await s.Editor.Client.GetAsync($"/api/policies/{s.PolicyId}/revisions/{merged.GetProperty("mergedRevision").GetInt32()}", Token))
            .ReadAsync(HttpStatusCode.OK);
        var rule = revision.GetProperty("estate").Group(DemoEstate.Web).GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == bastionSsh);
        Assert.Equal("203.0.113.0/24", rule.GetProperty("cidr").GetString());
        Assert.Contains(revision.GetProperty("estate").Group(DemoEstate.Web).GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == s.RuleId);
    }

    [Fact]
    public async Task Comments_reviews_and_draft_edits_over_the_api_are_announced_to_open_pages()
    {
        var s = await OpenSshRequestAsync();
        var events = fixture.App.Services.GetRequiredService<ReviewEvents>();
        var seen = new List<ReviewEvent>();
        void Listen(ReviewEvent e)
        {
            lock (seen)
                seen.Add(e);
        }
        events.Raised += Listen;
        try
        {
            await (await s.Reviewer.Client.PostAsJsonAsync($"/api/requests/{s.RequestId}/comments", new { body = "hmm" }, Token)).ReadAsync(HttpStatusCode.Created);
            await (await ReviewAsync(s.Reviewer, s.RequestId, "request-changes", "narrow it")).ReadAsync(HttpStatusCode.Created);
            await AddSshRuleAsync(s.Editor, s.DraftId, "203.0.113.0/24", s.RuleId);
        }
        finally
        {
            events.Raised -= Listen;
        }

        lock (seen)
        {
            var kinds = seen.Where(e => e.Concerns(s.PolicyId, s.RequestId, s.DraftId)).Select(e => e.Kind).ToList();
            Assert.Equal([ReviewEventKind.CommentAdded, ReviewEventKind.ReviewAdded, ReviewEventKind.DraftEdited], kinds);
        }
    }
}

public sealed class ReviewApiSqliteTests(SqliteApp fixture) : ReviewApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class ReviewApiPostgresTests(PostgresApp fixture) : ReviewApiTests(fixture), IClassFixture<PostgresApp>;
