using System.Collections.Immutable;
using System.Globalization;
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

    private static string Allowed(ImmutableArray<AclDecision> decisions)
    {
        var request = decisions.Where(d => d.Leg == ConversationLeg.Request).Select(Place);
        var reply = decisions.Where(d => d.Leg == ConversationLeg.Reply).Select(Place).ToList();
        return reply.Count == 0
            ? $"Network ACLs allow the request: {string.Join("; ", request)} (no reply to check)."
            : $"Network ACLs allow it both ways: request by {string.Join("; ", request)}; replies by {string.Join("; ", reply)}.";
    }

    private static string Place(AclDecision d) => $"{d.AclId} ({d.SubnetId}) {DirectionText.Of(d.Direction)} {d.RuleText}";

    private static string Why(AclDecision d, Traffic? traffic) => d.Entry is { } e
        ? $"its {DirectionText.Of(d.Direction)} rule #{e.RuleNumber} denies {e.TrafficText} {(d.Direction == Direction.Outbound ? "to" : "from")} {e.Cidr}"
        : $"no {DirectionText.Of(d.Direction)} rule matches{(traffic is { } t ? $" {t}" : "")}, so the final * rule denies it";

    private static string Reply(Traffic request) => NetworkAclLayer.ReplyOf(request) is { } reply ? reply.ToString() : request.ToString();
}
