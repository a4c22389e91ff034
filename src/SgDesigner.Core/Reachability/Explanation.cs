using System.Collections.Immutable;

namespace SgDesigner.Core.Reachability;

/// <summary>Why a rule that looks close did not allow the connection.</summary>
public enum MissReason
{
    /// <summary>The peer matches, but the rule is for other traffic (protocol, port, ICMP type/code).</summary>
    OtherTraffic,
    /// <summary>The rule references a group the other side does not carry.</summary>
    NotInGroup,
    /// <summary>The rule references a group, but the other side is reached on a public IP or is outside the estate.</summary>
    NotAPrivateIp,
    /// <summary>The rule references a group across a VPC connection that does not allow group references.</summary>
    NoGroupReferencingAcrossConnection,
    /// <summary>The rule references a group that does not exist.</summary>
    StaleReference,
    /// <summary>The rule's CIDR (or prefix list) does not contain the other side's address.</summary>
    AddressOutsideCidr,
    /// <summary>The rule's CIDR or prefix list is of the other address family.</summary>
    OtherFamily,
    /// <summary>The rule names a prefix list that does not exist.</summary>
    UnknownPrefixList,
    /// <summary>An icmp rule for IPv6 traffic or an icmpv6 rule for IPv4 traffic.</summary>
    IcmpOfOtherFamily,
    /// <summary>ICMP type -1 with a code other than -1: invalid, matches nothing.</summary>
    InvalidIcmp,
    /// <summary>The side has no rule in that direction at all.</summary>
    NoRules,
}

/// <summary>The rule that came closest to allowing a denied connection, and what it lacks.</summary>
/// <param name="Side"><see cref="DeniedSide.SourceEgress"/> or <see cref="DeniedSide.DestinationIngress"/>.</param>
/// <param name="Rule">The rule, or null when the side has no rules in that direction.</param>
/// <param name="Reason">What the rule lacks.</param>
/// <param name="Text">One sentence, e.g. "B's inbound allows tcp 5432 from sg-app, but A is not in sg-app".</param>
public sealed record NearestMiss(DeniedSide Side, RuleRef? Rule, MissReason Reason, string Text);

/// <summary>
/// A verdict with its reasons, computed on demand (the verdict alone is <see cref="ReachabilityEngine.Query"/>).
/// </summary>
/// <param name="Verdict">The verdict and the rules that decided it.</param>
/// <param name="DeniedSide">Which side denies, or null when allowed.</param>
/// <param name="NearestMiss">The closest rule of the (first) denying side, or null.</param>
/// <param name="Summary">A few sentences for people: the verdict, the rules, and for a denial the nearest miss.</param>
/// <param name="ReturnTrafficAllowed">True when allowed: security groups are stateful, replies need no rule.</param>
public sealed record Explanation(
    Verdict Verdict,
    DeniedSide? DeniedSide,
    NearestMiss? NearestMiss,
    string Summary,
    bool ReturnTrafficAllowed)
{
    /// <summary>The nearest miss of each denying side (both sides when both deny).</summary>
    public ImmutableArray<NearestMiss> NearestMisses { get; init; } = [];
}
