using System.Text.Json;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>
/// The <c>ingress</c>/<c>egress</c> blocks of <c>aws_security_group</c>. In JSON syntax every argument of such a
/// block must be present. Protocol <c>-1</c> (and port-less protocols) use <c>0</c>/<c>0</c>; a group referencing
/// itself uses <c>self</c>. One block per rule, so each block maps back to one rule id.
/// </summary>
internal static class InlineRules
{
    public static void Write(Utf8JsonWriter w, string name, SecurityGroup group, IEnumerable<Rule> rules, TerraformNamePlan names)
    {
        w.WriteStartArray(name);
        foreach (var rule in rules)
        {
            w.WriteStartObject();
            w.WriteNumber("from_port", rule.PortsIgnored ? 0 : rule.FromPort);
            w.WriteNumber("to_port", rule.PortsIgnored ? 0 : rule.ToPort);
            w.WriteString("protocol", rule.Protocol.AwsName);
            WriteList(w, "cidr_blocks", rule.Peer is CidrPeer { Block.Family: IpFamily.V4 } v4 ? v4.Block.ToString() : null);
            WriteList(w, "ipv6_cidr_blocks", rule.Peer is CidrPeer { Block.Family: IpFamily.V6 } v6 ? v6.Block.ToString() : null);
            WriteList(w, "prefix_list_ids", rule.Peer is PrefixListPeer p ? TerraformNames.Escape(p.PrefixListId) : null);
            var self = rule.Peer is GroupPeer s && s.GroupId == group.Id;
            WriteList(w, "security_groups", rule.Peer is GroupPeer g && !self ? names.GroupReference(g.GroupId) : null);
            w.WriteBoolean("self", self);
            w.WriteString("description", TerraformNames.Escape(rule.Description ?? ""));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteList(Utf8JsonWriter w, string name, string? value)
    {
        w.WriteStartArray(name);
        if (value is not null)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
