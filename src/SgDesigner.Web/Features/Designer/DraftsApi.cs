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
        policyDrafts.MapGet("/", ListDrafts).WithName("ListDrafts").WithSummary("A policy's open drafts, newest first").RequirePolicyAccess(PolicyAction.View);
        policyDrafts.MapPost("/", CreateDraft).WithName("CreateDraft").WithSummary("Open a draft from a revision (default: the latest)").RequirePolicyAccess(PolicyAction.Edit)
            .WithIdempotency();

        var drafts = app.MapGroup("/api/drafts/{draftId:guid}").WithTags("Drafts").ProducesStoreProblems();
        drafts.MapGet("/", GetDraft).WithName("GetDraft").WithSummary("A draft with its content; the ETag is its version").RequirePolicyAccess(PolicyAction.View);
        drafts.MapPost("/publish", PublishDraft).WithName("PublishDraft").WithSummary("Publish a draft as the policy's next revision").RequirePolicyAccess(PolicyAction.Publish);
        drafts.MapDelete("/", AbandonDraft).WithName("AbandonDraft").WithSummary("Close a draft without publishing it").RequirePolicyAccess(PolicyAction.Edit);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<DraftInfo>>, ProblemHttpResult, ValidationProblem>> ListDrafts(
        Guid policyId, PolicyStore store, CancellationToken ct) =>
        (await store.ListDraftsAsync(policyId, includeClosed: false, ct)).ToHttp(TypedResults.Ok);

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
        // The version is optional here: without one, the draft is published as it stands.
        var errors = new RequestErrors();
        long? version = http.Headers.IfMatch.Count > 0 || request.Version is not null ? DraftVersion.Read(http, request.Version, errors) : null;
        if (errors.Any)
            return ApiResults.Invalid(errors);
        var result = await editor.PublishAsync(caller, draftId, request.Message ?? "", version, ct);
        return result.ToHttp(r => TypedResults.Created($"/api/policies/{r.PolicyId}/revisions/{r.Number}", r));
    }

    private static async Task<Results<Ok<DraftInfo>, ProblemHttpResult, ValidationProblem>> AbandonDraft(
        Guid draftId, long? version, Caller caller, HttpRequest http, DraftEditor editor, CancellationToken ct)
    {
        var errors = new RequestErrors();
        if (DraftVersion.Read(http, version, errors) is not { } expected)
            return ApiResults.Invalid(errors);
        return (await editor.AbandonAsync(caller, draftId, expected, ct)).ToHttp(TypedResults.Ok);
    }
}

/// <summary>Opens a draft.</summary>
/// <param name="BaseRevision">The revision to start from; null for the latest.</param>
/// <param name="Title">What the change is about.</param>
public sealed record CreateDraftRequest(int? BaseRevision, string? Title);

/// <summary>Publishes a draft.</summary>
/// <param name="Message">What changed and why (required).</param>
/// <param name="Version">The draft version being published (or If-Match); null publishes the draft as it stands.</param>
public sealed record PublishRequest(string? Message, long? Version = null);

/// <summary>A draft's metadata (with the version to send back with the next edit) and content.</summary>
/// <param name="Draft">Metadata.</param>
/// <param name="Estate">The content being edited.</param>
public sealed record DraftResponse(DraftInfo Draft, EstateResponse Estate);
