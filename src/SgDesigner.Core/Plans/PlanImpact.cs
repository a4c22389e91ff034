using System.Collections.Immutable;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Plans;

/// <summary>
/// What a Terraform plan does to reachability: the estate before (what is deployed, or designed) and after the plan's
/// security-group and network-ACL changes, the rules and flows it changes with the resources behind them, and what gates it.
/// </summary>
/// <param name="Before">The estate before the plan.</param>
/// <param name="After">The same estate with the plan's group, rule and network-ACL changes applied.</param>
/// <param name="Rules">Groups and rules added, removed and changed (rule resources have their address as id).</param>
/// <param name="Flows">The flows the plan opens and closes.</param>
/// <param name="GroupAddresses">The id of each group the plan holds → its resource address.</param>
/// <param name="Changes">The security-group and network-ACL resources the plan creates, changes or destroys.</param>
/// <param name="NotRead">Other resources the plan changes, which the impact does not model (instances, VPCs…).</param>
/// <param name="Warnings">What was skipped or guessed, naming the resource.</param>
/// <param name="BrokenAssertions">Assertions that held before the plan and fail after it.</param>
/// <param name="FailingBefore">How many assertions failed already before the plan.</param>
/// <param name="NewErrors">Error findings of the linter after the plan that were not there before.</param>
public sealed record PlanImpact(
    Estate Before,
    Estate After,
    RuleDiff Rules,
    ReachabilityDiff Flows,
    ImmutableSortedDictionary<string, string> GroupAddresses,
    ImmutableArray<PlannedResource> Changes,
    ImmutableArray<PlannedResource> NotRead,
    ImmutableArray<string> Warnings,
    ImmutableArray<AssertionResult> BrokenAssertions,
    int FailingBefore,
    ImmutableArray<Finding> NewErrors)
{
    /// <summary>Why an assertion could not be evaluated on the estate after the plan (its line and problem), or null.</summary>
    public (string Place, string Message)? AssertionError { get; init; }

    /// <summary>The id of each network ACL the plan holds → its resource address.</summary>
    public ImmutableSortedDictionary<string, string> AclAddresses { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Per change of <see cref="Flows"/> (same order): the plan's network-ACL resources behind it, an inline
    /// rule as its ACL's address and key (<c>aws_network_acl.app inbound#100</c>); empty when only groups decide it.</summary>
    public ImmutableArray<ImmutableArray<string>> AclRulesOfFlows { get; init; } = [];

    /// <summary>Each network-ACL rule of the plan (on either side; the after side's when both) → the resource it comes from,
    /// an inline rule as its ACL's address and key.</summary>
    public ImmutableDictionary<AclRuleKey, string> AclRuleAddresses { get; init; } = ImmutableDictionary<AclRuleKey, string>.Empty;

    /// <summary>The plan's resource behind a network-ACL change of the estates (an ACL, or one of its rules), or null when
    /// the plan holds none: a page lists it beside the change, as it lists a rule resource's address as the rule's id.</summary>
    public string? AclAddressOf(ObjectChange change) => change.Kind switch
    {
        "network-acl" => AclAddresses.GetValueOrDefault(change.Id),
        "network-acl-rule" when change.GroupId is { } acl =>
            AclRuleAddresses.FirstOrDefault(p => p.Key.AclId == acl && ObjectChanges.RuleKey(p.Key.Direction, p.Key.RuleNumber) == change.Id).Value
            ?? AclAddresses.GetValueOrDefault(acl),
        _ => null,
    };

    /// <summary>True when the plan opens some flow.</summary>
    public bool Opens => Flows.Opening.Any();

    /// <summary>True when the plan breaks an assertion or adds an error finding: it must not be applied as it is.</summary>
    public bool Blocked => !BrokenAssertions.IsEmpty || !NewErrors.IsEmpty;

    /// <summary>
    /// Applies <paramref name="plan"/> to <paramref name="baseEstate"/> (a policy, or the estate of a state; null: the
    /// plan's own prior state, else nothing) and checks <paramref name="assertions"/> before and after.
    /// </summary>
    /// <remarks><paramref name="lint"/> turns on the metadata checks (SGD040, SGD041) of the policy's settings; null: neither.</remarks>
    public static ParseResult<PlanImpact> Of(TerraformPlan plan, Estate? baseEstate, IReadOnlyList<FlowAssertion> assertions, LintOptions? lint = null)
    {
        var warnings = new List<string>();
        var prior = baseEstate is null && !plan.PriorState.IsEmpty ? StateEstate.From(plan.PriorState, warnings) : ParseResult<Estate>.Ok(Estate.Empty);
        if (!prior.IsOk)
            return ParseResult<PlanImpact>.Fail($"prior_state: {prior.Error}", prior.ErrorSource);
        var origin = baseEstate ?? prior.Value;
        var resources = new SecurityGroupResources(plan.Resources, origin);
        var before = resources.Read(PlanSide.Before, warnings);
        var after = resources.Read(PlanSide.After, warnings);
        if (!before.IsOk || !after.IsOk)
            return ParseResult<PlanImpact>.Fail(before.IsOk ? after.Error! : before.Error!, before.IsOk ? after.ErrorSource : before.ErrorSource);
        var acls = new NetworkAclResources(plan.Resources, origin);
        var aclsBefore = acls.Read(PlanSide.Before, warnings);
        var aclsAfter = acls.Read(PlanSide.After, warnings);
        if (!aclsBefore.IsOk || !aclsAfter.IsOk)
            return ParseResult<PlanImpact>.Fail(aclsBefore.IsOk ? aclsAfter.Error! : aclsBefore.Error!, aclsBefore.IsOk ? aclsAfter.ErrorSource : aclsBefore.ErrorSource);
        var managed = resources.GroupIds.ToHashSet(StringComparer.Ordinal);
        var ruleAddresses = resources.RuleAddresses.ToHashSet(StringComparer.Ordinal);
        var aclPlan = new PlanAcls(acls);
        var beforeEstate = aclPlan.Apply(Compose(origin, before.Value, managed, ruleAddresses, PlanSide.Before, warnings), aclsBefore.Value, PlanSide.Before, warnings);
        var afterEstate = aclPlan.Apply(Compose(origin, after.Value, managed, ruleAddresses, PlanSide.After, warnings), aclsAfter.Value, PlanSide.After, warnings);
        var beforeEngine = ReachabilityEngine.Build(beforeEstate);
        var afterEngine = ReachabilityEngine.Build(afterEstate);
        var checkedBefore = AssertionChecker.Check(beforeEngine, assertions);
        var checkedAfter = AssertionChecker.Check(afterEngine, assertions);
        var broken = checkedAfter.Where((r, i) => r.Outcome != AssertionOutcome.Passed && checkedBefore[i].Outcome == AssertionOutcome.Passed).ToImmutableArray();
        var errorsBefore = Linter.Lint(beforeEstate, beforeEngine, lint).Where(f => f.Severity == Severity.Error).Select(FindingKey.Of).ToHashSet();
        var newErrors = Linter.Lint(afterEstate, afterEngine, lint).Where(f => f.Severity == Severity.Error && !errorsBefore.Contains(FindingKey.Of(f))).ToImmutableArray();
        var flows = ReachabilityDiff.Compare(beforeEngine, afterEngine);
        var aclRuleAddresses = aclsBefore.Value.RuleAddresses.SetItems(aclsAfter.Value.RuleAddresses);
        return ParseResult<PlanImpact>.Ok(new PlanImpact(
            beforeEstate,
            afterEstate,
            RuleDiff.Compare(beforeEstate, afterEstate),
            flows,
            resources.GroupAddresses.ToImmutableSortedDictionary(StringComparer.Ordinal),
            [.. plan.ModelledChanges],
            [.. plan.OtherChanges],
            [.. warnings.Distinct()],
            broken,
            checkedBefore.Count(r => r.Outcome != AssertionOutcome.Passed),
            newErrors)
        {
            AssertionError = Answers.CheckAnswer.Error(checkedAfter) ?? Answers.CheckAnswer.Error(checkedBefore),
            AclAddresses = acls.AclAddresses.ToImmutableSortedDictionary(StringComparer.Ordinal),
            AclRuleAddresses = aclRuleAddresses,
            AclRulesOfFlows = FlowAclRules.Of(flows, beforeEngine, afterEngine, aclRuleAddresses,
                aclsBefore.Value.SubnetAddresses.SetItems(aclsAfter.Value.SubnetAddresses)),
        });
    }

    /// <summary>
    /// The error of a failed <see cref="Of"/> at its place in <paramref name="file"/>: the JSON path of the resource it is
    /// about (<c>plan:$.resource_changes[3]</c>, <c>plan:$.prior_state.values.root_module.resources[0]</c>), for an answer
    /// that keys its errors by place, as the snapshot upload does; the file itself when it is about no one resource. The
    /// reader that refused the resource says which one it is (<see cref="ParseResult{T}.ErrorSource"/>): the message, which
    /// also names it, is for people.
    /// </summary>
    public static ValidationError ErrorAt(ParseResult<PlanImpact> impact, string file)
    {
        ArgumentNullException.ThrowIfNull(impact.Error);
        return new ValidationError(impact.ErrorSource is { } source ? $"{file}:{source}" : file, impact.Error);
    }

    /// <summary>The base's groups the plan does not hold (less the plan's rule resources, which a state or an imported policy also lists),
    /// with the rule resources the plan attaches to them, then the plan's own groups.</summary>
    private static Estate Compose(Estate origin, SideGroups side, HashSet<string> managed, HashSet<string> ruleAddresses, PlanSide which, List<string> warnings)
    {
        var groups = origin.Groups.Where(g => !managed.Contains(g.Id))
            .Select(g => g with
            {
                Rules = [.. g.Rules.Where(r => !ruleAddresses.Contains(r.Id)), .. side.RulesOfOtherGroups.GetValueOrDefault(g.Id, [])],
            })
            .Concat(side.Groups)
            .ToImmutableArray();
        var ids = groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var enis = origin.NetworkInterfaces.Select(n =>
        {
            var missing = n.GroupIds.Where(id => !ids.Contains(id)).ToList();
            if (missing.Count == 0)
                return n;
            if (which == PlanSide.After)
                warnings.Add($"{n.Id} uses {string.Join(", ", missing)}, which the plan destroys: AWS refuses to delete a group in use");
            return n with { GroupIds = [.. n.GroupIds.Where(ids.Contains)] };
        }).ToImmutableArray();
        var vpcs = origin.Vpcs.AddRange(groups.Select(g => g.VpcId).Distinct().Where(v => origin.Vpcs.All(x => x.Id != v)).Select(v => new Vpc(v, null, [])));
        return origin with { Groups = groups, NetworkInterfaces = enis, Vpcs = vpcs };
    }
}
