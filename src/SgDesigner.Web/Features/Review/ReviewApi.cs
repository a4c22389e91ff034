using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Review;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Idempotency;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// Change requests: a policy's list (<c>/api/policies/{policyId}/requests</c>), opening one from a draft
/// (<c>/api/drafts/{draftId}/request</c>), and one request's details, impact, comments, reviews, merge and close
/// (<c>/api/requests/{requestId}</c>). Each endpoint needs a role on the policy; every write goes through <see cref="ReviewActions"/>.
/// </summary>
public static class ReviewApi
{
    private const string Tag = "Change requests";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/policies/{policyId:guid}/requests").WithTags(Tag).ProducesStoreProblems();
        policies.MapGet("/", ListRequests).WithName("ListChangeRequests")
            .WithSummary("A policy's change requests, newest first; merged and closed ones with ?all=true")
            .Paged("newest first by request number (unique in a policy); repeat `all` with each cursor").RequirePolicyAccess(PolicyAction.View);

        var drafts = app.MapGroup("/api/drafts/{draftId:guid}/request").WithTags(Tag).ProducesStoreProblems();
        drafts.MapPost("/", OpenRequest).WithName("OpenChangeRequest")
            .WithSummary("Propose a draft as a change request").RequirePolicyAccess(PolicyAction.Edit).WithIdempotency();

        app.MapGet("/api/requests/waiting-for-me", WaitingForMe).WithTags(Tag).WithName("ListChangeRequestsWaitingForMyReview")
            .WithSummary("Active change requests that ask the caller to review and have no review of theirs that stands for the draft as it is now")
            .Paged("newest first by creation time, then by id (descending)").RequireSignedIn();

        var requests = app.MapGroup("/api/requests/{requestId:guid}").WithTags(Tag).ProducesStoreProblems();
        requests.MapGet("/", GetRequest).WithName("GetChangeRequest")
            .WithSummary("A request with its comments, reviews, approvals and what the caller may do").RequirePolicyAccess(PolicyAction.View)
            .ConditionalGet();
        requests.MapGet("/impact", GetImpact).WithName("GetChangeRequestImpact")
            .WithSummary("Rule changes, flows opened and closed, new lint findings, assertions broken").RequirePolicyAccess(PolicyAction.View);
        requests.MapGet("/comments", ListComments).WithName("ListChangeRequestComments")
            .WithSummary("The request's comments (the request itself embeds them all)").Paged("oldest first by time, then by id")
            .RequirePolicyAccess(PolicyAction.View);
        requests.MapPut("/reviewers", SetReviewers).WithName("SetChangeRequestReviewers")
            .WithSummary("Replace who is asked to review (user ids or e-mails of the policy's reviewers and owners; the author or an owner)")
            .RequirePolicyAccess(PolicyAction.Edit);
        requests.MapPost("/reviewers", AddReviewers).WithName("AddChangeRequestReviewers")
            .WithSummary("Ask more reviewers (user ids or e-mails of the policy's reviewers and owners; the author or an owner)")
            .RequirePolicyAccess(PolicyAction.Edit);
        requests.MapPost("/comments", Comment).WithName("CommentOnChangeRequest")
            .WithSummary("Comment on the request, or on one of its groups or rules").RequirePolicyAccess(PolicyAction.Comment).WithIdempotency();
        requests.MapPost("/reviews", Review).WithName("ReviewChangeRequest")
            .WithSummary("Approve or request changes (never on one's own request)").RequirePolicyAccess(PolicyAction.Review)
            .RequiresIfMatch(RequestVersion.Source);
        requests.MapPost("/reviews/{reviewId:guid}/dismiss", DismissReview).WithName("DismissChangeRequestReview")
            .WithSummary("Dismiss someone's review so it no longer counts or blocks, with a reason (owners)").RequirePolicyAccess(PolicyAction.ManageSettings);
        requests.MapPost("/merge", Merge).WithName("MergeChangeRequest")
            .WithSummary("Publish an approved request as the policy's next revision").RequirePolicyAccess(PolicyAction.Merge)
            .RequiresIfMatch(RequestVersion.Source);
        requests.MapGet("/merge-preview", PreviewMerge).WithName("PreviewChangeRequestMerge")
            .WithSummary("Whether the request is up to date, rebases cleanly, or has conflicts to resolve").RequirePolicyAccess(PolicyAction.View);
        requests.MapPost("/resolve", Resolve).WithName("ResolveChangeRequestConflicts")
            .WithSummary("Rebase the draft onto the newest revision with a side chosen per conflict").RequirePolicyAccess(PolicyAction.Edit)
            .RequiresIfMatch(RequestVersion.Source);
        requests.MapPost("/close", Close).WithName("CloseChangeRequest")
            .WithSummary("Close a request without merging (its author or an owner)").RequirePolicyAccess(PolicyAction.Edit);
        return app;
    }

    private static async Task<Results<Ok<Page<ChangeRequestInfo>>, ProblemHttpResult, ValidationProblem>> ListRequests(
        Guid policyId, bool? all, string? limit, string? cursor, HttpContext http, ReviewStore reviews, CancellationToken ct)
    {
        // `all` changes which rows the list holds: a cursor of one is no cursor of the other.
        var list = new PagedList("requests", $"{policyId}/{(all == true ? "all" : "active")}");
        var (page, invalid) = list.Read(limit, cursor);
        if (invalid is not null)
            return invalid;
        return (await reviews.ListAsync(policyId, all == true, page!, ct)).ToHttp(p => list.Ok(http, p));
    }

    private static async Task<Results<Ok<Page<ReviewCommentInfo>>, ProblemHttpResult, ValidationProblem>> ListComments(
        Guid requestId, string? limit, string? cursor, HttpContext http, ReviewStore reviews, CancellationToken ct)
    {
        var list = new PagedList("comments", requestId.ToString());
        var (page, invalid) = list.Read(limit, cursor);
        if (invalid is not null)
            return invalid;
        return (await reviews.ListCommentsAsync(requestId, page!, ct)).ToHttp(p => list.Ok(http, p));
    }

    private static async Task<Results<Created<ChangeRequestInfo>, ProblemHttpResult, ValidationProblem>> OpenRequest(
        Guid draftId, OpenRequestBody body, Caller caller, ReviewActions actions, CancellationToken ct) =>
        (await actions.OpenAsync(caller, draftId, body.Title ?? "", body.Description, body.Reviewers ?? [], ct))
        .ToHttp(r => TypedResults.Created($"/api/requests/{r.Id}", r));

    private static async Task<Results<Ok<IReadOnlyList<RequestedReviewerInfo>>, ProblemHttpResult, ValidationProblem>> SetReviewers(
        Guid requestId, ReviewersBody body, Caller caller, ReviewActions actions, CancellationToken ct) =>
        (await actions.SetReviewersAsync(caller, requestId, body.Reviewers ?? [], addToCurrent: false, ct)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<IReadOnlyList<RequestedReviewerInfo>>, ProblemHttpResult, ValidationProblem>> AddReviewers(
        Guid requestId, ReviewersBody body, Caller caller, ReviewActions actions, CancellationToken ct) =>
        (await actions.SetReviewersAsync(caller, requestId, body.Reviewers ?? [], addToCurrent: true, ct)).ToHttp(TypedResults.Ok);

    // A token bound to one policy sees only that policy's requests; a read token may list (it changes nothing).
    private static async Task<Results<Ok<Page<ChangeRequestInfo>>, ValidationProblem>> WaitingForMe(
        string? limit, string? cursor, Caller caller, HttpContext http, ReviewStore reviews, CancellationToken ct)
    {
        var list = new PagedList("waiting-for-me");
        var (page, invalid) = list.Read(limit, cursor);
        if (invalid is not null)
            return invalid;
        return list.Ok(http, await reviews.WaitingForReviewAsync(caller.UserId, caller.Token?.PolicyId, page!, ct));
    }

    private static async Task<Results<Ok<RequestResponse>, ProblemHttpResult, ValidationProblem>> GetRequest(
        Guid requestId, Caller caller, HttpContext http, ReviewStore reviews, PolicyAccess access, CancellationToken ct)
    {
        var details = await reviews.GetAsync(requestId, ct);
        var may = details.IsOk ? await RequestPermissions.ForAsync(caller, access, details.Value, ct) : null;
        return details.ToHttp(d =>
        {
            var answer = new RequestResponse(
                d, may!.IsAuthor, may.CanComment, may.CanReview, may.CanApprove, may.WhyNotApprove, may.CanMerge, may.CanClose, may.CanDismiss,
                may.HasApproved);
            http.Response.Headers.ETag = RequestVersion.Tag(d.DraftVersion, Preconditions.RepresentationTag(http, answer));
            return TypedResults.Ok(answer);
        });
    }

    private static async Task<Results<Ok<ImpactView>, ProblemHttpResult, ValidationProblem>> GetImpact(
        Guid requestId, RequestImpacts impacts, CancellationToken ct) =>
        (await impacts.GetAsync(requestId, ct)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Created<ReviewCommentInfo>, ProblemHttpResult, ValidationProblem>> Comment(
        Guid requestId, CommentBody body, Caller caller, ReviewActions actions, CancellationToken ct) =>
        (await actions.CommentAsync(caller, requestId, body.Body ?? "", body.GroupId, body.RuleId, ct))
        .ToHttp(c => TypedResults.Created($"/api/requests/{requestId}", c));

    private static async Task<Results<Created<ReviewInfo>, ProblemHttpResult, ValidationProblem>> Review(
        Guid requestId, ReviewBody body, Caller caller, HttpRequest http, ReviewActions actions, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var verdict = Verdicts.Parse(body.Verdict);
        if (verdict is null)
            errors.Add("verdict", "the verdict must be 'approve' or 'request-changes'");
        var version = RequestVersion.Read(http, body.Version, errors);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (version is not { } seen)
            return Preconditions.Required(RequestVersion.Source);
        return (await actions.ReviewAsync(caller, requestId, verdict!.Value, body.Body, seen, ct)).ToHttp(r => TypedResults.Created($"/api/requests/{requestId}", r));
    }

    private static async Task<Results<Ok<ReviewInfo>, ProblemHttpResult, ValidationProblem>> DismissReview(
        Guid requestId, Guid reviewId, DismissBody body, Caller caller, ReviewActions actions, CancellationToken ct) =>
        (await actions.DismissReviewAsync(caller, requestId, reviewId, body.Reason ?? "", ct)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<ChangeRequestInfo>, ProblemHttpResult, ValidationProblem>> Merge(
        Guid requestId, MergeBody? body, Caller caller, HttpRequest http, ReviewActions actions, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var version = RequestVersion.Read(http, body?.Version, errors);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (version is not { } seen)
            return Preconditions.Required(RequestVersion.Source);
        return (await actions.MergeAsync(caller, requestId, body?.Message, seen, body?.OverrideReason, ct)).ToHttp(TypedResults.Ok);
    }

    private static async Task<Results<Ok<ChangeRequestInfo>, ProblemHttpResult, ValidationProblem>> Close(
        Guid requestId, Caller caller, ReviewActions actions, CancellationToken ct) =>
        (await actions.CloseAsync(caller, requestId, ct)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<MergePreviewView>, ProblemHttpResult, ValidationProblem>> PreviewMerge(
        Guid requestId, ReviewStore reviews, CancellationToken ct) =>
        (await reviews.PreviewMergeAsync(requestId, ct)).ToHttp(p => TypedResults.Ok(MergePreviewView.From(p)));

    private static async Task<Results<Ok<DraftInfo>, ProblemHttpResult, ValidationProblem>> Resolve(
        Guid requestId, ResolveBody body, Caller caller, HttpRequest http, ReviewActions actions, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var version = RequestVersion.Read(http, body.Version, errors);
        var choices = new Dictionary<string, MergeSide>();
        foreach (var (key, side) in body.Choices ?? [])
        {
            if (MergeSides.Parse(side) is { } parsed)
                choices[key] = parsed;
            else
                errors.Add($"choices[{key}]", "choose 'ours' or 'theirs'");
        }
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (version is not { } seen)
            return Preconditions.Required(RequestVersion.Source);
        return (await actions.ResolveConflictsAsync(caller, requestId, seen, choices, ct)).ToHttp(TypedResults.Ok);
    }
}

/// <summary>The verdicts as the API and the page name them.</summary>
public static class Verdicts
{
    /// <summary>"approve" or "request-changes" (case-insensitive), else null.</summary>
    public static ReviewVerdict? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "approve" => ReviewVerdict.Approve,
        "request-changes" => ReviewVerdict.RequestChanges,
        _ => null,
    };

    /// <summary>How a verdict is shown.</summary>
    public static string Describe(ReviewVerdict verdict) => verdict == ReviewVerdict.Approve ? "approved" : "requested changes";
}

/// <summary>The sides of a conflict as the API and the page name them.</summary>
public static class MergeSides
{
    /// <summary>"ours" (the draft) or "theirs" (the newest revision), case-insensitive, else null.</summary>
    public static MergeSide? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "ours" => MergeSide.Ours,
        "theirs" => MergeSide.Theirs,
        _ => null,
    };
}

/// <summary>The author's choices for a stale request's conflicts.</summary>
/// <param name="Version">The draft version the merge preview showed (or send the request's ETag as If-Match).</param>
/// <param name="Choices">Per conflict key, <c>ours</c> or <c>theirs</c>.</param>
public sealed record ResolveBody(long? Version, Dictionary<string, string>? Choices);

/// <summary>Opens a change request.</summary>
/// <param name="Title">Short summary (1 to 200 characters).</param>
/// <param name="Description">What and why.</param>
/// <param name="Reviewers">Who to ask to review: user ids or e-mails of the policy's reviewers and owners (not the author).</param>
public sealed record OpenRequestBody(string? Title, string? Description, List<string?>? Reviewers = null);

/// <summary>Who to ask to review a request.</summary>
/// <param name="Reviewers">User ids or e-mails of the policy's reviewers and owners (not the author).</param>
public sealed record ReviewersBody(List<string?>? Reviewers);

/// <summary>A comment.</summary>
/// <param name="Body">The text.</param>
/// <param name="GroupId">The group it is about, or null.</param>
/// <param name="RuleId">The rule it is about, or null.</param>
public sealed record CommentBody(string? Body, string? GroupId = null, string? RuleId = null);

/// <summary>A verdict.</summary>
/// <param name="Verdict"><c>approve</c> or <c>request-changes</c>.</param>
/// <param name="Body">A note, e.g. what to change.</param>
/// <param name="Version">The request's draft version this verdict is about (`draftVersion` of GET /api/requests/{requestId}); or send that request's ETag as If-Match.</param>
public sealed record ReviewBody(string? Verdict, string? Body = null, long? Version = null);

/// <summary>Dismisses a review.</summary>
/// <param name="Reason">Why (1 to 500 characters); shown in the conversation with the owner's name.</param>
public sealed record DismissBody(string? Reason);

/// <summary>Merges a request.</summary>
/// <param name="Message">The revision's message; default "#N title".</param>
/// <param name="Version">The request's draft version being merged (`draftVersion` of GET /api/requests/{requestId}); or send that request's ETag as If-Match.</param>
/// <param name="OverrideReason">When the policy's assertions block merging and the request breaks some (409 naming them):
/// why it is merged anyway (1 to 1,000 characters, no control characters but tab and line breaks). Only a policy owner may
/// send it (403 otherwise, also through a token); audited, and shown in the request's conversation.</param>
public sealed record MergeBody(string? Message, long? Version = null, string? OverrideReason = null);

/// <summary>A request, and what the caller may do on it.</summary>
/// <param name="Request">The request, its conversation and approvals.</param>
/// <param name="IsAuthor">The caller opened it.</param>
/// <param name="CanComment">The caller may comment.</param>
/// <param name="CanReview">The caller may review: request changes, and approve unless <paramref name="CanApprove"/> says otherwise.</param>
/// <param name="CanApprove">The caller may approve (a reviewer who changed nothing in the draft).</param>
/// <param name="WhyNotApprove">Why a reviewer may not approve (they authored changes in it), or null.</param>
/// <param name="CanMerge">The caller may merge it now.</param>
/// <param name="CanClose">The caller may close it.</param>
/// <param name="CanDismiss">The caller may dismiss reviews (an owner).</param>
/// <param name="HasApproved">The caller's review that stands for the draft as it is now is an approval.</param>
public sealed record RequestResponse(
    ChangeRequestDetails Request, bool IsAuthor, bool CanComment, bool CanReview, bool CanApprove, string? WhyNotApprove, bool CanMerge,
    bool CanClose, bool CanDismiss, bool HasApproved);
