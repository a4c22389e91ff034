using System.Text.Json;
using SgDesigner.Cli.Output;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Cli.Reach;

/// <summary>The JSON object of one answered reach query (cli.md "sgd reach --batch").</summary>
internal static class VerdictJson
{
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
        if (explanation is not null)
            w.WriteString("explanation", explanation.Summary);
        w.WriteEndObject();
    }
}
