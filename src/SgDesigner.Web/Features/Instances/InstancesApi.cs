using SgDesigner.Core.Editing;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Instances;

/// <summary><c>/api/drafts/{draftId}/instances</c>: add, change and remove instances in a draft.</summary>
public static class InstancesApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/drafts/{draftId:guid}/instances").WithTags("Instances").ProducesStoreProblems();

        api.MapGet("/{instanceId}", GetInstance).WithName("GetInstance").WithSummary("One instance of a draft").RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapPut("/{instanceId}", PutInstance).WithName("PutInstance").WithSummary("Add or replace an instance").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapDelete("/{instanceId}", DeleteInstance).WithName("DeleteInstance").WithSummary("Remove an instance no ENI is attached to").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        return api;
    }

    private static async Task<Results<Ok<EditResponse<InstanceResponse>>, ProblemHttpResult, ValidationProblem>> PutInstance(
        Guid draftId, string instanceId, InstanceRequest request, HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        var instance = new Instance(instanceId, string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(),
            RequestTags.Read(request.Tags, $"instances[{instanceId}]", errors));
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            NewIds.WhenNew(InventoryEdits.PutInstance(instance), e => e.Instances.Any(i => i.Id == instanceId),
                instanceId, AwsLimits.IdPrefix.Instance, "instance", $"instances[{instanceId}].id"),
            info => TypedResults.Ok(new EditResponse<InstanceResponse>(info.Version, InstanceResponse.From(instance), errors.Warnings)));
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult, ValidationProblem>> DeleteInstance(
        Guid draftId, string instanceId, long? version, HttpContext http, Caller caller) =>
        await DraftEdits.Run(http, caller, draftId, version, new RequestErrors(),
            InventoryEdits.RemoveInstance(instanceId),
            info => TypedResults.Ok(new VersionResponse(info.Version)));

    private static Task<Results<Ok<InstanceResponse>, ProblemHttpResult, ValidationProblem>> GetInstance(
        Guid draftId, string instanceId, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        DraftReads.ReadAsync(store, draftId, response, $"instances[{instanceId}]",
            e => e.Instances.FirstOrDefault(i => i.Id == instanceId) is { } i ? InstanceResponse.From(i) : null, ct);
}

/// <summary>An instance's fields.</summary>
/// <param name="Name">The Name tag, or null.</param>
/// <param name="Tags">AWS tags.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record InstanceRequest(string? Name, IReadOnlyDictionary<string, string>? Tags, long? Version);

/// <summary>An instance.</summary>
/// <param name="Id">Instance id.</param>
/// <param name="Name">Name tag, or null.</param>
/// <param name="Tags">AWS tags.</param>
/// <param name="EphemeralPorts">The client port range it uses (<c>linux</c>, <c>windows</c>, <c>nat-gateway</c>, <c>elb</c> or a range), which network ACL replies must allow.</param>
public sealed record InstanceResponse(string Id, string? Name, IReadOnlyDictionary<string, string> Tags, string EphemeralPorts)
{
    /// <summary>From Core's instance.</summary>
    public static InstanceResponse From(Instance i) => new(i.Id, i.Name, i.Tags, i.EphemeralPorts.ToString());
}
