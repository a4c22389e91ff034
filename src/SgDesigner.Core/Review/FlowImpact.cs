using System.Collections.Immutable;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Review;

/// <summary>
/// Everything a change opens and closes from one source to one destination, as a reviewer reads it: the
/// reachability diff's entries for the same pair of parties (which differ only in which ENIs they stand for) together.
/// </summary>
/// <param name="From">The source: groups of ENIs (their label) or an outside endpoint.</param>
/// <param name="To">The destination.</param>
/// <param name="Opened">All traffic newly allowed between them.</param>
/// <param name="Closed">All traffic newly denied between them.</param>
/// <param name="Changes">The diff's entries for this pair, each with its ENIs and per-protocol rules.</param>
public sealed record FlowImpact(FlowParty From, FlowParty To, TrafficSet Opened, TrafficSet Closed, ImmutableArray<FlowChange> Changes)
{
    /// <summary>The proposed estate's rules that allow the opened traffic (added or edited ones when there are any).</summary>
    public ImmutableArray<RuleRef> OpenedBy => [.. Changes.SelectMany(c => c.OpenedDetail).SelectMany(d => d.Rules).Distinct()];

    /// <summary>The base estate's rules that allowed the closed traffic (removed or edited ones when there are any).</summary>
    public ImmutableArray<RuleRef> ClosedBy => [.. Changes.SelectMany(c => c.ClosedDetail).SelectMany(d => d.Rules).Distinct()];

    /// <summary>The network-ACL rules (with their leg) that now let the opened traffic through where an ACL dropped it before.</summary>
    public ImmutableArray<AclDecision> OpenedByAcl => [.. Changes.SelectMany(c => c.OpenedDetail).SelectMany(d => d.NetworkAclRules).Distinct()];

    /// <summary>The network-ACL rules (with their leg) that now drop the closed traffic.</summary>
    public ImmutableArray<AclDecision> ClosedByAcl => [.. Changes.SelectMany(c => c.ClosedDetail).SelectMany(d => d.NetworkAclRules).Distinct()];

    /// <summary>True when the source is outside the estate and covers every address (0.0.0.0/0 or ::/0).</summary>
    public bool FromInternet => From.Outside is { IsEverything: true };

    /// <summary>Groups a diff's changes by (source label, destination label), keeping the diff's order.</summary>
    internal static ImmutableArray<FlowImpact> Group(ReachabilityDiff diff) =>
    [
        .. diff.Changes
            .GroupBy(c => (c.From.Label, c.To.Label))
            .Select(g => new FlowImpact(
                g.First().From,
                g.First().To,
                g.Aggregate(TrafficSet.Empty, (set, c) => set.Union(c.Opened)),
                g.Aggregate(TrafficSet.Empty, (set, c) => set.Union(c.Closed)),
                [.. g])),
    ];

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (!Opened.IsEmpty)
            parts.Add($"opens {Opened} by {string.Join(", ", [.. OpenedBy.Select(r => r.ToString()), .. OpenedByAcl.Select(d => $"network ACL {d.WithLeg}")])}");
        if (!Closed.IsEmpty)
            parts.Add($"closes {Closed} (was {string.Join(", ", ClosedBy)}){string.Concat(ClosedByAcl.Select(d => $"; network ACL {d.WithLeg}"))}");
        return $"{From.Label} -> {To.Label}: {string.Join("; ", parts)}";
    }
}
