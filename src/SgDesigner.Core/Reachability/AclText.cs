using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>The sentences of an <see cref="AclVerdict"/>: which ACL rule decided, and which leg was dropped.</summary>
internal static class AclText
{
    public static AclVerdict Verdict(
        AclOutcome outcome, ImmutableArray<AclDecision> decisions, AclDecision? dropped, ImmutableArray<PortRange> reachable,
        PortRange[] allowed, EphemeralPorts? client, Traffic traffic) =>
        new(outcome, decisions, dropped, reachable, client, allowed, traffic);

    /// <summary>The verdict's sentence, written when it is read (most verdicts never are).</summary>
    public static string Sentence(AclVerdict verdict, PortRange[] allowed, Traffic traffic)
    {
        var dropped = verdict.Deciding;
        var client = verdict.ClientPorts;
        return verdict.Outcome switch
        {
            AclOutcome.Allowed => Allowed(verdict.Decisions),
            AclOutcome.Partly => $"Network ACL {dropped!.AclId} of {dropped.SubnetId} drops part of the replies: its {DirectionText.Of(dropped.Direction)} {dropped.RuleText} denies some of the client's ports; {Ports(allowed, client!, partly: true)}.",
            _ when dropped!.Leg == ConversationLeg.Request =>
                $"Network ACL {dropped.AclId} of {dropped.SubnetId} drops the request: {Why(dropped, traffic)}.",
            _ when client is not null =>
                $"Network ACL {dropped.AclId} of {dropped.SubnetId} drops the replies: {Why(dropped, null)}; {Ports(allowed, client, partly: false)}.",
            _ => $"Network ACL {dropped.AclId} of {dropped.SubnetId} drops the reply ({Reply(traffic)}): {Why(dropped, null)}; ACLs are stateless, so the reply needs its own rule.",
        };
    }

    /// <summary>The quoted sentence of the issue: "replies allowed only to ports 1024–5000: Linux clients, which use 32768–60999, time out".</summary>
    public static string Ports(PortRange[] allowed, EphemeralPorts client, bool partly)
    {
        var uses = $"{client.ClientText}, which use {client.RangeText}, time out";
        var when = partly ? " whenever they pick another port" : "";
        return allowed.Length == 0
            ? $"no reply port is allowed back: {uses}"
            : $"replies allowed only to ports {Ranges(allowed)}: {uses}{when}";
    }

    /// <summary>Ranges with an en dash, comma-separated: "1024–5000, 8080".</summary>
    public static string Ranges(IEnumerable<PortRange> ranges) => string.Join(", ", ranges.Select(r => r.From == r.To
        ? r.From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{r.From}–{r.To}")));

    // Written for every allowed answer of a batch: the places are the decisions' own (AclDecision.Place), kept.
    private static string Allowed(ImmutableArray<AclDecision> decisions)
    {
        var replies = decisions.Any(d => d.Leg == ConversationLeg.Reply);
        var text = new StringBuilder(replies ? "Network ACLs allow it both ways: request by " : "Network ACLs allow the request: ");
        Places(text, decisions, ConversationLeg.Request);
        if (!replies)
            return text.Append(" (no reply to check).").ToString();
        Places(text.Append("; replies by "), decisions, ConversationLeg.Reply);
        return text.Append('.').ToString();
    }

    private static void Places(StringBuilder text, ImmutableArray<AclDecision> decisions, ConversationLeg leg)
    {
        var first = true;
        foreach (var d in decisions)
        {
            if (d.Leg != leg)
                continue;
            if (!first)
                text.Append("; ");
            text.Append(d.Place);
            first = false;
        }
    }

    private static string Why(AclDecision d, Traffic? traffic) => d.Entry is { } e
        ? $"its {DirectionText.Of(d.Direction)} rule #{e.RuleNumber} denies {e.TrafficText} {(d.Direction == Direction.Outbound ? "to" : "from")} {e.Cidr}"
        : $"no {DirectionText.Of(d.Direction)} rule matches{(traffic is { } t ? $" {t}" : "")}, so the final * rule denies it";

    private static string Reply(Traffic request) => NetworkAclLayer.ReplyOf(request) is { } reply ? reply.ToString() : request.ToString();
}
