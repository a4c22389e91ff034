using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Editing;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Settings;

/// <summary>
/// <c>/api/drafts/{draftId}/quotas</c>: the AWS quotas a policy is designed against (rules per group and direction,
/// groups per interface), changed in a draft like any content so that the change is reviewed and merged.
/// </summary>
public static class QuotasApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapQuotasApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/drafts/{draftId:guid}/quotas").WithTags("Settings").ProducesStoreProblems();
        api.MapGet("/", GetQuotas).WithName("GetQuotas").WithSummary("The quotas of a draft").RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapPut("/", PutQuotas).WithName("PutQuotas")
            .WithSummary("Set the quotas (a field left out stays as it is); values outside AWS's bounds are refused")
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        return api;
    }

    private static async Task<Results<Ok<QuotasResponse>, ProblemHttpResult, ValidationProblem>> GetQuotas(
        Guid draftId, PolicyStore store, HttpResponse response, CancellationToken ct) =>
        await DraftReads.ReadAsync(store, draftId, response, "quotas",
            estate => new QuotasResponse(estate.Quotas.RulesPerDirection, estate.Quotas.GroupsPerEni), ct);

    private static async Task<Results<Ok<EditResponse<QuotasResponse>>, ProblemHttpResult, ValidationProblem>> PutQuotas(
        Guid draftId, QuotasRequest request, HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        QuotasResponse? stored = null;
        var edit = ContentEdits.SetQuotas(request.RulesPerDirection, request.GroupsPerEni);
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            estate =>
            {
                var result = edit(estate);
                if (result.Estate is { } after)
                    stored = new QuotasResponse(after.Quotas.RulesPerDirection, after.Quotas.GroupsPerEni);
                return result;
            },
            info => TypedResults.Ok(new EditResponse<QuotasResponse>(info.Version, stored!, errors.Warnings)));
    }
}

/// <summary>Quotas to set; a field left out (null) stays as it is.</summary>
/// <param name="RulesPerDirection">Inbound (and, separately, outbound) rules per group: 1 to 1,000, and with
/// <paramref name="GroupsPerEni"/> a product of at most 1,000, as AWS allows.</param>
/// <param name="GroupsPerEni">Security groups per network interface: 1 to 16.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record QuotasRequest(int? RulesPerDirection, int? GroupsPerEni, long? Version);
