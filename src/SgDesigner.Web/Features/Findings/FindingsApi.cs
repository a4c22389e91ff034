using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Lint;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Findings;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Idempotency;

namespace SgDesigner.Web.Features.Findings;

/// <summary>
/// <c>/api/policies/{policyId}/findings</c>: the linter's findings with their acceptance state; editors accept a finding
/// with a reason (the team lives with it: it no longer counts) and revoke an acceptance. Both are audited.
/// </summary>
public static class FindingsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapFindingsApi(this IEndpointRouteBuilder app)
    {
        var findings = app.MapGroup("/api/policies/{policyId:guid}/findings").WithTags("Findings").ProducesStoreProblems();
        findings.MapGet("/", ListFindings).WithName("ListFindings")
            .WithSummary("The findings of the newest revision, or of ?draftId=, each with its acceptance; counts leave accepted findings out")
            .RequirePolicyAccess(PolicyAction.View);
        findings.MapPost("/acceptances", Accept).WithName("AcceptFinding")
            .WithSummary("Accept a current finding with a reason (and optionally an expiry); editors and above")
            .RequirePolicyAccess(PolicyAction.Edit).WithIdempotency();
        findings.MapDelete("/acceptances/{acceptanceId:guid}", Revoke).WithName("RevokeFindingAcceptance")
            .WithSummary("Revoke an acceptance: the finding counts again; editors and above")
            .RequirePolicyAccess(PolicyAction.Edit);
        return app;
    }

    private static async Task<Results<Ok<FindingsReport>, ProblemHttpResult, ValidationProblem>> ListFindings(
        Guid policyId, Guid? draftId, PolicyStore store, FindingAcceptanceStore acceptances, PolicySettingsStore settings, TimeProvider clock,
        CancellationToken ct) =>
        (await PolicyFindings.ReportAsync(store, acceptances, settings, clock, policyId, draftId, ct)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Created<AcceptanceListing>, ProblemHttpResult, ValidationProblem>> Accept(
        Guid policyId, AcceptFindingRequest request, Caller caller, FindingAcceptanceStore store, CancellationToken ct)
    {
        var key = FindingKey.From(request.Check, request.GroupId, request.RuleId, request.EniId);
        var accepted = await store.AcceptAsync(caller.Actor, policyId, key, request.Reason, request.ExpiresAt, request.DraftId, ct);
        return accepted.ToHttp(a => TypedResults.Created($"/api/policies/{policyId}/findings/acceptances/{a.Id}", AcceptanceListing.From(a, active: true)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Revoke(
        Guid policyId, Guid acceptanceId, Caller caller, FindingAcceptanceStore store, CancellationToken ct) =>
        (await store.RevokeAsync(caller.Actor, policyId, acceptanceId, ct)).ToHttp(_ => TypedResults.NoContent());
}

/// <summary>A finding to accept, by its key (as listed), and why.</summary>
/// <param name="Check">The check's id (<c>SGD001</c>).</param>
/// <param name="GroupId">The finding's group, when it has one.</param>
/// <param name="RuleId">The finding's rule, when it has one.</param>
/// <param name="EniId">The finding's network interface, when it has one.</param>
/// <param name="Reason">Why the team lives with it (required, at most 1,000 characters, no control characters).</param>
/// <param name="ExpiresAt">When the acceptance stops applying (UTC), or null for never.</param>
/// <param name="DraftId">The draft the finding fires in, when it is not in the newest revision.</param>
public sealed record AcceptFindingRequest(
    string? Check, string? GroupId, string? RuleId, string? EniId, string? Reason, DateTime? ExpiresAt = null, Guid? DraftId = null);
