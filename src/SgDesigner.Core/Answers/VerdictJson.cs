using System.Text.Json;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Answers;

/// <summary>The JSON object of one answered reach query (cli.md "sgd reach --batch").</summary>
public static class VerdictJson
{
    /// <summary>The query as given, the verdict and its rules; with <paramref name="explanation"/>, its summary and nearest misses.</summary>
    public static void Write(Utf8JsonWriter w, ReachQuery query, Verdict verdict, Explanation? explanation)
    {
        w.WriteStartObject();
        w.WriteString("from", query.From);
        w.WriteString("to", query.To);
        w.WriteString("protocol", query.Protocol);
        if (query.Port is { } port)
            w.WriteNumber("port", port);
        if (query.IcmpType is { } type)
            w.WriteNumber("icmpType", type);
        if (query.IcmpCode is { } code)
            w.WriteNumber("icmpCode", code);
        w.WriteBoolean("allowed", verdict.Allowed);
        RuleJson.WriteRefs(w, "egress", verdict.Egress);
        RuleJson.WriteRefs(w, "ingress", verdict.Ingress);
        // Security groups are stateful: the replies of an allowed connection need no rule (semantics.md).
        w.WriteBoolean("returnTrafficAllowed", verdict.Allowed);
        w.WriteBoolean("untracked", verdict.Untracked);
        if (verdict.DeniedBy is { } side)
            w.WriteString("deniedBy", JsonNamingPolicy.CamelCase.ConvertName(side.ToString()));
        if (verdict.NetworkAcl is { } acl)
            AclVerdictJson.Write(w, acl);
        if (explanation is null)
        {
            w.WriteEndObject();
            return;
        }
        w.WriteString("explanation", explanation.Summary);
        w.WriteStartArray("nearestMisses");
        foreach (var miss in explanation.NearestMisses.IsDefaultOrEmpty && explanation.NearestMiss is { } only ? [only] : explanation.NearestMisses)
        {
            w.WriteStartObject();
            w.WriteString("side", JsonNamingPolicy.CamelCase.ConvertName(miss.Side.ToString()));
            w.WriteString("reason", JsonNamingPolicy.CamelCase.ConvertName(miss.Reason.ToString()));
            w.WriteString("text", miss.Text);
            if (miss.Rule is { } rule)
            {
                w.WritePropertyName("rule");
                RuleJson.Write(w, rule.Rule, rule.GroupId);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
