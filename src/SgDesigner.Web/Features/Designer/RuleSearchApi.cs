using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Search;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// Searching all rules of a draft (<c>/api/drafts/{draftId}/rules/search?q=</c>) or of a revision
/// (<c>/api/policies/{policyId}/revisions/{n|latest}/rules/search?q=</c>) by port, address or CIDR, group, prefix list or
/// description text (<see cref="RuleQuery"/>).
/// </summary>
public static class RuleSearchApi
{
    private const string QueryHelp =
        "q is a port or range (443, 8000-8100: tcp/udp rules covering it and all-traffic rules), an IPv4 or IPv6 address " +
        "(rules whose peer CIDR or prefix-list entry contains it), a CIDR (rules whose peer contains it or lies inside it), or a " +
        "word: a group by id or name (its rules and the rules referencing it), a prefix list by id or name, and rule descriptions " +
        "containing it, ignoring case. Prefixes force a meaning: port:, ip:, group:, pl:, text:. Each rule found says why.";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRuleSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/drafts/{draftId:guid}/rules/search", SearchDraft).WithTags("Search")
            .WithName("SearchDraftRules").WithSummary("Search a draft's rules by port, address, CIDR, group, prefix list or text")
            .WithDescription(QueryHelp)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePolicyAccess(PolicyAction.View);
        app.MapGet("/api/policies/{policyId:guid}/revisions/{revision}/rules/search", SearchRevision).WithTags("Search")
            .WithName("SearchRevisionRules").WithSummary("Search a revision's rules (a number, or latest) by port, address, CIDR, group, prefix list or text")
            .WithDescription(QueryHelp + " revision is a revision number or 'latest'; an unknown revision is a 404 naming it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePolicyAccess(PolicyAction.View);
        return app;
    }

    private static async Task<Results<Ok<RuleSearchResults>, ProblemHttpResult, ValidationProblem>> SearchDraft(
        Guid draftId, string? q, PolicyStore store, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var query = Read(q, errors);
        if (query is null)
            return ApiResults.Invalid(errors);
        return (await store.GetDraftAsync(draftId, ct)).ToHttp(d => TypedResults.Ok(RuleSearchResults.Of(d.Estate, query.Value.Query, query.Value.Warning)));
    }

    private static async Task<Results<Ok<RuleSearchResults>, ProblemHttpResult, ValidationProblem>> SearchRevision(
        Guid policyId, string revision, string? q, PolicyStore store, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var number = ReadRevision(revision, errors);
        var query = Read(q, errors);
        if (errors.Any || query is null)
            return ApiResults.Invalid(errors);
        return (await store.GetRevisionAsync(policyId, number, ct))
            .ToHttp(r => TypedResults.Ok(RuleSearchResults.Of(r.Estate, query.Value.Query, query.Value.Warning)));
    }

    private static (RuleQuery Query, string? Warning)? Read(string? q, RequestErrors errors)
    {
        var parsed = RuleQuery.Parse(q);
        if (!parsed.IsOk)
        {
            errors.Add("q", parsed.Error!);
            return null;
        }
        return (parsed.Value, parsed.Warning);
    }

    // "latest" (null) or a revision number from 1.
    private static int? ReadRevision(string text, RequestErrors errors)
    {
        if (string.Equals(text, "latest", StringComparison.OrdinalIgnoreCase))
            return null;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
            return n;
        errors.Add("revision", $"{QuotedValue.Of(text)} is not a revision: use a revision number (1, 2, …) or 'latest'");
        return null;
    }
}
