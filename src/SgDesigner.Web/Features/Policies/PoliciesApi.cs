using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Idempotency;

namespace SgDesigner.Web.Features.Policies;

/// <summary><c>/api/policies</c>: list, create, rename and delete policies.</summary>
public static class PoliciesApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapPoliciesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policies").WithTags("Policies").ProducesStoreProblems();

        api.MapGet("/", ListPolicies).WithName("ListPolicies").WithSummary("The policies the caller may see, with their revision count and last change")
            .Paged("by name ignoring case, then by id").RequireSignedIn();
        api.MapGet("/{policyId:guid}", GetPolicy).WithName("GetPolicy").WithSummary("One policy's summary; the ETag covers its name and description")
            .RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapPost("/", CreatePolicy).WithName("CreatePolicy").WithSummary("Create a policy with an empty revision 1").RequireSignedIn()
            .WithIdempotency();
        api.MapPut("/{policyId:guid}", RenamePolicy).WithName("RenamePolicy").WithSummary("Rename a policy and optionally replace its description").RequirePolicyAccess(PolicyAction.ManageSettings).RequiresIfMatch(Source);
        api.MapDelete("/{policyId:guid}", DeletePolicy).WithName("DeletePolicy").WithSummary("Delete a policy with its whole history").RequirePolicyAccess(PolicyAction.ManageSettings).RequiresIfMatch(Source);
        return api;
    }

    // Whoever calls, the cursor is only a position in the names: what the page holds is what this caller may see.
    private static async Task<Results<Ok<Page<PolicySummary>>, ValidationProblem>> ListPolicies(
        string? limit, string? cursor, Caller caller, HttpContext http, PolicyStore store, CancellationToken ct)
    {
        var list = new PagedList("policies");
        var (page, invalid) = list.Read(limit, cursor);
        if (invalid is not null)
            return invalid;
        return list.Ok(http, await store.ListPoliciesAsync(caller.UserId, caller.Token?.PolicyId, page!, ct));
    }

    private const string Source = "GET /api/policies/{policyId}";

    private static async Task<Results<Ok<PolicySummary>, ProblemHttpResult, ValidationProblem>> GetPolicy(
        Guid policyId, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        (await store.GetPolicyAsync(policyId, ct)).ToHttp(p => Tagged(response, p));

    private static Ok<PolicySummary> Tagged(HttpResponse response, PolicySummary policy)
    {
        Preconditions.Send(response, PolicyStore.PolicyTag(policy.Name, policy.Description));
        return TypedResults.Ok(policy);
    }

    private static async Task<Results<Created<PolicySummary>, ProblemHttpResult, ValidationProblem>> CreatePolicy(
        PolicyRequest request, Caller caller, PolicyEditor editor, CancellationToken ct) =>
        (await editor.CreateAsync(caller, request.Name ?? "", request.Description, ct: ct)).ToHttp(p => TypedResults.Created($"/api/policies/{p.Id}", p));

    private static async Task<Results<Ok<PolicySummary>, ProblemHttpResult, ValidationProblem>> RenamePolicy(
        Guid policyId, RenamePolicyRequest request, Caller caller, HttpContext http, PolicyEditor editor, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var expected = Preconditions.ReadTag(http.Request, request.Version, errors, Source);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (expected is null)
            return Preconditions.Required($"the ETag of {Source}");
        return (await editor.RenameAsync(caller, policyId, request.Name ?? "", request.Description, expected, ct)).ToHttp(p => Tagged(http.Response, p));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeletePolicy(
        Guid policyId, string? version, Caller caller, HttpRequest http, PolicyEditor editor, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var expected = Preconditions.ReadTag(http, version, errors, Source);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (expected is null)
            return Preconditions.Required($"the ETag of {Source}");
        return (await editor.DeleteAsync(caller, policyId, expected, ct)).ToHttp(_ => TypedResults.NoContent());
    }
}

/// <summary>A policy's name and description.</summary>
/// <param name="Name">Unique ignoring case, 1..200 characters (<see cref="Core.Validation.AwsLimits.PolicyNameMaxLength"/>).</param>
/// <param name="Description">Free text; on rename, null keeps the current one.</param>
public sealed record PolicyRequest(string? Name, string? Description);

/// <summary>A policy's new name and description, and the version they replace.</summary>
/// <param name="Name">Unique ignoring case, 1..200 characters (<see cref="Core.Validation.AwsLimits.PolicyNameMaxLength"/>).</param>
/// <param name="Description">Free text; null keeps the current one.</param>
/// <param name="Version">The policy's ETag (from GET /api/policies/{policyId}) this rename is based on; or send it as If-Match.</param>
public sealed record RenamePolicyRequest(string? Name, string? Description, string? Version = null);
