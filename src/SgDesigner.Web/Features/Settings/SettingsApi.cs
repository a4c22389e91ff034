using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Settings;

/// <summary>A policy's review settings.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="RequiredApprovals">Approvals a change request needs before it merges (1 to 20).</param>
/// <param name="Assertions">The policy's assertions, in the text format of <c>sgd check</c>.</param>
public sealed record PolicySettingsView(Guid PolicyId, int RequiredApprovals, string Assertions);

/// <summary><c>/api/policies/{policyId}/settings</c>: how many approvals a change needs, and the assertions it must keep.</summary>
public static class SettingsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policies/{policyId:guid}/settings").WithTags("Settings").ProducesStoreProblems();
        api.MapGet("/", GetSettings).WithName("GetPolicySettings").WithSummary("The policy's required approvals and assertions")
            .RequirePolicyAccess(PolicyAction.View);
        api.MapPut("/", SetSettings).WithName("SetPolicySettings")
            .WithSummary("Change the required approvals and/or the assertions (a field left out stays as it is)")
            .RequirePolicyAccess(PolicyAction.ManageSettings);
        return api;
    }

    private static async Task<Results<Ok<PolicySettingsView>, ProblemHttpResult, ValidationProblem>> GetSettings(
        Guid policyId, IDbContextFactory<SgDbContext> contexts, CancellationToken ct) =>
        (await PolicySettingsReader.GetAsync(contexts, policyId, ct)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<PolicySettingsView>, ProblemHttpResult, ValidationProblem>> SetSettings(
        Guid policyId, SettingsRequest request, Caller caller, ReviewStore reviews, IDbContextFactory<SgDbContext> contexts, CancellationToken ct)
    {
        if (request.RequiredApprovals is { } required && await reviews.SetRequiredApprovalsAsync(caller.Actor, policyId, required, ct) is { IsOk: false } failed)
            return ((StoreResult<PolicySettingsView>)failed.Failure!).ToHttp(TypedResults.Ok);
        return (await PolicySettingsReader.GetAsync(contexts, policyId, ct)).ToHttp(TypedResults.Ok);
    }
}

/// <summary>Settings to change; a field left out (null) stays as it is.</summary>
/// <param name="RequiredApprovals">Approvals a change request needs (1 to 20).</param>
/// <param name="Assertions">The policy's assertions, one per line.</param>
public sealed record SettingsRequest(int? RequiredApprovals, string? Assertions);

/// <summary>Reads a policy's settings.</summary>
public static class PolicySettingsReader
{
    /// <summary>The settings, or not found.</summary>
    public static async Task<StoreResult<PolicySettingsView>> GetAsync(IDbContextFactory<SgDbContext> contexts, Guid policyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var required = await db.Policies.Where(p => p.Id == policyId).Select(p => (int?)p.RequiredApprovals).FirstOrDefaultAsync(ct);
        return required is { } r ? new PolicySettingsView(policyId, r, "") : StoreFailure.NotFound($"policy {policyId} does not exist");
    }
}
