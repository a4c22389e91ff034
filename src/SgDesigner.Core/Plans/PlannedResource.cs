using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace SgDesigner.Core.Plans;

/// <summary>What Terraform will do to one resource (<c>resource_changes[].change.actions</c>).</summary>
public enum PlanAction
{
    /// <summary>Nothing: the resource stays as it is.</summary>
    NoOp,

    /// <summary>Created.</summary>
    Create,

    /// <summary>Changed in place.</summary>
    Update,

    /// <summary>Destroyed.</summary>
    Delete,

    /// <summary>Destroyed and created again (either order).</summary>
    Replace,

    /// <summary>Only read (a data source).</summary>
    Read,

    /// <summary>Removed from the state without being destroyed.</summary>
    Forget,
}

/// <summary>
/// One managed resource of a plan or a state, out of its module: its values before and after the plan (null when it
/// does not exist on that side), with the values Terraform knows only after apply filled from the configuration.
/// </summary>
/// <param name="Address">The full address, e.g. <c>module.net.aws_security_group.web</c>.</param>
/// <param name="Type">The resource type, e.g. <c>aws_security_group</c>.</param>
/// <param name="Action">What the plan does to it (<see cref="PlanAction.NoOp"/> for a state).</param>
/// <param name="Before">Its attributes before the plan, or null when it does not exist yet.</param>
/// <param name="After">Its attributes after the plan, or null when it is destroyed; group references Terraform learns
/// only on apply are written <c>${ADDRESS.id}</c> with the group's full address.</param>
public sealed record PlannedResource(string Address, string Type, PlanAction Action, JsonObject? Before, JsonObject? After)
{
    /// <summary>The types read as security groups and their rules.</summary>
    public static ImmutableArray<string> SecurityGroupTypes { get; } =
    [
        "aws_security_group", "aws_default_security_group", "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
    ];

    /// <summary>The types read as network ACLs, their rules and their subnet associations.</summary>
    public static ImmutableArray<string> NetworkAclTypes { get; } =
    [
        "aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule", "aws_network_acl_association",
    ];

    /// <summary>Where the resource is in its file (<c>$.resource_changes[3]</c>, <c>$.values.root_module.resources[0]</c>), or null.</summary>
    public string? JsonPath { get; init; }

    /// <summary>True for <c>aws_security_group</c> and <c>aws_default_security_group</c>.</summary>
    public bool IsGroup => Type is "aws_security_group" or "aws_default_security_group";

    /// <summary>True for one of <see cref="SecurityGroupTypes"/>.</summary>
    public bool IsSecurityGroupResource => SecurityGroupTypes.Contains(Type);

    /// <summary>True for <c>aws_network_acl</c> and <c>aws_default_network_acl</c>.</summary>
    public bool IsNetworkAcl => Type is "aws_network_acl" or "aws_default_network_acl";

    /// <summary>True for one of <see cref="NetworkAclTypes"/>.</summary>
    public bool IsNetworkAclResource => NetworkAclTypes.Contains(Type);

    /// <summary>True for a resource the impact reads: a security-group or a network-ACL resource.</summary>
    public bool IsModelled => IsSecurityGroupResource || IsNetworkAclResource;

    /// <summary>The attributes on one side of the plan.</summary>
    public JsonObject? On(PlanSide side) => side == PlanSide.Before ? Before : After;
}

/// <summary>Before or after a plan is applied.</summary>
public enum PlanSide
{
    /// <summary>As deployed now.</summary>
    Before,

    /// <summary>Once the plan is applied.</summary>
    After,
}
