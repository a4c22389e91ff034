using System.Text;
using System.Text.Json;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Cli.Output;

/// <summary><c>sgd diff</c>'s text, from its JSON answer.</summary>
internal static class DiffText
{
    /// <summary>Groups and rules added, removed and changed, then the flows opened and closed with the rules responsible.</summary>
    public static string From(string json)
    {
        using var document = JsonDocument.Parse(json);
        var diff = document.RootElement;
        var text = new StringBuilder();
        foreach (var g in diff.Items("groupsAdded"))
            text.AppendLine($"+ group {g.Str("id")} ({g.Str("name")})");
        foreach (var g in diff.Items("groupsRemoved"))
            text.AppendLine($"- group {g.Str("id")} ({g.Str("name")})");
        foreach (var r in diff.Items("groupsRenamed"))
            text.AppendLine($"~ group {r.Str("id")} renamed {r.Str("oldName")} -> {r.Str("newName")}");
        var groups = diff.Items("rules").ToList();
        var ruleCount = 0;
        foreach (var g in groups)
        {
            text.AppendLine($"{g.Str("group")} ({g.Str("groupName")}):");
            foreach (var r in g.Items("added"))
                text.AppendLine($"  + {r.Str("id")} {r.Str("text")}");
            foreach (var r in g.Items("removed"))
                text.AppendLine($"  - {r.Str("id")} {r.Str("text")}");
            foreach (var c in g.Items("changed"))
                text.AppendLine($"  ~ {c.GetProperty("after").Str("id")} {c.GetProperty("before").Str("text")} -> {c.GetProperty("after").Str("text")}");
            ruleCount += g.Items("added").Count() + g.Items("removed").Count() + g.Items("changed").Count();
        }
        var noRuleChanges = groups.Count == 0 && !diff.Items("groupsAdded").Any() && !diff.Items("groupsRemoved").Any() && !diff.Items("groupsRenamed").Any();
        text.AppendLine(noRuleChanges ? "No rule changes." : $"{ruleCount} rule change(s) in {groups.Count} group(s).");
        var changes = diff.Items("reachability").ToList();
        foreach (var change in changes)
        {
            text.AppendLine($"{Party(change.GetProperty("from"))} -> {Party(change.GetProperty("to"))} ({change.Long("pairs")} pair(s)):");
            foreach (var d in change.Items("opens"))
                text.AppendLine($"  opens  {Traffic(d)}{Because(d)}");
            foreach (var d in change.Items("closes"))
                text.AppendLine($"  closes {Traffic(d)}{Because(d)}{(d.Bool("untracked") ? " (untracked: existing connections are cut at once)" : " (tracked: existing connections live until idle)")}");
            // Only sgd impact's answer has them: the plan's network-ACL resources behind the change.
            if (change.TryGetProperty("aclRules", out var acl) && acl.GetArrayLength() > 0)
                text.AppendLine($"  by network ACL {string.Join(", ", acl.EnumerateArray().Select(a => a.GetString()))}");
        }
        text.AppendLine(changes.Count == 0
            ? "Reachability unchanged."
            : $"Reachability: {changes.Count(c => c.Items("opens").Any())} flow(s) opened, {changes.Count(c => c.Items("closes").Any())} closed.");
        return text.ToString();
    }

    // As FlowParty prints itself: an outside endpoint by its label, ENIs with their count and samples.
    internal static string Party(JsonElement party)
    {
        var label = party.Str("label");
        if (party.OptionalStr("outside") is not null)
            return label;
        var count = party.Int("eniCount");
        var samples = party.Items("sampleEnis").Select(s => s.GetString()).ToList();
        return $"{label} [{count} ENI{(count == 1 ? "" : "s")}: {string.Join(", ", samples)}{(count > samples.Count ? ", …" : "")}]";
    }

    // As the engine's TrafficSetEntry prints itself, rebuilt from cli.md's traffic fields.
    internal static string Traffic(JsonElement entry)
    {
        var protocol = IpProtocol.Parse(entry.Str("protocol")).Value;
        return new TrafficSetEntry(
            protocol,
            [.. entry.Items("ports").Select(p => new PortRange(p[0].GetInt32(), p[1].GetInt32()))],
            [.. entry.Items("types").Select(t => new IcmpTypeCode(t[0].GetInt32(), t[1].GetInt32()))]).ToString();
    }

    internal static string Because(JsonElement detail)
    {
        var rules = detail.Items("rules").Select(r => $"{r.Str("group")} {r.Str("id")}").ToList();
        // The network-ACL rules behind the change, worded as AclDecision.WithLeg: "acl-1 (subnet-a) inbound rule #90 denies the request".
        var acl = detail.Items("networkAcl").Select(a =>
            $"network ACL {a.Str("aclId")} ({a.Str("subnetId")}) {a.Str("direction")} {(a.Str("rule") == "*" ? "the final * rule" : $"rule #{a.Str("rule")}")} "
            + $"{(a.Str("action") == "allow" ? "allows" : "denies")} the {(a.Str("leg") == "request" ? "request" : "replies")}").ToList();
        return (rules.Count == 0 ? "" : $" by {string.Join(", ", rules)}") + (acl.Count == 0 ? "" : $" ({string.Join("; ", acl)})");
    }
}
