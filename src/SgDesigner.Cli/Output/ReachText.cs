using System.Text;
using System.Text.Json;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Cli.Output;

/// <summary><c>sgd reach</c>'s text, from its JSON answer (one query).</summary>
internal static class ReachText
{
    /// <summary>The verdict line, the explanation, the rules that allow it on each side and the stateful note.</summary>
    public static string From(string json, Traffic traffic)
    {
        using var document = JsonDocument.Parse(json);
        var answer = document.RootElement;
        var allowed = answer.Bool("allowed");
        var text = new StringBuilder();
        text.AppendLine($"{(allowed ? "ALLOWED" : "DENIED")}: {answer.Str("from")} -> {answer.Str("to")} {traffic}");
        text.AppendLine(answer.Str("explanation"));
        Rules(text, answer, "egress", "source egress (outbound rules that allow it):");
        Rules(text, answer, "ingress", "destination ingress (inbound rules that allow it):");
        if (allowed)
            text.AppendLine("The return traffic of this connection is allowed too: security groups are stateful.");
        if (answer.TryGetProperty("networkAcl", out var acl))
            NetworkAcl(text, acl);
        return text.ToString();
    }

    // The ACL rule of each subnet boundary crossed, request first, and the one that dropped the connection.
    private static void NetworkAcl(StringBuilder text, JsonElement acl)
    {
        text.AppendLine($"network ACLs ({acl.Str("outcome")}):");
        foreach (var d in acl.Items("crossings"))
        {
            var rule = d.Str("rule") == "*" ? "rule *" : $"rule #{d.Str("rule")}";
            text.AppendLine($"  {d.Str("leg"),-7} {d.Str("aclId")} ({d.Str("subnetId")}) {d.Str("direction")} {rule}: {d.Str("action")}");
        }
        if (acl.TryGetProperty("droppedLeg", out var leg))
            text.AppendLine($"The {leg.GetString()} is dropped by the network ACL.");
    }

    private static void Rules(StringBuilder text, JsonElement answer, string side, string heading)
    {
        var rules = answer.Items(side).ToList();
        if (rules.Count == 0)
            return;
        text.AppendLine(heading);
        foreach (var r in rules)
            text.AppendLine($"  {r.RuleLine()}");
    }
}
