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

        api.MapGet("/", ListPolicies).WithName("ListPolicies").WithSummary("Every policy with its revision count and last change").RequireSignedIn();
        api.MapGet("/{policyId:guid}", GetPolicy).WithName("GetPolicy").WithSummary("One policy's summary").RequirePolicyAccess(PolicyAction.View);
        api.MapPost("/", CreatePolicy).WithName("CreatePolicy").WithSummary("Create a policy with an empty revision 1").RequireSignedIn()
            .WithIdempotency();
        api.MapPut("/{policyId:guid}", RenamePolicy).WithName("RenamePolicy").WithSummary("Rename a policy and optionally replace its description").RequirePolicyAccess(PolicyAction.ManageSettings);
        api.MapDelete("/{policyId:guid}", DeletePolicy).WithName("DeletePolicy").WithSummary("Delete a policy with its whole history").RequirePolicyAccess(PolicyAction.ManageSettings);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<PolicySummary>>> ListPolicies(Caller caller, PolicyStore store, PolicyAccess access, CancellationToken ct)
    {
        var visible = (await access.VisiblePoliciesAsync(caller.UserId, caller.Token, ct)).ToHashSet();
        IReadOnlyList<PolicySummary> policies = [.. (await store.ListPoliciesAsync(ct)).Where(p => visible.Contains(p.Id))];
        return TypedResults.Ok(policies);
    }

    private static async Task<Results<Ok<PolicySummary>, ProblemHttpResult, ValidationProblem>> GetPolicy(
        Guid policyId, PolicyStore store, CancellationToken ct) =>
        (await store.GetPolicyAsync(policyId, ct)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Created<PolicySummary>, ProblemHttpResult, ValidationProblem>> CreatePolicy(
        PolicyRequest request, Caller caller, PolicyEditor editor, CancellationToken ct) =>
        (await editor.CreateAsync(caller, request.Name ?? "", request.Description, ct: ct)).ToHttp(p => TypedResults.Created($"/api/policies/{p.Id}", p));

    private static async Task<Results<Ok<PolicySummary>, ProblemHttpResult, ValidationProblem>> RenamePolicy(
        Guid policyId, PolicyRequest request, Caller caller, PolicyEditor editor, CancellationToken ct) =>
        (await editor.RenameAsync(caller, policyId, request.Name ?? "", request.Description, ct)).ToHttp(TypedResults.Ok);

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeletePolicy(
        Guid policyId, Caller caller, PolicyEditor editor, CancellationToken ct) =>
        (await editor.DeleteAsync(caller, policyId, ct)).ToHttp(_ => TypedResults.NoContent());
}

/// <summary>A policy's name and description.</summary>
/// <param name="Name">Unique ignoring case, 1..200 characters (<see cref="Core.Validation.AwsLimits.PolicyNameMaxLength"/>).</param>
/// <param name="Description">Free text; on rename, null keeps the current one.</param>
public sealed record PolicyRequest(string? Name, string? Description);
