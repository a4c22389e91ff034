using System.Collections.Immutable;

namespace SgDesigner.Core.Plans;

/// <summary>A Terraform plan as <see cref="TerraformPlanReader"/> read it.</summary>
/// <param name="Resources">Every managed resource the plan covers, with what it does to each.</param>
/// <param name="PriorState">The state the plan was made against (<c>prior_state</c>), empty when it had none.</param>
public sealed record TerraformPlan(ImmutableArray<PlannedResource> Resources, ImmutableArray<PlannedResource> PriorState)
{
    /// <summary>The security-group resources the plan creates, changes or destroys (network-ACL resources: <see cref="ModelledChanges"/>).</summary>
    public IEnumerable<PlannedResource> SecurityGroupChanges =>
        Resources.Where(r => r.IsSecurityGroupResource && r.Action is not (PlanAction.NoOp or PlanAction.Read));

    /// <summary>The security-group and network-ACL resources the plan creates, changes or destroys: what the impact reads.</summary>
    public IEnumerable<PlannedResource> ModelledChanges =>
        Resources.Where(r => r.IsModelled && r.Action is not (PlanAction.NoOp or PlanAction.Read));

    /// <summary>The other resource types the plan changes, which the impact does not read (instances, VPCs…).</summary>
    public IEnumerable<PlannedResource> OtherChanges =>
        Resources.Where(r => !r.IsModelled && r.Action is not (PlanAction.NoOp or PlanAction.Read));
}
