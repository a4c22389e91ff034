using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Core.Samples;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Review;

/// <summary>
/// Two approved change requests on the same base revision, merged over HTTP at the same moment on PostgreSQL: exactly
/// one merges from the base; the other is rebased onto it (both changes land) or, when both changed the same rule,
/// refused with 409 and its draft kept. No revision number is used twice and no rule is lost.
/// </summary>
public sealed class ConcurrentMergeHttpTests(PostgresApp fixture) : IClassFixture<PostgresApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_requests_changing_different_rules_both_land_and_the_newest_revision_has_both()
    {
        var (policyId, editor, reviewer) = await TeamAsync();
        var first = await ApprovedRequestAsync(policyId, editor, reviewer, "sgr-0000000000000ae01", 9001);
        var second = await ApprovedRequestAsync(policyId, editor, reviewer, "sgr-0000000000000ae02", 9002);

        var answers = await Task.WhenAll(MergeAsync(editor, first), MergeAsync(editor, second));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var merged = await Task.WhenAll(answers.Select(async a => (await a.ReadAsync(HttpStatusCode.OK)).GetProperty("mergedRevision").GetInt32()));
        Assert.Equal([2, 3], merged.Order());
        var rules = await WebRulesAsync(editor, policyId, "latest");
        Assert.Contains("sgr-0000000000000ae01", rules);
        Assert.Contains("sgr-0000000000000ae02", rules);
        Assert.Superset(await WebRulesAsync(editor, policyId, "1"), rules);
    }

    [Fact]
    public async Task Two_requests_changing_the_same_rule_merge_one_and_refuse_the_other_keeping_its_draft()
    {
        var (policyId, editor, reviewer) = await TeamAsync();
        var ruleId = DemoEstate.Build().FindGroup(DemoEstate.Web)!.Rules.First(r => r.Direction == Core.Model.Direction.Inbound).Id;
        var first = await ApprovedRequestAsync(policyId, editor, reviewer, ruleId, 8081);
        var second = await ApprovedRequestAsync(policyId, editor, reviewer, ruleId, 8082);

        var answers = await Task.WhenAll(MergeAsync(editor, first), MergeAsync(editor, second));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var refused = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("conflict", (await refused.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var revisions = await editor.Client.AllPagesAsync($"/api/policies/{policyId}/revisions");
        Assert.Equal(2, revisions.Count);
        var loser = answers[0].StatusCode == HttpStatusCode.Conflict ? second : first;
        var (draft, _) = await editor.Client.DraftAsync(loser.DraftId);
        Assert.Contains(draft.Group(DemoEstate.Web).GetProperty("rules").EnumerateArray(),
            r => r.GetProperty("id").GetString() == ruleId && r.GetProperty("fromPort").GetInt32() == loser.Port);
    }

    private sealed record Proposal(Guid RequestId, Guid DraftId, int Port);

    private async Task<(Guid PolicyId, TestUser Editor, TestUser Reviewer)> TeamAsync()
    {
        var store = fixture.App.Services.GetRequiredService<PolicyStore>();
        var policy = (await store.CreatePolicyAsync($"merges {Guid.NewGuid():N}", null, DemoEstate.Build(), fixture.Admin.Actor, Ct)).Value;
        return (policy.Id, await fixture.NewUserAsync("Eddie Editor", policy.Id, PolicyRole.Editor), await fixture.NewUserAsync("Rita Reviewer", policy.Id, PolicyRole.Reviewer));
    }

    // A draft on revision 1 that puts an inbound tcp rule on the web group, proposed by the editor, approved by the reviewer.
    private static async Task<Proposal> ApprovedRequestAsync(Guid policyId, TestUser editor, TestUser reviewer, string ruleId, int port)
    {
        var draft = await (await editor.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = $"port {port}", baseRevision = 1 }, Ct))
            .ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        using var put = ApiSteps.WithVersion(HttpMethod.Put, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules/{ruleId}", draft.GetProperty("version").GetInt64(),
            new { direction = "inbound", protocol = "tcp", fromPort = port, toPort = port, cidr = "10.0.0.0/16", description = $"port {port}" });
        await (await editor.Client.SendAsync(put, Ct)).ReadAsync(HttpStatusCode.OK);
        var request = await (await editor.Client.PostAsJsonAsync($"/api/drafts/{draftId}/request", new { title = $"open {port}" }, Ct)).ReadAsync(HttpStatusCode.Created);
        var requestId = request.GetProperty("id").GetGuid();
        await (await reviewer.Client.RequestActionAsync(requestId, "reviews", new { verdict = "approve" })).ReadAsync(HttpStatusCode.Created);
        return new Proposal(requestId, draftId, port);
    }

    private static Task<HttpResponseMessage> MergeAsync(TestUser editor, Proposal proposal) =>
        editor.Client.RequestActionAsync(proposal.RequestId, "merge", new { });

    private static async Task<HashSet<string>> WebRulesAsync(TestUser user, Guid policyId, string revision)
    {
        var body = await user.Client.GetFromJsonAsync<JsonElement>($"/api/policies/{policyId}/revisions/{revision}", Ct);
        var estate = body.GetProperty("estate");
        return [.. estate.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()).Select(r => r.GetProperty("id").GetString()!)];
    }
}
