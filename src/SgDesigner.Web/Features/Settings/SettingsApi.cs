using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Settings;

/// <summary><c>/api/policies/{policyId}/settings</c>: how many approvals a change needs, the assertions it must keep, and whether they block merging.</summary>
public static class SettingsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policies/{policyId:guid}/settings").WithTags("Settings").ProducesStoreProblems();
        api.MapGet("/", GetSettings).WithName("GetPolicySettings").WithSummary("The policy's required approvals and assertions")
            .RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapPut("/", SetSettings).WithName("SetPolicySettings")
            .WithSummary("Change the required approvals, the assertions, whether they block merging and/or whether rules open to the world need a justification (a field left out stays as it is)")
            .RequirePolicyAccess(PolicyAction.ManageSettings).RequiresIfMatch($"the ETag of {Source}");
        return api;
    }

    private const string Source = "GET /api/policies/{policyId}/settings";

    private static async Task<Results<Ok<PolicySettings>, ProblemHttpResult, ValidationProblem>> GetSettings(
        Guid policyId, HttpResponse response, PolicySettingsStore settings, CancellationToken ct) =>
        (await settings.GetAsync(policyId, ct)).ToHttp(s => Tagged(response, s));

    private static async Task<Results<Ok<PolicySettings>, ProblemHttpResult, ValidationProblem>> SetSettings(
        Guid policyId, SettingsRequest request, Caller caller, HttpContext http, SettingsEditor editor, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var expected = Preconditions.ReadTag(http.Request, request.Version, errors, Source);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (expected is null)
            return Preconditions.Required($"the ETag of {Source}");
        return (await editor.ApplyAsync(caller, policyId, new SettingsChange(request.RequiredApprovals, request.Assertions, request.AssertionsBlockMerge, request.RequireJustification), expected, ct))
            .ToHttp(s => Tagged(http.Response, s));
    }

    private static Ok<PolicySettings> Tagged(HttpResponse response, PolicySettings settings)
    {
        Preconditions.Send(response, PolicySettingsStore.Tag(settings));
        return TypedResults.Ok(settings);
    }
}

/// <summary>Settings to change; a field left out (null) stays as it is.</summary>
/// <param name="RequiredApprovals">Approvals a change request needs (1 to 20).</param>
/// <param name="Assertions">The policy's assertions, one JSON object per line (the format of <c>sgd check</c>).</param>
/// <param name="Version">The settings' ETag (from GET /api/policies/{policyId}/settings) this change is based on; or send it as If-Match.</param>
/// <param name="AssertionsBlockMerge">True: a change request that breaks one of the assertions (or makes one impossible to
/// evaluate) cannot be merged, except by an owner giving a reason. Off by default.</param>
/// <param name="RequireJustification">True: an inbound allow from 0.0.0.0/0 or ::/0 without a justification is an error finding
/// (SGD041) in the designer, the findings and a change request's impact. Off by default.</param>
public sealed record SettingsRequest(int? RequiredApprovals, string? Assertions, string? Version = null, bool? AssertionsBlockMerge = null,
    bool? RequireJustification = null);
