using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Policies;

/// <summary>
/// A policy's history beyond reading it: compare two revisions
/// (<c>GET /api/policies/{policyId}/revisions/{from}/compare/{to}</c>) and revert to one as a new draft
/// (<c>POST /api/policies/{policyId}/revisions/{n}/revert</c>).
/// </summary>
public static class RevisionHistoryApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRevisionHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policies/{policyId:guid}/revisions").WithTags("Revisions");
        api.MapGet("/{from:int}/compare/{to:int}", Compare)
            .WithName("CompareRevisions").WithSummary("The rule diff and the reachability diff from one revision to another")
            .WithDescription(
                "What changes from revision 'from' to revision 'to', as a change request's impact shows it: rules added, removed and " +
                "changed per group, the source → destination pairs newly allowed and newly denied (outside endpoints included) with " +
                "the rules responsible, lint findings new and resolved, and the policy's assertions affected. Either side may be the " +
                "older; the same revision twice is an empty comparison. An unknown revision is a 404 naming it; a comparison above " +
                "the server's impact limit is a 409.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePolicyAccess(PolicyAction.View);
        api.MapPost("/{number:int}/revert", Revert)
            .WithName("RevertToRevision").WithSummary("Open a draft that reverts the policy to a revision")
            .WithDescription(
                "Creates a draft based on the latest revision whose content is revision 'number''s, so that its diff against the " +
                "latest undoes every later change; publish it or open a change request for it like any draft. Needs the editor " +
                "role (as creating a draft does). 201 with the draft; an unknown revision is a 404 naming it.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePolicyAccess(PolicyAction.Edit);
        return app;
    }

    private static async Task<Results<Ok<RevisionComparison>, ProblemHttpResult, ValidationProblem>> Compare(
        Guid policyId, int from, int to, RevisionComparisons comparisons, CancellationToken ct) =>
        (await comparisons.CompareAsync(policyId, from, to, ct)).ToHttp(v => TypedResults.Ok(RevisionComparison.Of(from, to, v)));

    private static async Task<Results<Created<DraftInfo>, ProblemHttpResult, ValidationProblem>> Revert(
        Guid policyId, int number, Caller caller, HttpResponse response, DraftEditor editor, CancellationToken ct) =>
        (await editor.RevertAsync(caller, policyId, number, ct)).ToHttp(d =>
        {
            DraftVersion.Send(response, d.Version);
            return TypedResults.Created($"/api/drafts/{d.Id}", d);
        });
}

/// <summary>What changes from one revision to another.</summary>
/// <param name="From">The revision compared from.</param>
/// <param name="To">The revision compared to.</param>
/// <param name="Summary">One line, e.g. "1 rule added in 1 group; opens 1 flow from the internet".</param>
/// <param name="Groups">Rule changes per group (added, removed, changed with before and after).</param>
/// <param name="GroupsAdded">Groups only <paramref name="To"/> has.</param>
/// <param name="GroupsRemoved">Groups only <paramref name="From"/> has.</param>
/// <param name="GroupsRenamed">"id: old → new" per renamed group.</param>
/// <param name="Opened">Source → destination pairs between which something is newly allowed, from the internet first.</param>
/// <param name="OpenedNotListed">How many more such pairs there are beyond the bound.</param>
/// <param name="Closed">Pairs between which something is newly denied.</param>
/// <param name="ClosedNotListed">How many more such pairs there are.</param>
/// <param name="NewFindings">Lint findings <paramref name="To"/> introduces.</param>
/// <param name="ResolvedFindings">Lint findings it resolves.</param>
/// <param name="Assertions">The policy's assertions the change breaks, repairs or leaves failing.</param>
/// <param name="Names">Names of the groups, instances and prefix lists the texts mention, by id.</param>
public sealed record RevisionComparison(
    int From, int To, string Summary,
    IReadOnlyList<GroupChangeView> Groups, IReadOnlyList<string> GroupsAdded, IReadOnlyList<string> GroupsRemoved, IReadOnlyList<string> GroupsRenamed,
    IReadOnlyList<FlowView> Opened, int OpenedNotListed, IReadOnlyList<FlowView> Closed, int ClosedNotListed,
    IReadOnlyList<FindingView> NewFindings, IReadOnlyList<FindingView> ResolvedFindings, IReadOnlyList<AssertionView> Assertions,
    IReadOnlyDictionary<string, string> Names)
{
    /// <summary>From the analysis of the two revisions.</summary>
    public static RevisionComparison Of(int from, int to, ImpactView v) => new(
        from, to, v.Summary, v.Groups, v.GroupsAdded, v.GroupsRemoved, v.GroupsRenamed, v.Opened, v.OpenedNotListed, v.Closed, v.ClosedNotListed,
        v.NewFindings, v.ResolvedFindings, v.Assertions, v.Names);
}
