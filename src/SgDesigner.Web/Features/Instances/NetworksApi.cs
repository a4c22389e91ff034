using SgDesigner.Core.Editing;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Instances;

/// <summary><c>/api/drafts/{draftId}/vpcs</c> and <c>/subnets</c>: the address space groups and ENIs live in.</summary>
public static class NetworksApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapNetworksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/drafts/{draftId:guid}").WithTags("Networks").ProducesStoreProblems();

        api.MapPut("/vpcs/{vpcId}", PutVpc).WithName("PutVpc").WithSummary("Add or replace a VPC").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapDelete("/vpcs/{vpcId}", DeleteVpc).WithName("DeleteVpc").WithSummary("Remove a VPC nothing is in").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapPut("/subnets/{subnetId}", PutSubnet).WithName("PutSubnet").WithSummary("Add or replace a subnet").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapDelete("/subnets/{subnetId}", DeleteSubnet).WithName("DeleteSubnet").WithSummary("Remove a subnet no ENI is in").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        return app;
    }

    private static async Task<Results<Ok<EditResponse<VpcResponse>>, ProblemHttpResult, ValidationProblem>> PutVpc(
        Guid draftId, string vpcId, VpcRequest request, HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        var cidrs = (request.Cidrs ?? []).Select((c, i) => (Result: Cidr.Parse(c), Path: $"vpcs[{vpcId}].cidrs[{i}]"))
            .Select(c => (c.Result.IsOk, Cidr: errors.Take(c.Result, c.Path))).Where(c => c.IsOk).Select(c => c.Cidr);
        var vpc = new Vpc(vpcId, string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(), [.. cidrs]);
        if (vpc.Cidrs.IsEmpty && !errors.Any)
            errors.Add($"vpcs[{vpcId}].cidrs", "a VPC needs at least one CIDR block");
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            NewIds.WhenNew(NetworkEdits.PutVpc(vpc), e => e.Vpcs.Any(v => v.Id == vpcId), vpcId, AwsLimits.IdPrefix.Vpc, "VPC", $"vpcs[{vpcId}].id"),
            info => TypedResults.Ok(new EditResponse<VpcResponse>(info.Version, VpcResponse.From(vpc), errors.Warnings)));
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult, ValidationProblem>> DeleteVpc(
        Guid draftId, string vpcId, long? version, HttpContext http, Caller caller) =>
        await DraftEdits.Run(http, caller, draftId, version, new RequestErrors(),
            NetworkEdits.RemoveVpc(vpcId),
            info => TypedResults.Ok(new VersionResponse(info.Version)));

    private static async Task<Results<Ok<EditResponse<SubnetResponse>>, ProblemHttpResult, ValidationProblem>> PutSubnet(
        Guid draftId, string subnetId, SubnetRequest request, HttpContext http, Caller caller)
    {
        var path = $"subnets[{subnetId}]";
        var errors = new RequestErrors();
        if (string.IsNullOrWhiteSpace(request.VpcId))
            errors.Add($"{path}.vpcId", "a VPC id is required");
        var cidr = errors.Take(Cidr.Parse(request.Cidr), $"{path}.cidr");
        Cidr? ipv6 = string.IsNullOrWhiteSpace(request.Ipv6Cidr) ? null : errors.Take(Cidr.Parse(request.Ipv6Cidr), $"{path}.ipv6Cidr");
        var subnet = new Subnet(subnetId, request.VpcId?.Trim() ?? "", cidr, ipv6,
            string.IsNullOrWhiteSpace(request.AvailabilityZone) ? null : request.AvailabilityZone.Trim(),
            string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim());
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            NewIds.WhenNew(NetworkEdits.PutSubnet(subnet), e => e.Subnets.Any(s => s.Id == subnetId), subnetId, AwsLimits.IdPrefix.Subnet, "subnet", $"{path}.id"),
            info => TypedResults.Ok(new EditResponse<SubnetResponse>(info.Version, SubnetResponse.From(subnet), errors.Warnings)));
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult, ValidationProblem>> DeleteSubnet(
        Guid draftId, string subnetId, long? version, HttpContext http, Caller caller) =>
        await DraftEdits.Run(http, caller, draftId, version, new RequestErrors(),
            NetworkEdits.RemoveSubnet(subnetId),
            info => TypedResults.Ok(new VersionResponse(info.Version)));
}

/// <summary>A VPC's fields.</summary>
/// <param name="Name">The Name tag, or null.</param>
/// <param name="Cidrs">Its IPv4 and IPv6 blocks (at least one).</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record VpcRequest(string? Name, IReadOnlyList<string>? Cidrs, long? Version);

/// <summary>A subnet's fields.</summary>
/// <param name="VpcId">Its VPC (required).</param>
/// <param name="Cidr">Its IPv4 block (required).</param>
/// <param name="Ipv6Cidr">Its IPv6 block, or null.</param>
/// <param name="AvailabilityZone">e.g. <c>us-east-1a</c>, or null.</param>
/// <param name="Name">The Name tag, or null.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record SubnetRequest(string? VpcId, string? Cidr, string? Ipv6Cidr, string? AvailabilityZone, string? Name, long? Version);

/// <summary>A VPC.</summary>
/// <param name="Id">VPC id.</param>
/// <param name="Name">Name tag, or null.</param>
/// <param name="Cidrs">Its blocks.</param>
public sealed record VpcResponse(string Id, string? Name, IReadOnlyList<string> Cidrs)
{
    /// <summary>From Core's VPC.</summary>
    public static VpcResponse From(Vpc v) => new(v.Id, v.Name, [.. v.Cidrs.Select(c => c.ToString())]);
}

/// <summary>A subnet.</summary>
/// <param name="Id">Subnet id.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="Cidr">Its IPv4 block.</param>
/// <param name="Ipv6Cidr">Its IPv6 block, or null.</param>
/// <param name="AvailabilityZone">Its zone, or null.</param>
/// <param name="Name">Name tag, or null.</param>
public sealed record SubnetResponse(string Id, string VpcId, string Cidr, string? Ipv6Cidr, string? AvailabilityZone, string? Name)
{
    /// <summary>From Core's subnet.</summary>
    public static SubnetResponse From(Subnet s) => new(s.Id, s.VpcId, s.Cidr.ToString(), s.Ipv6Cidr?.ToString(), s.AvailabilityZone, s.Name);
}
