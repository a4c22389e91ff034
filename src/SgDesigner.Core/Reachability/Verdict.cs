using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>A rule together with the group it belongs to.</summary>
/// <param name="GroupId">The owning group's id.</param>
/// <param name="Rule">The rule.</param>
public sealed record RuleRef(string GroupId, Rule Rule)
{
    /// <inheritdoc />
    public override string ToString() => $"{GroupId} {Rule}";
}

/// <summary>Why a connection is denied.</summary>
public enum DeniedSide
{
    /// <summary>No outbound rule of the source's groups matches.</summary>
    SourceEgress,
    /// <summary>No inbound rule of the destination's groups matches.</summary>
    DestinationIngress,
    /// <summary>Neither the source's outbound nor the destination's inbound rules match.</summary>
    Both,
    /// <summary>The two ENIs are in VPCs that are neither the same nor connected.</summary>
    VpcsNotConnected,
    /// <summary>One end is IPv4 and the other IPv6: no packet can go between them.</summary>
    AddressFamilies,
    /// <summary>Neither end is an ENI of the estate, so no security group decides (and nothing allows it).</summary>
    NoEstateEndpoint,
    /// <summary>The security groups allow it, but a network ACL drops the request or (some of) the replies.</summary>
    NetworkAcl,
}

/// <summary>
/// The answer for one connection, without explanation strings (the fast path).
/// </summary>
/// <param name="Allowed">True when the connection can be opened.</param>
/// <param name="Egress">Matching outbound rules of the source (empty when the source is outside the estate).</param>
/// <param name="Ingress">Matching inbound rules of the destination (empty when it is outside the estate).</param>
/// <param name="DeniedBy">Which side denies, or null when allowed.</param>
/// <param name="Untracked">
/// Allowed, and on every estate side by a 0.0.0.0/0 (::/0) rule with an all-ports 0.0.0.0/0 (::/0) rule the
/// other way: AWS does not track such flows, so removing the rule cuts them at once (semantics.md "Stateful").
/// </param>
public sealed record Verdict(
    bool Allowed,
    ImmutableArray<RuleRef> Egress,
    ImmutableArray<RuleRef> Ingress,
    DeniedSide? DeniedBy,
    bool Untracked)
{
    /// <summary>Security groups are stateful: the replies of an allowed connection are allowed.</summary>
    public bool ReturnTrafficAllowed => Allowed;

    /// <summary>
    /// What the network ACLs on the path make of it, or null when it crosses none (same subnet, or no ACL modelled).
    /// A connection is allowed only when both layers allow it.
    /// </summary>
    public AclVerdict? NetworkAcl { get; init; }
}
