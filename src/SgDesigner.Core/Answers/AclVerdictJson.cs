using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Answers;

/// <summary>
/// The <c>networkAcl</c> member of a reach answer (cli.md "sgd reach"): the outcome, the leg dropped, the rule that
/// decided it, the reply ports that pass, and every crossing's rule.
/// </summary>
public static class AclVerdictJson
{
    /// <summary>Writes <c>"networkAcl": {…}</c> into the current object.</summary>
    public static void Write(Utf8JsonWriter w, AclVerdict acl)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(acl);
        w.WriteStartObject("networkAcl");
        w.WriteString("outcome", JsonNamingPolicy.CamelCase.ConvertName(acl.Outcome.ToString()));
        if (acl.Deciding is { } deciding)
        {
            w.WriteString("droppedLeg", Leg(deciding.Leg));
            w.WritePropertyName("decidedBy");
            Decision(w, deciding);
        }
        if (acl.ClientPorts is { } client)
        {
            w.WriteString("clientPorts", $"{client} ({client.From}-{client.To})");
            w.WriteStartArray("replyPortsAllowed");
            foreach (var r in acl.ReplyPortsAllowed)
                w.WriteStringValue(r.ToString());
            w.WriteEndArray();
        }
        w.WriteStartArray("crossings");
        foreach (var d in acl.Decisions)
            Decision(w, d);
        w.WriteEndArray();
        w.WriteString("text", acl.Text);
        w.WriteEndObject();
    }

    /// <summary>One ACL rule's decision as an object: leg, ACL, subnet, direction, rule number ("*" for the final rule), action.</summary>
    internal static void Decision(Utf8JsonWriter w, AclDecision d)
    {
        // A subnet's decisions are made once and shared by every verdict through it (AclBoundary): a batch writes the same
        // few thousands of times, so their compact form is written once and copied.
        if (!w.Options.Indented && w.Options.Encoder == AnswerJson.Options(indented: false).Encoder)
            w.WriteRawValue(CompactDecisions.GetValue(d, Compact), skipInputValidation: true);
        else
            WriteDecision(w, d);
    }

    private static readonly ConditionalWeakTable<AclDecision, byte[]> CompactDecisions = new();

    private static byte[] Compact(AclDecision d)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var w = new Utf8JsonWriter(buffer, AnswerJson.Options(indented: false)))
            WriteDecision(w, d);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteDecision(Utf8JsonWriter w, AclDecision d)
    {
        w.WriteStartObject();
        w.WriteString("leg", Leg(d.Leg));
        w.WriteString("aclId", d.AclId);
        w.WriteString("subnetId", d.SubnetId);
        w.WriteString("direction", DirectionText.Of(d.Direction));
        // The final rule has no number in AWS's console: it shows '*'.
        w.WriteString("rule", d.RuleNumber is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "*");
        w.WriteString("action", d.Action == AclAction.Allow ? "allow" : "deny");
        w.WriteEndObject();
    }

    private static string Leg(ConversationLeg leg) => leg == ConversationLeg.Request ? "request" : "reply";
}
