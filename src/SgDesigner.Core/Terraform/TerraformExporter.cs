using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>
/// Writes the estate's security groups as Terraform JSON (<c>.tf.json</c>; semantics.md, "Terraform JSON").
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Each VPC becomes a <c>variable</c> whose default is its id, so the export also works in a new account.</item>
/// <item>References between groups are <c>${aws_security_group.NAME.id}</c>; a reference to a group missing from
/// the estate (stale) stays a literal id, as do prefix-list ids.</item>
/// <item>Exactly the estate's rules are written. Terraform deletes AWS's default allow-all egress rule of a group
/// it creates, so a group meant to keep it must (and does) carry that rule explicitly; a group without egress rules
/// gets none (inline style writes <c>"egress": []</c>).</item>
/// <item>The policy's own ids (group and rule ids) are kept in <c>locals.sgd_ids</c> so that
/// <see cref="TerraformImporter"/> reads back the same groups and rules.</item>
/// <item>Inline style: two groups that reference each other form a dependency cycle Terraform refuses; the
/// rules style (one resource per rule) has no such cycle, which is why it is the default.</item>
/// <item>Prefix lists are referenced by id; they are not created by the export.</item>
/// </list>
/// </remarks>
public static class TerraformExporter
{
    internal const string IdsLocal = "sgd_ids";

    private static readonly JsonWriterOptions Options = new() { Indented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The Terraform JSON for every group of <paramref name="estate"/>.</summary>
    public static string Export(Estate estate, TerraformStyle style = TerraformStyle.Rules)
    {
        var names = TerraformNamePlan.For(estate);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            WriteVariables(w, estate, names);
            WriteLocals(w, estate, names, style);
            w.WriteStartObject("resource");
            w.WriteStartObject("aws_security_group");
            foreach (var group in estate.Groups)
                WriteGroup(w, group, names, style);
            w.WriteEndObject();
            if (style == TerraformStyle.Rules)
            {
                WriteRuleResources(w, estate, names, Direction.Inbound, "aws_vpc_security_group_ingress_rule");
                WriteRuleResources(w, estate, names, Direction.Outbound, "aws_vpc_security_group_egress_rule");
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteVariables(Utf8JsonWriter w, Estate estate, TerraformNamePlan names)
    {
        w.WriteStartObject("variable");
        foreach (var (vpcId, variable) in names.VpcVariables)
        {
            var vpcName = estate.Vpcs.FirstOrDefault(v => v.Id == vpcId)?.Name;
            w.WriteStartObject(variable);
            w.WriteString("type", "string");
            w.WriteString("description", TerraformNames.Escape(vpcName is null ? $"VPC for the groups of {vpcId}" : $"VPC for the groups of {vpcId} ({vpcName})"));
            w.WriteString("default", TerraformNames.Escape(vpcId));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteLocals(Utf8JsonWriter w, Estate estate, TerraformNamePlan names, TerraformStyle style)
    {
        w.WriteStartObject("locals");
        w.WriteStartObject(IdsLocal);
        w.WriteStartObject("groups");
        foreach (var group in estate.Groups)
            w.WriteString(names.Groups[group.Id], TerraformNames.Escape(group.Id));
        w.WriteEndObject();
        w.WriteStartObject("rules");
        foreach (var group in estate.Groups)
        {
            if (style == TerraformStyle.Rules)
            {
                foreach (var rule in group.Rules)
                    w.WriteString(names.Rules[rule.Id], TerraformNames.Escape(rule.Id));
                continue;
            }
            // Inline blocks have no names: list the ids in block order, per direction.
            w.WriteStartObject(names.Groups[group.Id]);
            WriteIdList(w, "ingress", group.Inbound);
            WriteIdList(w, "egress", group.Outbound);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteIdList(Utf8JsonWriter w, string name, IEnumerable<Rule> rules)
    {
        w.WriteStartArray(name);
        foreach (var rule in rules)
            w.WriteStringValue(TerraformNames.Escape(rule.Id));
        w.WriteEndArray();
    }

    private static void WriteGroup(Utf8JsonWriter w, SecurityGroup group, TerraformNamePlan names, TerraformStyle style)
    {
        w.WriteStartObject(names.Groups[group.Id]);
        w.WriteString("name", TerraformNames.Escape(group.Name));
        w.WriteString("description", TerraformNames.Escape(group.Description));
        w.WriteString("vpc_id", $"${{var.{names.VpcVariables[group.VpcId]}}}");
        if (!group.Tags.IsEmpty)
        {
            w.WriteStartObject("tags");
            foreach (var (key, value) in group.Tags)
                w.WriteString(TerraformNames.Escape(key), TerraformNames.Escape(value));
            w.WriteEndObject();
        }
        if (style == TerraformStyle.Inline)
        {
            InlineRules.Write(w, "ingress", group, group.Inbound, names);
            InlineRules.Write(w, "egress", group, group.Outbound, names);
        }
        w.WriteEndObject();
    }

    private static void WriteRuleResources(Utf8JsonWriter w, Estate estate, TerraformNamePlan names, Direction direction, string type)
    {
        var rules = estate.Groups.SelectMany(g => g.Rules.Where(r => r.Direction == direction).Select(r => (Group: g, Rule: r))).ToList();
        if (rules.Count == 0)
            return;
        w.WriteStartObject(type);
        foreach (var (group, rule) in rules)
        {
            w.WriteStartObject(names.Rules[rule.Id]);
            w.WriteString("security_group_id", $"${{aws_security_group.{names.Groups[group.Id]}.id}}");
            w.WriteString("ip_protocol", rule.Protocol.AwsName);
            // The provider wants no ports for "-1" and port-less protocols; icmp uses them for type and code.
            if (!rule.PortsIgnored)
            {
                w.WriteNumber("from_port", rule.FromPort);
                w.WriteNumber("to_port", rule.ToPort);
            }
            switch (rule.Peer)
            {
                case CidrPeer { Block.Family: IpFamily.V4 } c:
                    w.WriteString("cidr_ipv4", c.Block.ToString());
                    break;
                case CidrPeer c:
                    w.WriteString("cidr_ipv6", c.Block.ToString());
                    break;
                case PrefixListPeer p:
                    w.WriteString("prefix_list_id", TerraformNames.Escape(p.PrefixListId));
                    break;
                case GroupPeer g:
                    w.WriteString("referenced_security_group_id", names.GroupReference(g.GroupId));
                    break;
            }
            if (!string.IsNullOrEmpty(rule.Description))
                w.WriteString("description", TerraformNames.Escape(rule.Description));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
