using SgDesigner.Core.Editing;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Idempotency;

namespace SgDesigner.Web.Features.Designer;

/// <summary><c>/api/drafts/{draftId}/groups</c>: create, change and remove security groups in a draft.</summary>
public static class GroupsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapGroupsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/drafts/{draftId:guid}/groups").WithTags("Groups").ProducesStoreProblems();

        api.MapGet("/{groupId}", GetGroup).WithName("GetGroup").WithSummary("One group of a draft with its rules").RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapPost("/", CreateGroup).WithName("CreateGroup").WithSummary("Add a group with AWS's default outbound rule").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch()
            .WithIdempotency();
        api.MapPut("/{groupId}", UpdateGroup).WithName("UpdateGroup").WithSummary("Change a group's name, description, VPC or tags (rules are kept)").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapDelete("/{groupId}", DeleteGroup).WithName("DeleteGroup").WithSummary("Remove a group no rule or ENI references").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        return api;
    }

    private static async Task<Results<Created<EditResponse<GroupResponse>>, ProblemHttpResult, ValidationProblem>> CreateGroup(
        Guid draftId, GroupRequest request, HttpContext http, Caller caller, DraftEditor editor)
    {
        var errors = new RequestErrors();
        var id = editor.Ids.OrNext(request.Id, AwsLimits.IdPrefix.Group);
        if (!string.IsNullOrWhiteSpace(request.Id))
            NewIds.Check(id, AwsLimits.IdPrefix.Group, "group", $"groups[{id}].id", errors);
        var vpcId = Required(request.VpcId, $"groups[{id}].vpcId", "a VPC id", errors);
        var add = GroupEdits.Add(editor.Ids, id, request.Name ?? "", request.Description ?? "", vpcId ?? "", RequestTags.Read(request.Tags, $"groups[{id}]", errors));
        SecurityGroup? created = null;
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors, Keep(add, id, g => created = g),
            info => TypedResults.Created($"/api/drafts/{draftId}/groups/{id}", new EditResponse<GroupResponse>(info.Version, GroupResponse.From(created!), errors.Warnings)));
    }

    private static async Task<Results<Ok<EditResponse<GroupResponse>>, ProblemHttpResult, ValidationProblem>> UpdateGroup(
        Guid draftId, string groupId, GroupRequest request, HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        var vpcId = Required(request.VpcId, $"groups[{groupId}].vpcId", "a VPC id", errors);
        var change = GroupEdits.Change(groupId, request.Name ?? "", request.Description ?? "", vpcId ?? "", RequestTags.Read(request.Tags, $"groups[{groupId}]", errors));
        SecurityGroup? updated = null;
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors, Keep(change, groupId, g => updated = g),
            info => TypedResults.Ok(new EditResponse<GroupResponse>(info.Version, GroupResponse.From(updated!), errors.Warnings)));
    }

    // The group as the edit left it, for the response.
    private static EstateEdit Keep(EstateEdit edit, string groupId, Action<SecurityGroup?> keep) => estate =>
    {
        var result = edit(estate);
        keep(result.Estate?.FindGroup(groupId));
        return result;
    };

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult, ValidationProblem>> DeleteGroup(
        Guid draftId, string groupId, long? version, HttpContext http, Caller caller) =>
        await DraftEdits.Run(http, caller, draftId, version, new RequestErrors(),
            GroupEdits.Remove(groupId),
            info => TypedResults.Ok(new VersionResponse(info.Version)));

    private static string? Required(string? value, string path, string what, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add(path, $"{what} is required");
        return value?.Trim();
    }

    private static Task<Results<Ok<GroupResponse>, ProblemHttpResult, ValidationProblem>> GetGroup(
        Guid draftId, string groupId, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        DraftReads.ReadAsync(store, draftId, response, $"groups[{groupId}]",
            e => e.FindGroup(groupId) is { } g ? GroupResponse.From(g) : null, ct);
}

/// <summary>A security group's own fields (its rules are edited under <c>/rules</c>).</summary>
/// <param name="Id">On create: the id to use, in AWS's form (<c>sg-</c> and 8 or 17 lowercase hex digits), or null for a new one. Ignored on update.</param>
/// <param name="Name">Unique in its VPC ignoring case, up to 255 characters, not starting with <c>sg-</c>.</param>
/// <param name="Description">Up to 255 characters.</param>
/// <param name="VpcId">The VPC the group belongs to; it must be in the policy.</param>
/// <param name="Tags">AWS tags.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record GroupRequest(string? Id, string? Name, string? Description, string? VpcId, IReadOnlyDictionary<string, string>? Tags, long? Version);

/// <summary>A security group with its rules.</summary>
/// <param name="Id">Group id.</param>
/// <param name="Name">Name.</param>
/// <param name="Description">Description.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="Tags">AWS tags.</param>
/// <param name="Rules">Inbound and outbound rules.</param>
public sealed record GroupResponse(string Id, string Name, string Description, string VpcId, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<RuleResponse> Rules)
{
    /// <summary>From Core's group.</summary>
    public static GroupResponse From(SecurityGroup g) =>
        new(g.Id, g.Name, g.Description, g.VpcId, g.Tags, [.. g.Rules.Select(RuleResponse.From)]);
}
