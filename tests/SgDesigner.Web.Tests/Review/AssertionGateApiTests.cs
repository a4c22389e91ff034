using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Review;

/// <summary>
/// The assertion gate over real HTTP: a policy whose assertions block merging, and an approved request that opens ssh from
/// the internet to the web tier. The merge is refused naming the assertion, an owner overrides with an audited reason.
/// </summary>
public abstract class AssertionGateApiTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string NoSshFromTheInternet =
        """{"from": "8.8.8.8", "to": "web-1", "protocol": "tcp", "port": 22, "expect": "deny", "name": "no ssh from the internet"}""";

    private const string OnCallReachesWeb =
        """{"from": "8.8.8.8", "to": "web-1", "protocol": "tcp", "port": 22, "expect": "allow", "name": "the on-call reaches web-1"}""";

    private const string NamesAMissingHost =
        """{"from": "8.8.8.8", "to": "web-99", "protocol": "tcp", "port": 22, "expect": "deny", "name": "a host since retired"}""";

    private sealed record Scenario(Guid PolicyId, Guid DraftId, Guid RequestId, TestUser Owner, TestUser Editor, TestUser Reviewer);

    private static string Settings(Guid policyId) => $"/api/policies/{policyId}/settings";

    // A copy of the demo policy with an owner, an editor (the author) and a reviewer; the owner sets the assertions (and the gate)
    // through the settings API; the editor's request lets the whole internet reach the web tier on ssh, approved by the reviewer.
    private async Task<Scenario> ApprovedSshRequestAsync(string assertions, bool blockMerge = true)
    {
        var policies = fixture.App.Services.GetRequiredService<PolicyStore>();
        var policyId = (await policies.CreatePolicyAsync($"gate {Guid.NewGuid():N}", null, DemoEstate.Build(), fixture.Admin.Actor, Token)).Value.Id;
        var owner = await fixture.NewUserAsync("Olga Owner", policyId, PolicyRole.Owner);
        var editor = await fixture.NewUserAsync("Eddie Editor", policyId, PolicyRole.Editor);
        var reviewer = await fixture.NewUserAsync("Rita Reviewer", policyId, PolicyRole.Reviewer);
        await (await owner.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId),
            new { assertions, assertionsBlockMerge = blockMerge })).ReadAsync(HttpStatusCode.OK);
        var draftId = (await (await editor.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "ssh for the on-call" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var (_, version) = await editor.Client.DraftAsync(draftId);
        using var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules", version,
            new { direction = "inbound", protocol = "tcp", fromPort = 22, toPort = 22, cidr = "0.0.0.0/0", description = "on-call ssh" });
        await (await editor.Client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created);
        var requestId = (await (await editor.Client.PostAsJsonAsync($"/api/drafts/{draftId}/request", new { title = "SSH to the web tier" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await reviewer.Client.RequestActionAsync(requestId, "reviews", new { verdict = "approve", body = "" })).ReadAsync(HttpStatusCode.Created);
        return new Scenario(policyId, draftId, requestId, owner, editor, reviewer);
    }

    private static async Task<HttpResponseMessage> MergeAsync(HttpClient client, Guid requestId, string ifMatch, object body)
    {
        using var merge = new HttpRequestMessage(HttpMethod.Post, $"/api/requests/{requestId}/merge") { Content = JsonContent.Create(body) };
        merge.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(merge, Token);
    }

    private static async Task<JsonElement> RequestAsync(TestUser user, Guid requestId) =>
        (await (await user.Client.GetAsync($"/api/requests/{requestId}", Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("request");

    private static async Task<int> NewestRevisionAsync(TestUser user, Guid policyId) =>
        (await (await user.Client.GetAsync($"/api/policies/{policyId}/revisions/latest", Token)).ReadAsync(HttpStatusCode.OK))
        .GetProperty("revision").GetProperty("number").GetInt32();

    // Nothing was stored: the request is still approved at the same draft version, no revision was published, no merge audited.
    private async Task AssertNothingMergedAsync(Scenario s, int newestBefore, long draftVersionBefore)
    {
        var request = await RequestAsync(s.Owner, s.RequestId);
        Assert.Equal("approved", request.GetProperty("info").GetProperty("status").GetString());
        Assert.Equal(draftVersionBefore, request.GetProperty("draftVersion").GetInt64());
        Assert.Equal(newestBefore, await NewestRevisionAsync(s.Owner, s.PolicyId));
        var audit = await fixture.Client.AuditAsync($"policyId={s.PolicyId}");
        Assert.DoesNotContain("request.merged", audit.Actions());
        Assert.DoesNotContain("request.merge-override", audit.Actions());
    }

    [Fact]
    public async Task A_request_that_breaks_an_assertion_is_refused_with_409_naming_it_and_nothing_is_stored()
    {
        var s = await ApprovedSshRequestAsync("# kept out\n" + NoSshFromTheInternet);
        var newest = await NewestRevisionAsync(s.Owner, s.PolicyId);
        var draftVersion = (await RequestAsync(s.Owner, s.RequestId)).GetProperty("draftVersion").GetInt64();

        var problem = await (await s.Editor.Client.RequestActionAsync(s.RequestId, "merge", new { })).ReadProblemAsync(HttpStatusCode.Conflict);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("line 2: no ssh from the internet: 8.8.8.8 -> web-1", detail, StringComparison.Ordinal);
        Assert.Contains("overrideReason", detail, StringComparison.Ordinal);
        Assert.Contains("would be allowed", problem.ErrorAt("assertions[line 2]"), StringComparison.Ordinal);
        await AssertNothingMergedAsync(s, newest, draftVersion);
        var preview = await (await s.Editor.Client.GetAsync($"/api/requests/{s.RequestId}/merge-preview", Token)).ReadAsync(HttpStatusCode.OK);
        var blocking = Assert.Single(preview.GetProperty("blockingAssertions").EnumerateArray());
        Assert.Equal(2, blocking.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task An_assertion_that_the_change_repairs_does_not_block()
    {
        var s = await ApprovedSshRequestAsync(OnCallReachesWeb);

        var merged = await (await s.Editor.Client.RequestActionAsync(s.RequestId, "merge", new { })).ReadAsync(HttpStatusCode.OK);

        Assert.Equal("merged", merged.GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_the_setting_off_a_request_that_breaks_an_assertion_merges()
    {
        var s = await ApprovedSshRequestAsync(NoSshFromTheInternet, blockMerge: false);

        var merged = await (await s.Editor.Client.RequestActionAsync(s.RequestId, "merge", new { })).ReadAsync(HttpStatusCode.OK);

        Assert.Equal("merged", merged.GetProperty("status").GetString());
        Assert.Empty(await fixture.Client.AuditAsync($"policyId={s.PolicyId}&action=request.merge-override"));
    }

    [Fact]
    public async Task An_assertion_that_cannot_be_evaluated_blocks_as_a_gate_that_cannot_be_checked_is_not_a_pass()
    {
        var s = await ApprovedSshRequestAsync(NamesAMissingHost);

        var problem = await (await s.Editor.Client.RequestActionAsync(s.RequestId, "merge", new { })).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("cannot be evaluated", problem.ErrorAt("assertions[line 1]"), StringComparison.Ordinal);
        Assert.Contains("web-99", problem.ErrorAt("assertions[line 1]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_overrides_with_a_reason_and_the_override_is_audited_and_said_in_the_conversation()
    {
        var s = await ApprovedSshRequestAsync(NoSshFromTheInternet);

        var merged = await (await s.Owner.Client.RequestActionAsync(s.RequestId, "merge",
            new { overrideReason = "  incident 4711: the on-call needs a shell tonight  " })).ReadAsync(HttpStatusCode.OK);

        Assert.Equal("merged", merged.GetProperty("status").GetString());
        var entry = Assert.Single(await fixture.Client.AuditAsync($"policyId={s.PolicyId}&action=request.merge-override"));
        var details = entry.GetProperty("details").GetString()!;
        Assert.Contains("reason: incident 4711: the on-call needs a shell tonight;", details, StringComparison.Ordinal);
        Assert.Contains("line 1: no ssh from the internet", details, StringComparison.Ordinal);
        Assert.Equal(s.Owner.Id, entry.GetProperty("actorUserId").GetGuid());
        var comment = Assert.Single((await RequestAsync(s.Editor, s.RequestId)).GetProperty("comments").EnumerateArray());
        Assert.Equal(s.Owner.Id, comment.GetProperty("authorUserId").GetGuid());
        Assert.Contains("Reason: incident 4711: the on-call needs a shell tonight\n", comment.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("line 1: no ssh from the internet", comment.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_or_a_reviewer_asking_to_override_gets_403_and_nothing_is_stored()
    {
        var s = await ApprovedSshRequestAsync(NoSshFromTheInternet);
        var newest = await NewestRevisionAsync(s.Owner, s.PolicyId);
        var draftVersion = (await RequestAsync(s.Owner, s.RequestId)).GetProperty("draftVersion").GetInt64();

        foreach (var user in new[] { s.Editor, s.Reviewer })
        {
            var problem = await (await user.Client.RequestActionAsync(s.RequestId, "merge", new { overrideReason = "trust me" }))
                .ReadProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("owner role", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await AssertNothingMergedAsync(s, newest, draftVersion);
    }

    [Theory]
    [InlineData("   ", "a reason is required")]
    [InlineData("because\u0007", "control character U+0007")]
    public async Task An_empty_or_control_character_reason_is_refused_at_its_field(string reason, string expected)
    {
        var s = await ApprovedSshRequestAsync(NoSshFromTheInternet);
        var newest = await NewestRevisionAsync(s.Owner, s.PolicyId);
        var draftVersion = (await RequestAsync(s.Owner, s.RequestId)).GetProperty("draftVersion").GetInt64();

        var problem = await (await s.Owner.Client.RequestActionAsync(s.RequestId, "merge", new { overrideReason = reason }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.ErrorAt("overrideReason"), StringComparison.Ordinal);
        await AssertNothingMergedAsync(s, newest, draftVersion);
    }

    [Fact]
    public async Task A_reason_longer_than_the_limit_is_refused_at_its_field()
    {
        var s = await ApprovedSshRequestAsync(NoSshFromTheInternet);

        var problem = await (await s.Owner.Client.RequestActionAsync(s.RequestId, "merge", new { overrideReason = new string('x', 1001) }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("limit is 1,000", problem.ErrorAt("overrideReason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_if_match_is_412_before_the_gate_is_looked_at()
    {
        var s = await ApprovedSshRequestAsync(NoSshFromTheInternet);
        var stale = await s.Owner.Client.ETagOfAsync($"/api/requests/{s.RequestId}");
        var (_, version) = await s.Editor.Client.DraftAsync(s.DraftId);
        using var edit = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{s.DraftId}/groups/{DemoEstate.Web}/rules", version,
            new { direction = "inbound", protocol = "tcp", fromPort = 443, toPort = 443, cidr = "10.20.0.0/16", description = "corp https" });
        await (await s.Editor.Client.SendAsync(edit, Token)).ReadAsync(HttpStatusCode.Created);

        await (await MergeAsync(s.Owner.Client, s.RequestId, stale, new { overrideReason = "incident 4711" })).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal("open", (await RequestAsync(s.Owner, s.RequestId)).GetProperty("info").GetProperty("status").GetString());
        Assert.Empty(await fixture.Client.AuditAsync($"policyId={s.PolicyId}&action=request.merge-override"));
    }

    [Fact]
    public async Task A_token_overrides_only_when_it_writes_to_this_policy_and_its_user_is_an_owner()
    {
        var s = await ApprovedSshRequestAsync(NoSshFromTheInternet);
        var elsewhere = await s.Owner.Client.NewPolicyAsync();
        // The request's ETag read by the owner: a token that may not view the policy could not read it.
        async Task<HttpResponseMessage> OverrideWith(string token) => await MergeAsync(
            fixture.ClientWithToken(token), s.RequestId, await s.Owner.Client.ETagOfAsync($"/api/requests/{s.RequestId}"), new { overrideReason = "incident 4711" });

        await (await OverrideWith(await fixture.TokenAsync(s.Owner, TokenScope.Read, s.PolicyId))).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await OverrideWith(await fixture.TokenAsync(s.Owner, TokenScope.Write, elsewhere))).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await OverrideWith(await fixture.TokenAsync(s.Editor, TokenScope.Write, s.PolicyId))).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty(await fixture.Client.AuditAsync($"policyId={s.PolicyId}&action=request.merge-override"));

        var merged = await (await OverrideWith(await fixture.TokenAsync(s.Owner, TokenScope.Write, s.PolicyId))).ReadAsync(HttpStatusCode.OK);

        Assert.Equal("merged", merged.GetProperty("status").GetString());
        Assert.Single(await fixture.Client.AuditAsync($"policyId={s.PolicyId}&action=request.merge-override"));
    }

    [Fact]
    public async Task The_gate_setting_is_off_by_default_changed_behind_if_match_and_audited()
    {
        var owner = await fixture.NewUserAsync("Ona Owner");
        var policyId = await owner.Client.NewPolicyAsync();
        var before = await owner.Client.ETagOfAsync(Settings(policyId));
        Assert.False((await (await owner.Client.GetAsync(Settings(policyId), Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("assertionsBlockMerge").GetBoolean());

        var on = await (await owner.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { assertionsBlockMerge = true }))
            .ReadAsync(HttpStatusCode.OK);

        Assert.True(on.GetProperty("assertionsBlockMerge").GetBoolean());
        Assert.NotEqual(before, await owner.Client.ETagOfAsync(Settings(policyId)));
        var entry = Assert.Single(await owner.Client.AuditAsync($"policyId={policyId}&action=policy.settings-changed"));
        Assert.Contains("assertions block merge off → on", entry.GetProperty("details").GetString(), StringComparison.Ordinal);
        using var stale = new HttpRequestMessage(HttpMethod.Put, Settings(policyId)) { Content = JsonContent.Create(new { assertionsBlockMerge = false }) };
        stale.Headers.TryAddWithoutValidation("If-Match", before);
        await (await owner.Client.SendAsync(stale, Token)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await owner.Client.PutAsJsonAsync(Settings(policyId), new { assertionsBlockMerge = false }, Token)).ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.True((await (await owner.Client.GetAsync(Settings(policyId), Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("assertionsBlockMerge").GetBoolean());
    }
}

public sealed class AssertionGateApiSqliteTests(SqliteApp fixture) : AssertionGateApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class AssertionGateApiPostgresTests(PostgresApp fixture) : AssertionGateApiTests(fixture), IClassFixture<PostgresApp>;
