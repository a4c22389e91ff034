using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>
/// One side of a changed flow: a set of ENIs that behave alike (same groups, same place in the address space),
/// or an endpoint outside the estate.
/// </summary>
/// <param name="Label">For people: the groups (<c>sg-1 (web)</c>, several joined by <c> + </c>, <c>before → after</c> when
/// the ENIs' groups changed), or the outside endpoint's name and block.</param>
/// <param name="GroupIds">The ENIs' groups in the new estate (in the old one for ENIs that are gone); empty for outside endpoints.</param>
/// <param name="GroupIdsBefore">The ENIs' groups in the old estate (empty for new ENIs and outside endpoints).</param>
/// <param name="SampleEniIds">Up to three representative ENI ids.</param>
/// <param name="EniCount">How many ENIs this side stands for (0 for an outside endpoint).</param>
/// <param name="Outside">The block of an outside endpoint (0.0.0.0/0 for the internet), or null for ENIs.</param>
public sealed record FlowParty(
    string Label,
    ImmutableArray<string> GroupIds,
    ImmutableArray<string> GroupIdsBefore,
    ImmutableArray<string> SampleEniIds,
    int EniCount,
    Cidr? Outside)
{
    /// <inheritdoc />
    public override string ToString() => Outside is not null
        ? Label
        : $"{Label} [{EniCount} ENI{(EniCount == 1 ? "" : "s")}: {string.Join(", ", SampleEniIds)}{(EniCount > SampleEniIds.Length ? ", …" : "")}]";
}

/// <summary>Part of what a flow change opens or closes, with the rules that decide it.</summary>
/// <param name="Traffic">One protocol's merged ranges.</param>
/// <param name="Rules">For opened traffic the new estate's rules that allow it, for closed traffic the old estate's;
/// rules that were added, removed or edited are preferred when there are any.</param>
/// <param name="Untracked">For closed traffic: true when the old estate allowed it by 0.0.0.0/0 (::/0) rules both ways,
/// so AWS did not track those connections and the change cuts them at once; false means tracked connections outlive
/// the change until idle (semantics.md "Stateful").</param>
public sealed record FlowDetail(TrafficSetEntry Traffic, ImmutableArray<RuleRef> Rules, bool Untracked)
{
    /// <summary>
    /// The network-ACL rules behind the change, each with its leg (request or reply), as <c>sgd reach</c> names them:
    /// for closed traffic the new estate's rule that now drops it; for opened traffic the new estate's rules at the
    /// crossing where the old estate's ACL dropped it. Empty when no ACL decided the change.
    /// </summary>
    public ImmutableArray<AclDecision> NetworkAclRules { get; init; } = [];
}

/// <summary>What a change opens and closes from one party to another.</summary>
/// <param name="From">The senders.</param>
/// <param name="To">The receivers.</param>
/// <param name="Pairs">Number of (sender ENI, receiver ENI) pairs concerned (senders alone for flows to an outside endpoint,
/// receivers alone for flows from one).</param>
/// <param name="Opened">Traffic the new estate allows and the old did not.</param>
/// <param name="Closed">Traffic the old estate allowed and the new does not.</param>
/// <param name="OpenedDetail">Per protocol of <paramref name="Opened"/>: the rules responsible.</param>
/// <param name="ClosedDetail">Per protocol of <paramref name="Closed"/>: the rules that allowed it, and whether it was tracked.</param>
public sealed record FlowChange(
    FlowParty From,
    FlowParty To,
    long Pairs,
    TrafficSet Opened,
    TrafficSet Closed,
    ImmutableArray<FlowDetail> OpenedDetail,
    ImmutableArray<FlowDetail> ClosedDetail)
{
    /// <summary>True when some closed traffic was untracked, so existing connections are cut at once.</summary>
    public bool CutsUntracked => ClosedDetail.Any(d => d.Untracked);

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (!Opened.IsEmpty)
            parts.Add($"opens {Opened}{AclText(OpenedDetail)}");
        if (!Closed.IsEmpty)
            parts.Add($"closes {Closed}{(CutsUntracked ? " (untracked: cut at once)" : " (tracked: existing connections live until idle)")}{AclText(ClosedDetail)}");
        return $"{From} -> {To}: {string.Join("; ", parts)}";
    }

    private static string AclText(ImmutableArray<FlowDetail> details) =>
        details.SelectMany(d => d.NetworkAclRules).Distinct().ToList() is { Count: > 0 } acl
            ? $" (network ACL: {string.Join("; ", acl.Select(d => d.WithLeg))})"
            : "";
}
