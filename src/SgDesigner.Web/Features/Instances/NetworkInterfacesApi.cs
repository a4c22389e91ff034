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

        api.MapGet("/{eniId}", GetNetworkInterface).WithName("GetNetworkInterface").WithSummary("One ENI of a draft").RequirePolicyAccess(PolicyAction.View);
        api.MapPut("/{eniId}", PutNetworkInterface).WithName("PutNetworkInterface").WithSummary("Add or replace an ENI with its addresses and groups").RequirePolicyAccess(PolicyAction.Edit);
        api.MapDelete("/{eniId}", DeleteNetworkInterface).WithName("DeleteNetworkInterface").WithSummary("Remove an ENI").RequirePolicyAccess(PolicyAction.Edit);
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
