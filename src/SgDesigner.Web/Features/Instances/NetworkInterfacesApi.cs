using SgDesigner.Core.Editing;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Instances;

/// <summary><c>/api/drafts/{draftId}/network-interfaces</c>: add, change and remove ENIs in a draft.</summary>
public static class NetworkInterfacesApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapNetworkInterfacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/drafts/{draftId:guid}/network-interfaces").WithTags("Network interfaces").ProducesStoreProblems();

        api.MapGet("/{eniId}", GetNetworkInterface).WithName("GetNetworkInterface").WithSummary("One ENI of a draft").RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapPut("/{eniId}", PutNetworkInterface).WithName("PutNetworkInterface").WithSummary("Add or replace an ENI with its addresses and groups").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapDelete("/{eniId}", DeleteNetworkInterface).WithName("DeleteNetworkInterface").WithSummary("Remove an ENI").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapPut("/{eniId}/attachment", PutAttachment).WithName("AttachNetworkInterface")
            .WithSummary("Attach an ENI to an instance at a device index")
            .WithDescription("As AWS's AttachNetworkInterface: the ENI must be free (or already on this instance), in the VPC and availability zone " +
                "of the instance's other interfaces, and the device index free; without deviceIndex the lowest free one is used. " +
                "A refusal is a 400 naming the field (networkInterfaces[eniId].deviceIndex, .instanceId, .vpcId, .subnetId) and nothing is stored.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapDelete("/{eniId}/attachment", DeleteAttachment).WithName("DetachNetworkInterface")
            .WithSummary("Detach an ENI from its instance")
            .WithDescription("As AWS's DetachNetworkInterface: the ENI stays in the draft, attached to no instance. The primary interface " +
                "(device index 0) cannot be detached: 400 at networkInterfaces[eniId].deviceIndex.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        return api;
    }

    private static async Task<Results<Ok<EditResponse<NetworkInterfaceResponse>>, ProblemHttpResult, ValidationProblem>> PutNetworkInterface(
        Guid draftId, string eniId, NetworkInterfaceRequest request, HttpContext http, Caller caller)
    {
        var path = $"networkInterfaces[{eniId}]";
        var errors = new RequestErrors();
        if (string.IsNullOrWhiteSpace(request.VpcId))
            errors.Add($"{path}.vpcId", "a VPC id is required");
        var ips = (request.PrivateIps ?? []).Select((ip, i) => errors.Take(IpAddress.Parse(ip), $"{path}.privateIps[{i}]")).ToList();
        IpAddress? publicIp = string.IsNullOrWhiteSpace(request.PublicIp) ? null : errors.Take(IpAddress.Parse(request.PublicIp), $"{path}.publicIp");
        var eni = new NetworkInterface(eniId, request.VpcId?.Trim() ?? "", Blank(request.SubnetId), Blank(request.InstanceId), request.DeviceIndex,
            [.. ips], publicIp, [.. (request.GroupIds ?? []).Select((g, i) => GroupId(g, $"{path}.groupIds[{i}]", errors))], Blank(request.Description));
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            NewIds.WhenNew(InventoryEdits.PutNetworkInterface(eni), e => e.NetworkInterfaces.Any(n => n.Id == eniId),
                eniId, AwsLimits.IdPrefix.NetworkInterface, "network interface", $"{path}.id"),
            info => TypedResults.Ok(new EditResponse<NetworkInterfaceResponse>(info.Version, NetworkInterfaceResponse.From(eni), errors.Warnings)));
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult, ValidationProblem>> DeleteNetworkInterface(
        Guid draftId, string eniId, long? version, HttpContext http, Caller caller) =>
        await DraftEdits.Run(http, caller, draftId, version, new RequestErrors(),
            InventoryEdits.RemoveNetworkInterface(eniId),
            info => TypedResults.Ok(new VersionResponse(info.Version)));

    private static async Task<Results<Ok<EditResponse<NetworkInterfaceResponse>>, ProblemHttpResult, ValidationProblem>> PutAttachment(
        Guid draftId, string eniId, AttachmentRequest request, HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        var instanceId = Blank(request.InstanceId);
        if (instanceId is null)
            errors.Add($"networkInterfaces[{eniId}].instanceId", "an instance id is required");
        EstateEdit attach = e => InventoryEdits.AttachInterface(eniId, instanceId!, request.DeviceIndex ?? InventoryEdits.NextDeviceIndex(e, instanceId!))(e);
        return await RunOnInterface(http, caller, draftId, eniId, request.Version, errors, attach);
    }

    private static async Task<Results<Ok<EditResponse<NetworkInterfaceResponse>>, ProblemHttpResult, ValidationProblem>> DeleteAttachment(
        Guid draftId, string eniId, long? version, HttpContext http, Caller caller) =>
        await RunOnInterface(http, caller, draftId, eniId, version, new RequestErrors(), InventoryEdits.DetachInterface(eniId));

    // Runs an edit of one ENI and answers with the ENI as stored.
    private static async Task<Results<Ok<EditResponse<NetworkInterfaceResponse>>, ProblemHttpResult, ValidationProblem>> RunOnInterface(
        HttpContext http, Caller caller, Guid draftId, string eniId, long? version, RequestErrors errors, EstateEdit edit)
    {
        NetworkInterface? edited = null;
        EstateEdit capture = e =>
        {
            var result = edit(e);
            edited = result.IsOk ? result.Estate!.NetworkInterfaces.FirstOrDefault(n => n.Id == eniId) : null;
            return result;
        };
        return await DraftEdits.Run(http, caller, draftId, version, errors, capture,
            info => TypedResults.Ok(new EditResponse<NetworkInterfaceResponse>(info.Version, NetworkInterfaceResponse.From(edited!), errors.Warnings)));
    }

    // A JSON null in the list binds, whatever the type says.
    private static string GroupId(string? id, string path, RequestErrors errors)
    {
        if (id is null)
            errors.Add(path, "a group id is required, not null");
        return id?.Trim() ?? "";
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Task<Results<Ok<NetworkInterfaceResponse>, ProblemHttpResult, ValidationProblem>> GetNetworkInterface(
        Guid draftId, string eniId, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        DraftReads.ReadAsync(store, draftId, response, $"networkInterfaces[{eniId}]",
            e => e.NetworkInterfaces.FirstOrDefault(n => n.Id == eniId) is { } n ? NetworkInterfaceResponse.From(n) : null, ct);
}

/// <summary>An ENI's fields.</summary>
/// <param name="VpcId">Its VPC (required).</param>
/// <param name="SubnetId">Its subnet, or null.</param>
/// <param name="InstanceId">The instance it is attached to, or null (load balancers, NAT gateways…).</param>
/// <param name="DeviceIndex">0 for an instance's primary ENI.</param>
/// <param name="PrivateIps">Private addresses, primary first.</param>
/// <param name="PublicIp">Public or Elastic IP, or null.</param>
/// <param name="GroupIds">Attached security groups (at most the policy's groups-per-ENI quota).</param>
/// <param name="Description">Free text.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record NetworkInterfaceRequest(
    string? VpcId, string? SubnetId, string? InstanceId, int? DeviceIndex, IReadOnlyList<string>? PrivateIps,
    string? PublicIp, IReadOnlyList<string>? GroupIds, string? Description, long? Version);

/// <summary>Where to attach an ENI.</summary>
/// <param name="InstanceId">The instance (required).</param>
/// <param name="DeviceIndex">The device index (1 and up for a secondary interface); default: the lowest free one.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record AttachmentRequest(string? InstanceId, int? DeviceIndex, long? Version);

/// <summary>An ENI.</summary>
/// <param name="Id">ENI id.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="SubnetId">Its subnet, or null.</param>
/// <param name="InstanceId">Its instance, or null.</param>
/// <param name="DeviceIndex">Device index, or null.</param>
/// <param name="PrivateIps">Private addresses, primary first.</param>
/// <param name="PublicIp">Public IP, or null.</param>
/// <param name="GroupIds">Attached groups.</param>
/// <param name="Description">Free text, or null.</param>
public sealed record NetworkInterfaceResponse(
    string Id, string VpcId, string? SubnetId, string? InstanceId, int? DeviceIndex, IReadOnlyList<string> PrivateIps,
    string? PublicIp, IReadOnlyList<string> GroupIds, string? Description)
{
    /// <summary>From Core's ENI.</summary>
    public static NetworkInterfaceResponse From(NetworkInterface n) => new(
        n.Id, n.VpcId, n.SubnetId, n.InstanceId, n.DeviceIndex, [.. n.PrivateIps.Select(ip => ip.ToString())],
        n.PublicIp?.ToString(), [.. n.GroupIds], n.Description);
}
