using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// A subnet's boundary in one direction: its ACL's rules of that direction, and the decisions they can make there. A
/// decision names the subnet, so an ACL shared by subnets decides differently at each; there are only (rules + 1) × 2 of
/// them per boundary, so each is made once, when first needed, instead of once per verdict.
/// </summary>
internal sealed class AclBoundary(AclRules rules, string subnetId)
{
    private readonly AclDecision?[] _requests = new AclDecision?[rules.Sorted.Length + 1];
    private readonly AclDecision?[] _replies = new AclDecision?[rules.Sorted.Length + 1];

    public AclRules Rules => rules;

    public string SubnetId => subnetId;

    /// <summary>The decision of the rule at <paramref name="index"/> in <see cref="AclRules.Sorted"/>, or of the final * rule for -1.</summary>
    public AclDecision Decision(ConversationLeg leg, int index)
    {
        var slots = leg == ConversationLeg.Request ? _requests : _replies;
        // Read, then written when missing (not ??= on the element, which takes its address with a type check each time).
        // Two threads may both make it: the decisions are equal, and either may stay.
        return slots[index + 1] ?? (slots[index + 1] = Make(leg, index));
    }

    private AclDecision Make(ConversationLeg leg, int index)
    {
        var entry = index < 0 ? null : rules.Sorted[index];
        return new(leg, rules.Acl.Id, subnetId, rules.Direction, entry?.RuleNumber, entry?.Action ?? AclAction.Deny, entry);
    }
}
