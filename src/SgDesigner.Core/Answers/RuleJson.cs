using System.Text.Json;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Answers;

/// <summary>How every command prints one rule in JSON: its fields plus AWS console-style text.</summary>
public static class RuleJson
{
    /// <summary>One rule as an object; <paramref name="groupId"/>, when given, as its <c>group</c> field.</summary>
    public static void Write(Utf8JsonWriter w, Rule rule, string? groupId = null)
    {
        w.WriteStartObject();
        if (groupId is not null)
            w.WriteString("group", groupId);
        w.WriteString("id", rule.Id);
        w.WriteString("direction", DirectionText.Of(rule.Direction));
        w.WriteString("protocol", rule.Protocol.ToString());
        if (!rule.PortsIgnored)
        {
            w.WriteNumber("fromPort", rule.FromPort);
            w.WriteNumber("toPort", rule.ToPort);
        }
        var (kind, value) = rule.Peer switch
        {
            CidrPeer c => (c.Block.Family == IpFamily.V4 ? "cidr" : "cidrIpv6", c.Block.ToString()),
            GroupPeer g => ("groupId", g.GroupId),
            PrefixListPeer p => ("prefixListId", p.PrefixListId),
            _ => ("peer", rule.Peer.ToString() ?? ""),
        };
        w.WriteString(kind, value);
        if (rule.Description is not null)
            w.WriteString("description", rule.Description);
        w.WriteString("text", rule.ToString());
        w.WriteEndObject();
    }

    /// <summary>The rules as an array property named <paramref name="name"/>.</summary>
    public static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<Rule> rules, string? groupId = null)
    {
        w.WriteStartArray(name);
        foreach (var r in rules)
            Write(w, r, groupId);
        w.WriteEndArray();
    }

    /// <summary>Rules with the group each belongs to (the <c>group</c> field).</summary>
    public static void WriteRefs(Utf8JsonWriter w, string name, IEnumerable<RuleRef> rules)
    {
        w.WriteStartArray(name);
        foreach (var r in rules)
            Write(w, r.Rule, r.GroupId);
        w.WriteEndArray();
    }
}
