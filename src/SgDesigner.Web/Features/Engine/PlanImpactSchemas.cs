namespace SgDesigner.Web.Features.Engine;

// The shape of sgd impact's JSON answer, for the OpenAPI document and generated clients (written by Core/Answers).

/// <summary>A resource of the plan.</summary>
/// <param name="Address">Its address, e.g. <c>aws_vpc_security_group_ingress_rule.db_from_app</c>.</param>
/// <param name="Type">Its resource type.</param>
/// <param name="Action">create, update, delete, replace, no-op, read or forget.</param>
public sealed record PlanResource(string Address, string Type, string Action);

/// <summary>What the plan holds.</summary>
/// <param name="Changes">The security-group and network-ACL resources it creates, changes or destroys.</param>
/// <param name="NotRead">The other resources it changes, which the impact does not model.</param>
/// <param name="Warnings">What was skipped or guessed, naming the resource.</param>
public sealed record PlanSummary(IReadOnlyList<PlanResource> Changes, IReadOnlyList<PlanResource> NotRead, IReadOnlyList<string> Warnings);

/// <summary>An assertion of the policy that held before the plan and fails after it.</summary>
/// <param name="Line">Its line in the policy's assertions.</param>
/// <param name="Name">Its name, when it has one.</param>
/// <param name="Assertion">The assertion in words.</param>
/// <param name="Explanation">Why it fails after the plan.</param>
public sealed record PlanBrokenAssertion(int Line, string? Name, string Assertion, string? Explanation);

/// <summary>An error finding of the linter that the plan adds.</summary>
/// <param name="Id">The check's id (<c>SGD…</c>).</param>
/// <param name="Group">The group concerned, or null.</param>
/// <param name="Rule">The rule concerned (a rule resource's address), or null.</param>
/// <param name="Message">What was found.</param>
public sealed record PlanNewError(string Id, string? Group, string? Rule, string Message);

/// <summary>The answer of <c>sgd impact --plan --json</c>: the plan's resources, <c>sgd diff</c>'s fields and the gates.</summary>
/// <param name="Plan">The plan's resources and warnings.</param>
/// <param name="GroupAddresses">Group id → the address of its resource in the plan.</param>
/// <param name="AclAddresses">Network ACL id → the address of its resource in the plan.</param>
/// <param name="GroupsAdded">Groups the plan creates.</param>
/// <param name="GroupsRemoved">Groups the plan destroys.</param>
/// <param name="GroupsRenamed">Groups the plan renames.</param>
/// <param name="Rules">Rule changes per group; a rule resource's id is its address.</param>
/// <param name="Reachability">Flows opened and closed, with the rules (resources) responsible, the network-ACL ones in <c>aclRules</c>.</param>
/// <param name="BrokenAssertions">The policy's assertions the plan breaks.</param>
/// <param name="AssertionsFailingBefore">How many of them failed already before the plan.</param>
/// <param name="NewErrors">Error findings the plan adds.</param>
/// <param name="Verdict">opens-nothing, opens or blocked.</param>
public sealed record PlanImpactResponse(
    PlanSummary Plan, IReadOnlyDictionary<string, string> GroupAddresses, IReadOnlyDictionary<string, string> AclAddresses,
    IReadOnlyList<DiffGroup> GroupsAdded, IReadOnlyList<DiffGroup> GroupsRemoved, IReadOnlyList<DiffRename> GroupsRenamed,
    IReadOnlyList<DiffGroupRules> Rules, IReadOnlyList<DiffFlowChange> Reachability,
    IReadOnlyList<PlanBrokenAssertion> BrokenAssertions, int AssertionsFailingBefore, IReadOnlyList<PlanNewError> NewErrors, string Verdict);
