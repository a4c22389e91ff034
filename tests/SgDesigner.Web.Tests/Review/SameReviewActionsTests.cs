using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Review;

/// <summary>
/// A request's whole life (open, comment, ask for changes, dismiss that review, approve, merge) made the request page's
/// way (<see cref="ReviewActions"/> with the circuit's caller) and over the HTTP API leaves the same audit rows and
/// raises the same live-update events, step by step: one write path for review.
/// </summary>
public abstract class SameReviewActionsTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_request_page_and_the_api_leave_the_same_audit_rows_and_events()
    {
        var editor = await fixture.NewUserAsync("Eddie Editor");
        var page = await ThroughThePageAsync(editor);
        var api = await ThroughTheApiAsync(editor);

        WriteTrace.AssertSame(page, api);
        Assert.All(page, step => Assert.NotEmpty(step.Audit));
        Assert.All(page, step => Assert.NotEmpty(step.Events));
        Assert.Equal(["request.opened", "request.commented", "request.changes-requested", "request.review-dismissed", "request.approved"],
            page.Take(5).Select(r => r.Audit.Single().Action));
        Assert.Contains(page[5].Audit, a => a.Action == "request.merged");
    }

    private async Task<List<WriteRecord>> ThroughThePageAsync(TestUser editor)
    {
        var (labels, draftId) = await NewDraftAsync(editor);
        var actions = fixture.App.Services.GetRequiredService<ReviewActions>();
        var (author, owner) = (WriteTrace.PageCaller(editor), WriteTrace.PageCaller(fixture.Admin, isAdministrator: true));
        var trace = new WriteTrace(fixture, labels);
        var records = new List<WriteRecord>();
        var requestId = Guid.Empty;
        async Task StepAsync<T>(Func<Task<StoreResult<T>>> action, Action<T>? then = null) =>
            records.Add(await trace.RecordAsync(async () =>
            {
                var done = await action();
                Assert.True(done.IsOk, done.ToString());
                then?.Invoke(done.Value);
            }));

        await StepAsync(() => actions.OpenAsync(author, draftId, "SSH to the web tier", "the on-call needs a shell", Token),
            opened => labels[(requestId = opened.Id).ToString()] = "request");
        await StepAsync(() => actions.CommentAsync(owner, requestId, "why the whole internet?", null, null, Token));
        var reviewId = Guid.Empty;
        await StepAsync(() => actions.ReviewAsync(owner, requestId, ReviewVerdict.RequestChanges, "narrow it", ct: Token), r => reviewId = r.Id);
        await StepAsync(() => actions.DismissReviewAsync(owner, requestId, reviewId, "discussed on the call", Token));
        await StepAsync(() => actions.ReviewAsync(owner, requestId, ReviewVerdict.Approve, null, ct: Token));
        await StepAsync(() => actions.MergeAsync(owner, requestId, null, ct: Token));
        return records;
    }

    private async Task<List<WriteRecord>> ThroughTheApiAsync(TestUser editor)
    {
        var (labels, draftId) = await NewDraftAsync(editor);
        var trace = new WriteTrace(fixture, labels);
        var records = new List<WriteRecord>();
        async Task<JsonElement> PostAsync(HttpClient client, string uri, object body, HttpStatusCode expected, Action<JsonElement>? then = null)
        {
            var answer = default(JsonElement);
            records.Add(await trace.RecordAsync(async () =>
            {
                // A verdict and a merge name the draft version they act on (the request's ETag).
                var send = uri.EndsWith("/reviews", StringComparison.Ordinal) || uri.EndsWith("/merge", StringComparison.Ordinal)
                    ? client.SendIfMatchAsync(HttpMethod.Post, uri, uri[..uri.LastIndexOf('/')], body)
                    : client.PostAsJsonAsync(uri, body, Token);
                answer = await (await send).ReadAsync(expected);
                then?.Invoke(answer);
            }));
            return answer;
        }

        var requestId = (await PostAsync(editor.Client, $"/api/drafts/{draftId}/request",
            new { title = "SSH to the web tier", description = "the on-call needs a shell" }, HttpStatusCode.Created,
            opened => labels[opened.GetProperty("id").GetGuid().ToString()] = "request")).GetProperty("id").GetGuid();
        var requests = $"/api/requests/{requestId}";
        await PostAsync(fixture.Client, $"{requests}/comments", new { body = "why the whole internet?" }, HttpStatusCode.Created);
        var reviewId = (await PostAsync(fixture.Client, $"{requests}/reviews", new { verdict = "request-changes", body = "narrow it" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await PostAsync(fixture.Client, $"{requests}/reviews/{reviewId}/dismiss", new { reason = "discussed on the call" }, HttpStatusCode.OK);
        await PostAsync(fixture.Client, $"{requests}/reviews", new { verdict = "approve" }, HttpStatusCode.Created);
        await PostAsync(fixture.Client, $"{requests}/merge", new { }, HttpStatusCode.OK);
        return records;
    }

    // A copy of the demo policy owned by the administrator, with the editor as a member and a draft of theirs that opens
    // ssh to the web tier: what each run starts from.
    private async Task<(Dictionary<string, string> Labels, Guid DraftId)> NewDraftAsync(TestUser editor)
    {
        var policies = fixture.App.Services.GetRequiredService<PolicyStore>();
        var policyId = (await policies.CreatePolicyAsync($"review {Guid.NewGuid():N}", null, DemoEstate.Build(), fixture.Admin.Actor, Token)).Value.Id;
        var member = await fixture.App.Services.GetRequiredService<MembershipStore>().AddAsync(fixture.Admin.Actor, policyId, editor.Id, PolicyRole.Editor, Token);
        Assert.True(member.IsOk, member.ToString());
        var draft = await (await editor.Client.PostAsJsonAsync($"/api/policies/{policyId}/drafts", new { title = "ssh" }, Token)).ReadAsync(HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetGuid();
        using var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules", draft.GetProperty("version").GetInt64(),
            new { direction = "inbound", protocol = "tcp", fromPort = 22, toPort = 22, cidr = "0.0.0.0/0", description = "on-call ssh" });
        await (await editor.Client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created);
        return (new Dictionary<string, string> { [policyId.ToString()] = "policy", [draftId.ToString()] = "draft" }, draftId);
    }
}

public sealed class SameReviewActionsSqliteTests(SqliteApp fixture) : SameReviewActionsTests(fixture), IClassFixture<SqliteApp>;

public sealed class SameReviewActionsPostgresTests(PostgresApp fixture) : SameReviewActionsTests(fixture), IClassFixture<PostgresApp>;
