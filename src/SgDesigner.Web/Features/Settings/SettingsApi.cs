using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Settings;

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

    private static async Task<Results<Ok<PolicySettings>, ProblemHttpResult, ValidationProblem>> GetSettings(
        Guid policyId, PolicySettingsStore settings, CancellationToken ct) =>
        (await settings.GetAsync(policyId, ct)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<PolicySettings>, ProblemHttpResult, ValidationProblem>> SetSettings(
        Guid policyId, SettingsRequest request, Caller caller, SettingsEditor editor, CancellationToken ct) =>
        (await editor.ApplyAsync(caller, policyId, request.RequiredApprovals, request.Assertions, ct)).ToHttp(TypedResults.Ok);
}

/// <summary>Settings to change; a field left out (null) stays as it is.</summary>
/// <param name="RequiredApprovals">Approvals a change request needs (1 to 20).</param>
/// <param name="Assertions">The policy's assertions, one JSON object per line (the format of <c>sgd check</c>).</param>
public sealed record SettingsRequest(int? RequiredApprovals, string? Assertions);
