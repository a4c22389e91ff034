using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Idempotency;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// <c>/api/drafts/{draftId}/network-acls</c>: a draft's network ACLs (semantics.md, "Network ACLs"): list and read them,
/// create and delete custom ACLs, add, change, delete and move their numbered rules, associate subnets; and
/// <c>/api/drafts/{draftId}/instances/{instanceId}/ephemeral-ports</c>, the client port range ACL replies must allow.
/// </summary>
public static class NetworkAclsApi
{
    private const string Tag = "Network ACLs";

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapNetworkAclsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/drafts/{draftId:guid}/network-acls").WithTags(Tag).ProducesStoreProblems();
        api.MapGet("/", ListAcls).WithName("ListNetworkAcls").WithSummary("The network ACLs of a draft")
            .WithDescription("Every network ACL of the draft with its subnets and its inbound and outbound rules in evaluation order (lowest number first). The ETag is the draft's version.")
            .RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapGet("/{aclId}", GetAcl).WithName("GetNetworkAcl").WithSummary("One network ACL of a draft")
            .WithDescription("The ACL with its subnets and rules in evaluation order; 404 when the draft has no such ACL.")
            .RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapPost("/", CreateAcl).WithName("CreateNetworkAcl").WithSummary("Add a custom network ACL")
            .WithDescription("A new custom ACL in a VPC of the draft. Like AWS's, it has no rules and so denies everything until rules are added; associate subnets with it to apply it.")
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch().WithIdempotency();
        api.MapDelete("/{aclId}", DeleteAcl).WithName("DeleteNetworkAcl").WithSummary("Remove a custom network ACL")
            .WithDescription("Refused (400) for a VPC's default ACL and while subnets are associated with the ACL, as AWS refuses it.")
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapPost("/{aclId}/rules", AddRule).WithName("AddNetworkAclRule").WithSummary("Add a numbered rule to a network ACL")
            .WithDescription("A rule number 1..32766 not yet used in that direction, a protocol, ports (tcp/udp) or ICMP type and code, one CIDR without host bits, and allow or deny.")
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch().WithIdempotency();
        api.MapPut("/{aclId}/rules/{direction}/{ruleNumber:int}", ChangeRule).WithName("ChangeNetworkAclRule").WithSummary("Change or renumber a network ACL rule")
            .WithDescription("Replaces the rule with that direction and number; the body's ruleNumber may renumber it to a number not used in that direction.")
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapDelete("/{aclId}/rules/{direction}/{ruleNumber:int}", DeleteRule).WithName("DeleteNetworkAclRule").WithSummary("Remove a network ACL rule")
            .WithDescription("Removes the rule with that direction and number.")
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapPost("/{aclId}/rules/{direction}/{ruleNumber:int}/move", MoveRule).WithName("MoveNetworkAclRule").WithSummary("Move a network ACL rule up or down")
            .WithDescription("Swaps the rule's number with its neighbour's in evaluation order, so every other number and every gap stays.")
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapPut("/{aclId}/subnets/{subnetId}", AssociateSubnet).WithName("AssociateNetworkAclSubnet").WithSummary("Associate a subnet with a network ACL")
            .WithDescription("The subnet leaves the ACL it had (a subnet has exactly one). An unknown subnet or one of another VPC is refused with 400 at subnetId.")
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        var instances = app.MapGroup("/api/drafts/{draftId:guid}/instances").WithTags(Tag).ProducesStoreProblems();
        instances.MapPut("/{instanceId}/ephemeral-ports", SetEphemeralPorts)
            .WithName("SetInstanceEphemeralPorts").WithSummary("Set an instance's client (ephemeral) port range")
            .WithDescription("linux (32768-60999, the default), windows (49152-65535), nat-gateway, elb (1024-65535) or a range such as 1024-5000: the ports ACL reply rules must let back in.")
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        return api;
    }

    private static Task<Results<Ok<IReadOnlyList<NetworkAclResponse>>, ProblemHttpResult, ValidationProblem>> ListAcls(
        Guid draftId, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        DraftReads.ReadAsync<IReadOnlyList<NetworkAclResponse>>(store, draftId, response, "networkAcls",
            e => [.. e.NetworkAcls.Select(NetworkAclResponse.From)], ct);

    private static Task<Results<Ok<NetworkAclResponse>, ProblemHttpResult, ValidationProblem>> GetAcl(
        Guid draftId, string aclId, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        DraftReads.ReadAsync(store, draftId, response, $"networkAcls[{aclId}]",
            e => e.NetworkAcls.FirstOrDefault(a => a.Id == aclId) is { } a ? NetworkAclResponse.From(a) : null, ct);

    private static async Task<Results<Created<EditResponse<NetworkAclResponse>>, ProblemHttpResult, ValidationProblem>> CreateAcl(
        Guid draftId, NetworkAclRequest request, HttpContext http, Caller caller, DraftEditor editor)
    {
        var errors = new RequestErrors();
        var id = editor.Ids.OrNext(request.Id, AwsLimits.IdPrefix.NetworkAcl);
        if (!string.IsNullOrWhiteSpace(request.Id))
            NewIds.Check(id, AwsLimits.IdPrefix.NetworkAcl, "network ACL", $"networkAcls[{id}].id", errors);
        if (string.IsNullOrWhiteSpace(request.VpcId))
            errors.Add("vpcId", "a VPC id is required");
        NetworkAcl? created = null;
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            Keep(NetworkAclEdits.CreateAcl(id, request.VpcId?.Trim() ?? "", request.Name), id, a => created = a),
            info => TypedResults.Created($"/api/drafts/{draftId}/network-acls/{id}",
                new EditResponse<NetworkAclResponse>(info.Version, NetworkAclResponse.From(created!), errors.Warnings)));
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult, ValidationProblem>> DeleteAcl(
        Guid draftId, string aclId, long? version, HttpContext http, Caller caller) =>
        await DraftEdits.Run(http, caller, draftId, version, new RequestErrors(), NetworkAclEdits.DeleteAcl(aclId),
            info => TypedResults.Ok(new VersionResponse(info.Version)));

    private static async Task<Results<Created<EditResponse<NetworkAclResponse>>, ProblemHttpResult, ValidationProblem>> AddRule(
        Guid draftId, string aclId, NetworkAclRuleRequest request, HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        var direction = errors.Take(WireNames.ParseDirection(request.Direction), "direction");
        var entry = NetworkAclRuleParser.Parse(request, request.RuleNumber, errors);
        NetworkAcl? changed = null;
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            Keep(entry is null ? Unchanged : NetworkAclEdits.PutEntry(aclId, direction, entry), aclId, a => changed = a),
            info => TypedResults.Created($"/api/drafts/{draftId}/network-acls/{aclId}/rules/{WireNames.Of(direction)}/{entry!.RuleNumber}",
                new EditResponse<NetworkAclResponse>(info.Version, NetworkAclResponse.From(changed!), errors.Warnings)));
    }

    private static async Task<Results<Ok<EditResponse<NetworkAclResponse>>, ProblemHttpResult, ValidationProblem>> ChangeRule(
        Guid draftId, string aclId, string direction, int ruleNumber, NetworkAclRuleRequest request, HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        var side = errors.Take(WireNames.ParseDirection(direction), "direction");
        var entry = NetworkAclRuleParser.Parse(request, request.RuleNumber ?? ruleNumber, errors);
        NetworkAcl? changed = null;
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            Keep(entry is null ? Unchanged : NetworkAclEdits.PutEntry(aclId, side, entry, ruleNumber), aclId, a => changed = a),
            info => TypedResults.Ok(new EditResponse<NetworkAclResponse>(info.Version, NetworkAclResponse.From(changed!), errors.Warnings)));
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult, ValidationProblem>> DeleteRule(
        Guid draftId, string aclId, string direction, int ruleNumber, long? version, HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        var side = errors.Take(WireNames.ParseDirection(direction), "direction");
        return await DraftEdits.Run(http, caller, draftId, version, errors, NetworkAclEdits.DeleteEntry(aclId, side, ruleNumber),
            info => TypedResults.Ok(new VersionResponse(info.Version)));
    }

    private static async Task<Results<Ok<EditResponse<NetworkAclResponse>>, ProblemHttpResult, ValidationProblem>> MoveRule(
        Guid draftId, string aclId, string direction, int ruleNumber, NetworkAclMoveRequest request, HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        var side = errors.Take(WireNames.ParseDirection(direction), "direction");
        var up = request.To?.Trim().ToLowerInvariant() switch
        {
            "up" => true,
            "down" => false,
            _ => Refuse(errors, "to", $"{QuotedValue.Of(request.To)} is not a move: use up or down"),
        };
        NetworkAcl? changed = null;
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            Keep(NetworkAclEdits.MoveEntry(aclId, side, ruleNumber, up), aclId, a => changed = a),
            info => TypedResults.Ok(new EditResponse<NetworkAclResponse>(info.Version, NetworkAclResponse.From(changed!), errors.Warnings)));
    }

    private static async Task<Results<Ok<EditResponse<NetworkAclResponse>>, ProblemHttpResult, ValidationProblem>> AssociateSubnet(
        Guid draftId, string aclId, string subnetId, long? version, HttpContext http, Caller caller)
    {
        NetworkAcl? changed = null;
        return await DraftEdits.Run(http, caller, draftId, version, new RequestErrors(),
            Keep(NetworkAclEdits.AssociateSubnet(aclId, subnetId), aclId, a => changed = a),
            info => TypedResults.Ok(new EditResponse<NetworkAclResponse>(info.Version, NetworkAclResponse.From(changed!), [])));
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult, ValidationProblem>> SetEphemeralPorts(
        Guid draftId, string instanceId, EphemeralPortsRequest request, HttpContext http, Caller caller)
    {
        var errors = new RequestErrors();
        var ports = errors.Take(EphemeralPorts.Parse(request.Ports), "ports");
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors,
            ports is null ? Unchanged : NetworkAclEdits.SetEphemeralPorts(instanceId, ports),
            info => TypedResults.Ok(new VersionResponse(info.Version)));
    }

    // Never applied: DraftEdits.Run answers 400 before editing when the request had errors.
    private static EditResult Unchanged(Estate estate) => EditResult.Invalid("request", "the request has errors");

    private static bool Refuse(RequestErrors errors, string path, string message)
    {
        errors.Add(path, message);
        return false;
    }

    // The ACL as the edit left it, for the response.
    private static EstateEdit Keep(EstateEdit edit, string aclId, Action<NetworkAcl?> keep) => estate =>
    {
        var result = edit(estate);
        keep(result.Estate?.NetworkAcls.FirstOrDefault(a => a.Id == aclId));
        return result;
    };
}
