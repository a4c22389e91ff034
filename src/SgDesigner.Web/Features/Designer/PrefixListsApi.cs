using SgDesigner.Core.Editing;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Designer;

/// <summary><c>/api/drafts/{draftId}/prefix-lists</c>: add, change and remove managed prefix lists in a draft.</summary>
public static class PrefixListsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapPrefixListsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/drafts/{draftId:guid}/prefix-lists").WithTags("Prefix lists").ProducesStoreProblems();

        api.MapGet("/{prefixListId}", GetPrefixList).WithName("GetPrefixList").WithSummary("One prefix list of a draft").RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapPut("/{prefixListId}", PutPrefixList).WithName("PutPrefixList").WithSummary("Add or replace a prefix list and its entries").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapDelete("/{prefixListId}", DeletePrefixList).WithName("DeletePrefixList").WithSummary("Remove a prefix list no rule references").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        return api;
    }

    private static async Task<Results<Ok<EditResponse<PrefixListResponse>>, ProblemHttpResult, ValidationProblem>> PutPrefixList(
        Guid draftId, string prefixListId, PrefixListRequest request, HttpContext http, Caller caller)
    {
        var path = $"prefixLists[{prefixListId}]";
        var errors = new RequestErrors();
        if (string.IsNullOrWhiteSpace(request.Name))
            errors.Add($"{path}.name", "a prefix list needs a name");
        var entries = (request.Entries ?? []).Select((e, i) => (Result: Cidr.Parse(e), Path: $"{path}.entries[{i}]"))
            .Select(e => (e.Result.IsOk, Cidr: errors.Take(e.Result, e.Path))).Where(e => e.IsOk).Select(e => e.Cidr).ToList();
        var family = request.Family is null
            ? entries.Count > 0 ? entries[0].Family : IpFamily.V4
            : errors.Take(WireNames.ParseFamily(request.Family), $"{path}.family");
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)).Where(e => e.e.Family != family))
            errors.Add($"{path}.entries[{i}]", $"{entry} is not an {WireNames.Of(family)} block: a prefix list holds one address family");
        var list = new PrefixList(prefixListId, request.Name?.Trim() ?? "", family, [.. entries], request.MaxEntries);
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            NewIds.WhenNew(NetworkEdits.PutPrefixList(list), e => e.PrefixLists.Any(p => p.Id == prefixListId),
                prefixListId, AwsLimits.IdPrefix.PrefixList, "prefix list", $"{path}.id"),
            info => TypedResults.Ok(new EditResponse<PrefixListResponse>(info.Version, PrefixListResponse.From(list), errors.Warnings)));
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult, ValidationProblem>> DeletePrefixList(
        Guid draftId, string prefixListId, long? version, HttpContext http, Caller caller) =>
        await DraftEdits.Run(http, caller, draftId, version, new RequestErrors(),
            NetworkEdits.RemovePrefixList(prefixListId),
            info => TypedResults.Ok(new VersionResponse(info.Version)));

    private static Task<Results<Ok<PrefixListResponse>, ProblemHttpResult, ValidationProblem>> GetPrefixList(
        Guid draftId, string prefixListId, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        DraftReads.ReadAsync(store, draftId, response, $"prefixLists[{prefixListId}]",
            e => e.PrefixLists.FirstOrDefault(p => p.Id == prefixListId) is { } p ? PrefixListResponse.From(p) : null, ct);
}

/// <summary>A prefix list's fields.</summary>
/// <param name="Name">Its name (required).</param>
/// <param name="Family"><c>ipv4</c> or <c>ipv6</c>; default: the family of the first entry.</param>
/// <param name="Entries">CIDR blocks.</param>
/// <param name="Version">The draft version (or If-Match).</param>
/// <param name="MaxEntries">
/// The most entries the list may hold (AWS's <c>MaxEntries</c>, 1..1000); a rule referencing the list counts this many
/// rules against its group's quota. Default: the number of entries.
/// </param>
public sealed record PrefixListRequest(string? Name, string? Family, IReadOnlyList<string>? Entries, long? Version, int? MaxEntries = null);

/// <summary>A managed prefix list.</summary>
/// <param name="Id">List id.</param>
/// <param name="Name">Name.</param>
/// <param name="Family"><c>ipv4</c> or <c>ipv6</c>.</param>
/// <param name="Entries">CIDR blocks.</param>
/// <param name="MaxEntries">The most entries it may hold, or null when unknown (then it counts as its entries).</param>
/// <param name="RuleWeight">How many rules one rule referencing it counts as against a group's quota.</param>
public sealed record PrefixListResponse(string Id, string Name, string Family, IReadOnlyList<string> Entries, int? MaxEntries, int RuleWeight)
{
    /// <summary>From Core's prefix list.</summary>
    public static PrefixListResponse From(PrefixList p) =>
        new(p.Id, p.Name, WireNames.Of(p.Family), [.. p.Entries.Select(e => e.ToString())], p.MaxEntries, p.RuleWeight);
}
