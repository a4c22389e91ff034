using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Policies;

/// <summary><c>/api/policies/{policyId}/revisions</c>: the immutable published history of a policy.</summary>
public static class RevisionsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapRevisionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policies/{policyId:guid}/revisions").WithTags("Revisions").ProducesStoreProblems();

        api.MapGet("/", ListRevisions).WithName("ListRevisions").WithSummary("A policy's revisions, newest first")
            .Paged("newest first by revision number (unique in a policy)").RequirePolicyAccess(PolicyAction.View);
        api.MapGet("/latest", GetLatestRevision).WithName("GetLatestRevision").WithSummary("The newest revision with its content").RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapGet("/{number:int}", GetRevision).WithName("GetRevision").WithSummary("One revision with its content").RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        return api;
    }

    private static async Task<Results<Ok<Page<RevisionInfo>>, ProblemHttpResult, ValidationProblem>> ListRevisions(
        Guid policyId, string? limit, string? cursor, HttpContext http, PolicyStore store, CancellationToken ct)
    {
        var list = new PagedList("revisions", policyId.ToString());
        var (page, invalid) = list.Read(limit, cursor);
        if (invalid is not null)
            return invalid;
        return (await store.ListRevisionsAsync(policyId, page!, ct)).ToHttp(p => list.Ok(http, p));
    }

    private static async Task<Results<Ok<RevisionResponse>, ProblemHttpResult, ValidationProblem>> GetLatestRevision(
        Guid policyId, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        (await store.GetRevisionAsync(policyId, null, ct)).ToHttp(r => Tagged(response, r));

    private static async Task<Results<Ok<RevisionResponse>, ProblemHttpResult, ValidationProblem>> GetRevision(
        Guid policyId, int number, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        (await store.GetRevisionAsync(policyId, number, ct)).ToHttp(r => Tagged(response, r));

    // A revision never changes, so its number is a strong validator; for "latest" it changes with each publish or merge.
    private static Ok<RevisionResponse> Tagged(HttpResponse response, RevisionContent revision)
    {
        response.Headers.ETag = RevisionTag(revision.Info.Number);
        return TypedResults.Ok(RevisionResponse.From(revision));
    }

    /// <summary>The entity tag of revision <paramref name="number"/>.</summary>
    public static string RevisionTag(int number) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\"r{number}\"");
}

/// <summary>A revision's metadata and content.</summary>
/// <param name="Revision">Number, message, author, time.</param>
/// <param name="Estate">What the revision holds; it never changes.</param>
public sealed record RevisionResponse(RevisionInfo Revision, EstateResponse Estate)
{
    /// <summary>From the store's revision.</summary>
    public static RevisionResponse From(RevisionContent content) => new(content.Info, EstateResponse.From(content.Estate));
}
