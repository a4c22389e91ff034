using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Idempotency;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// Drafts: editable copies of a revision (<c>/api/policies/{policyId}/drafts</c> to open and list them,
/// <c>/api/drafts/{draftId}</c> to read, publish or abandon one). Content edits live in their own features.
/// </summary>
public static class DraftsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapDraftsApi(this IEndpointRouteBuilder app)
    {
        var policyDrafts = app.MapGroup("/api/policies/{policyId:guid}/drafts").WithTags("Drafts").ProducesStoreProblems();
        policyDrafts.MapGet("/", ListDrafts).WithName("ListDrafts").WithSummary("A policy's open drafts, newest first")
            .Paged("newest first by creation time, then by id (descending)").RequirePolicyAccess(PolicyAction.View);
        policyDrafts.MapPost("/", CreateDraft).WithName("CreateDraft").WithSummary("Open a draft from a revision (default: the latest)").RequirePolicyAccess(PolicyAction.Edit)
            .WithIdempotency();

        var drafts = app.MapGroup("/api/drafts/{draftId:guid}").WithTags("Drafts").ProducesStoreProblems();
        drafts.MapGet("/", GetDraft).WithName("GetDraft").WithSummary("A draft with its content; the ETag is its version").RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        drafts.MapPost("/publish", PublishDraft).WithName("PublishDraft").WithSummary("Publish a draft as the policy's next revision").RequirePolicyAccess(PolicyAction.Publish).RequiresIfMatch();
        drafts.MapDelete("/", AbandonDraft).WithName("AbandonDraft").WithSummary("Close a draft without publishing it").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        return app;
    }

    private static async Task<Results<Ok<Page<DraftInfo>>, ProblemHttpResult, ValidationProblem>> ListDrafts(
        Guid policyId, string? limit, string? cursor, HttpContext http, PolicyStore store, CancellationToken ct)
    {
        var list = new PagedList("drafts", policyId.ToString());
        var (page, invalid) = list.Read(limit, cursor);
        if (invalid is not null)
            return invalid;
        return (await store.ListDraftsAsync(policyId, page!, ct)).ToHttp(p => list.Ok(http, p));
    }

    private static async Task<Results<Created<DraftInfo>, ProblemHttpResult, ValidationProblem>> CreateDraft(
        Guid policyId, CreateDraftRequest request, Caller caller, HttpResponse response, DraftEditor editor, CancellationToken ct)
    {
        var result = await editor.OpenAsync(caller, policyId, request.BaseRevision, request.Title ?? "", ct);
        // The policy in the URL was found by the access check: what is missing now is the revision the body named.
        if (request.BaseRevision is not null)
            result = result.MissingAt("baseRevision");
        return result.ToHttp(d =>
        {
            DraftVersion.Send(response, d.Version);
            return TypedResults.Created($"/api/drafts/{d.Id}", d);
        });
    }

    private static async Task<Results<Ok<DraftResponse>, ProblemHttpResult, ValidationProblem>> GetDraft(
        Guid draftId, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        (await store.GetDraftAsync(draftId, ct)).ToHttp(d =>
        {
            DraftVersion.Send(response, d.Info.Version);
            return TypedResults.Ok(new DraftResponse(d.Info, EstateResponse.From(d.Estate)));
        });

    private static async Task<Results<Created<RevisionInfo>, ProblemHttpResult, ValidationProblem>> PublishDraft(
        Guid draftId, PublishRequest request, Caller caller, HttpRequest http, DraftEditor editor, CancellationToken ct)
    {
        // Publishing what one has not seen is the worst lost update of all: the version is required here too.
        var errors = new RequestErrors();
        var version = DraftVersion.Read(http, request.Version, errors);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (version is not { } expected)
            return Preconditions.Required(DraftVersion.Source);
        var result = await editor.PublishAsync(caller, draftId, request.Message ?? "", expected, ct);
        return result.ToHttp(r => TypedResults.Created($"/api/policies/{r.PolicyId}/revisions/{r.Number}", r));
    }

    private static async Task<Results<Ok<DraftInfo>, ProblemHttpResult, ValidationProblem>> AbandonDraft(
        Guid draftId, long? version, Caller caller, HttpRequest http, DraftEditor editor, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var read = DraftVersion.Read(http, version, errors);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (read is not { } expected)
            return Preconditions.Required(DraftVersion.Source);
        return (await editor.AbandonAsync(caller, draftId, expected, ct)).ToHttp(TypedResults.Ok);
    }
}

/// <summary>Opens a draft.</summary>
/// <param name="BaseRevision">The revision to start from; null for the latest.</param>
/// <param name="Title">What the change is about.</param>
public sealed record CreateDraftRequest(int? BaseRevision, string? Title);

/// <summary>Publishes a draft.</summary>
/// <param name="Message">What changed and why (required).</param>
/// <param name="Version">The draft version being published; or send it as If-Match. One of the two is required (428 without).</param>
public sealed record PublishRequest(string? Message, long? Version = null);

/// <summary>A draft's metadata (with the version to send back with the next edit) and content.</summary>
/// <param name="Draft">Metadata.</param>
/// <param name="Estate">The content being edited.</param>
public sealed record DraftResponse(DraftInfo Draft, EstateResponse Estate);
