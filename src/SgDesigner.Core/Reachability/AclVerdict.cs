using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>Which half of a conversation a network ACL decision is about (ACLs are stateless: both need a rule).</summary>
public enum ConversationLeg
{
    /// <summary>The packets from the client to the server's port.</summary>
    Request,
    /// <summary>The packets back from the server to the client's ephemeral port (or the ICMP reply type).</summary>
    Reply,
}

/// <summary>What the network ACLs on the path make of a connection.</summary>
public enum AclOutcome
{
    /// <summary>Request and reply pass every ACL on the path.</summary>
    Allowed,
    /// <summary>
    /// The request passes, but the replies pass only to part of the client's ephemeral ports: the connection fails
    /// whenever the client picks another port. Counted as not allowed.
    /// </summary>
    Partly,
    /// <summary>The request or every reply is dropped.</summary>
    Denied,
}

/// <summary>One ACL rule that decided a packet where it crossed a subnet's boundary.</summary>
/// <param name="Leg">Request or reply.</param>
/// <param name="AclId">The network ACL.</param>
/// <param name="SubnetId">The subnet whose boundary the packet crossed.</param>
/// <param name="Direction">Outbound (leaving the subnet) or inbound (entering it).</param>
/// <param name="RuleNumber">The deciding rule's number, or null for the final <c>*</c> rule (deny).</param>
/// <param name="Action">What the rule did.</param>
/// <param name="Entry">The deciding rule, or null for <c>*</c>.</param>
public sealed record AclDecision(ConversationLeg Leg, string AclId, string SubnetId, Direction Direction, int? RuleNumber, AclAction Action, NetworkAclEntry? Entry)
{
    // A subnet's decisions are made once and shared by every verdict through it (AclBoundary), so their wording is
    // written once too; equality (below) leaves it out.
    private string? _place;

    /// <summary>"rule 100" or "the final * rule".</summary>
    public string RuleText => RuleNumber is { } n ? $"rule #{n}" : "the final * rule";

    /// <summary>e.g. "acl-1 (subnet-a) outbound rule #100": where the packet crossed and the rule that decided.</summary>
    public string Place => _place ??= $"{AclId} ({SubnetId}) {DirectionText.Of(Direction)} {RuleText}";

    /// <summary>e.g. "acl-1 (subnet-a) inbound rule #100 denies the replies": which leg of the conversation it decided.</summary>
    public string WithLeg => $"{this} the {(Leg == ConversationLeg.Request ? "request" : "replies")}";

    /// <summary>e.g. "acl-1 (subnet-a) outbound rule #100 allows".</summary>
    public override string ToString() => $"{Place} {(Action == AclAction.Allow ? "allows" : "denies")}";

    /// <summary>The same leg, ACL, subnet, direction, rule and action.</summary>
    public bool Equals(AclDecision? other) =>
        ReferenceEquals(this, other) || other is not null && Leg == other.Leg && AclId == other.AclId && SubnetId == other.SubnetId
        && Direction == other.Direction && RuleNumber == other.RuleNumber && Action == other.Action && Equals(Entry, other.Entry);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Leg, AclId, SubnetId, Direction, RuleNumber, Action, Entry);
}

/// <summary>
/// The network-ACL half of a verdict (semantics.md, "Network ACLs"): the rules that decided each crossing, the
/// decision that dropped the connection, and a sentence saying so.
/// </summary>
/// <param name="Outcome">Allowed, partly (some reply ports only) or denied.</param>
/// <param name="Decisions">Every crossing evaluated, request first; for a reply on a port range, the rule at the first port that decided.</param>
/// <param name="Deciding">The decision that dropped the request or the replies, or null when allowed.</param>
/// <param name="ReplyPortsAllowed">tcp/udp: the client's ephemeral ports the replies reach; empty otherwise.</param>
/// <param name="ClientPorts">The client's ephemeral range, for tcp/udp.</param>
public sealed record AclVerdict(
    AclOutcome Outcome,
    ImmutableArray<AclDecision> Decisions,
    AclDecision? Deciding,
    ImmutableArray<PortRange> ReplyPortsAllowed,
    EphemeralPorts? ClientPorts)
{
    // The sentence is written when asked: a batch of point queries or a matrix cell mostly never reads it, and writing
    // it was most of an ACL verdict's cost. What it needs besides the verdict is kept (not a closure: one object less
    // per query).
    private readonly PortRange[]? _allowedReplies;
    private readonly Traffic _traffic;
    private string? _text;

    internal AclVerdict(AclOutcome outcome, ImmutableArray<AclDecision> decisions, AclDecision? deciding,
        ImmutableArray<PortRange> replyPortsAllowed, EphemeralPorts? clientPorts, PortRange[] allowedReplies, Traffic traffic)
        : this(outcome, decisions, deciding, replyPortsAllowed, clientPorts) => (_allowedReplies, _traffic) = (allowedReplies, traffic);

    /// <summary>Which leg was dropped, or null when allowed.</summary>
    public ConversationLeg? DroppedLeg => Deciding?.Leg;

    /// <summary>One or two sentences for people.</summary>
    public string Text => _text ??= _allowedReplies is null ? "" : AclText.Sentence(this, _allowedReplies, _traffic);

    /// <summary>The same outcome, decisions, reply ports and client ports (and so the same sentence).</summary>
    public bool Equals(AclVerdict? other) =>
        other is not null && Outcome == other.Outcome && Deciding == other.Deciding && ClientPorts == other.ClientPorts
        && Decisions.SequenceEqual(other.Decisions) && ReplyPortsAllowed.SequenceEqual(other.ReplyPortsAllowed);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Outcome, Deciding, ClientPorts, Decisions.Length);
}
