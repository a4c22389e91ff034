using System.Collections.Immutable;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Insight;

/// <summary>
/// Flows one rule allows from one party to another, expressed like the reachability diff's (<see cref="FlowChange"/>):
/// ENIs collapsed into their groups, outside endpoints as blocks, traffic as merged ranges per protocol.
/// </summary>
/// <param name="From">The senders.</param>
/// <param name="To">The receivers.</param>
/// <param name="Pairs">Number of (sender ENI, receiver ENI) pairs concerned (the ENI side alone for an outside endpoint).</param>
/// <param name="Traffic">The traffic the rule allows between them (never empty).</param>
/// <param name="AlsoAllowedBy">For flows other rules allow too: those rules, on the rule's side of the connection
/// (asked of the estate without the rule for one sample connection); empty for flows only this rule allows.</param>
public sealed record RuleFlow(FlowParty From, FlowParty To, long Pairs, TrafficSet Traffic, ImmutableArray<RuleRef> AlsoAllowedBy)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{From} -> {To}: {Traffic}{(AlsoAllowedBy.IsEmpty ? "" : $" (also allowed by {string.Join(", ", AlsoAllowedBy.Select(r => $"{r.GroupId} {r.Rule.Id}"))})")}";
}
