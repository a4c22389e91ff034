using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Terraform;

/// <summary>
/// Writes the estate's security groups and network ACLs (<see cref="TerraformAclWriter"/>) as Terraform JSON (<c>.tf.json</c>; semantics.md, "Terraform JSON").
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A <c>terraform</c> block names the provider and the versions the export was tested with
/// (<see cref="ProviderVersion"/>); a <c>provider</c> block only on request.</item>
/// <item>Each VPC becomes a <c>variable</c> whose default is its id, so the export also works in a new account.
/// Variable descriptions and defaults are literal in Terraform JSON and are not escaped; every other string is a
/// template, so <c>${</c> and <c>%{</c> in it are doubled.</item>
/// <item>A VPC's default group (named <c>default</c>) exists with the VPC: it is adopted with
/// <c>aws_default_security_group</c>, which takes no name or description and whose rules are its own blocks.</item>
/// <item>References between groups are interpolations; a group of another account is
/// <c>111122223333/sg-…</c>, the form the provider accepts; a prefix list stays its literal id.</item>
/// <item>Exactly the estate's rules are written. Terraform deletes AWS's default allow-all egress rule of a group
/// it creates, so a group meant to keep it must (and does) carry that rule explicitly.</item>
/// <item>A rule's owner, justification, ticket and review-by date are tags of its rule resource
/// (<see cref="RuleMetadataTags"/>); inline blocks take no tags, so inline rules lose them, with a note.</item>
/// <item>The policy's own ids (group and rule ids) are kept in <c>locals.sgd_ids</c> so that
/// <see cref="TerraformImporter"/> reads back the same groups and rules.</item>
/// <item>Inline style: groups that reference each other in a cycle (which Terraform refuses) are written wholly in
/// rules style, and the export says which.</item>
/// <item>An empty estate gives a file with only the <c>terraform</c> block: Terraform refuses empty
/// <c>variable</c> or resource maps.</item>
/// </list>
/// </remarks>
public static class TerraformExporter
{
    /// <summary>The hashicorp/aws versions the export is written for (tested with 5.100).</summary>
    public const string ProviderVersion = ">= 5.100, < 6.0";

    /// <summary>The description AWS gives every default group; Terraform cannot change it.</summary>
    public const string DefaultGroupDescription = "default VPC security group";

    internal const string IdsLocal = "sgd_ids";
    internal const string RegionVariable = "region";

    private static readonly JsonWriterOptions Options = new() { Indented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The Terraform JSON for every group of <paramref name="estate"/>, without validating it first.</summary>
    public static string Export(Estate estate, TerraformStyle style = TerraformStyle.Rules) => Write(estate, new TerraformExportOptions(style)).Content!;

    /// <summary>
    /// Validates the groups as an edit would (<see cref="EstateValidator.CheckGroups"/>, designer mode) and, when
    /// they are valid, writes them. Every entry point (API, designer, <c>sgd</c>) exports through this.
    /// </summary>
    public static TerraformExport TryExport(Estate estate, TerraformExportOptions options)
    {
        var errors = EstateValidator.CheckGroups(estate).Errors.AddRange(NetworkAclValidator.Check(estate, EstateValidationMode.Designer).Errors);
        return errors.IsEmpty ? Write(estate, options) : new TerraformExport(null, errors, [], []);
    }

    /// <summary>Writes the groups of <paramref name="estate"/> as they are.</summary>
    public static TerraformExport Write(Estate estate, TerraformExportOptions options)
    {
        var names = TerraformNamePlan.For(estate);
        var acls = TerraformAclNames.For(estate);
        var candidates = estate.Groups.Where(g => options.Style == TerraformStyle.Inline || TerraformNamePlan.IsDefaultGroup(g)).ToList();
        var cycles = ReferenceCycles.Find(candidates);
        var inline = candidates.Where(g => !cycles.Contains(g.Id)).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var notes = Notes(estate, cycles).AddRange(InlineMetadataNote(estate, inline));
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            if (!notes.IsEmpty)
                w.WriteString("//", string.Join(" ", notes));
            WriteTerraformBlock(w);
            WriteVariables(w, estate, names, acls, options.ProviderBlock);
            if (options.ProviderBlock)
            {
                w.WriteStartObject("provider");
                w.WriteStartObject("aws");
                w.WriteString("region", $"${{var.{RegionVariable}}}");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            if (!estate.Groups.IsEmpty || TerraformAclWriter.HasAcls(estate))
            {
                WriteLocals(w, estate, names, acls, inline);
                WriteResources(w, estate, names, acls, inline);
            }
            w.WriteEndObject();
        }
        var rulesStyle = cycles.Order(StringComparer.Ordinal).ToImmutableArray();
        return new TerraformExport(Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n", [], notes, rulesStyle);
    }

    // Inline ingress/egress blocks take no tags, so a rule written inline cannot carry its metadata.
    private static IEnumerable<string> InlineMetadataNote(Estate estate, HashSet<string> inline)
    {
        var lost = estate.Groups.Where(g => inline.Contains(g.Id)).SelectMany(g => g.Rules).Where(r => !r.Metadata.IsEmpty).Select(r => r.Id).ToList();
        if (lost.Count > 0)
        {
            yield return $"The owner, justification, ticket and review-by date of {lost.Count} rule(s) written as inline blocks " +
                $"({string.Join(", ", lost.Take(10))}{(lost.Count > 10 ? ", …" : "")}) are not written: inline blocks take no tags. " +
                "Export in rules style to keep them.";
        }
    }

    private static ImmutableArray<string> Notes(Estate estate, HashSet<string> cycles)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        if (cycles.Count > 0)
        {
            var list = string.Join(", ", estate.Groups.Where(g => cycles.Contains(g.Id)).OrderBy(g => g.Id, StringComparer.Ordinal).Select(g => $"{g.Name} ({g.Id})"));
            notes.Add($"Groups {list} reference each other in a cycle, which Terraform cannot create from inline blocks: " +
                "they are written wholly in rules style (aws_vpc_security_group_ingress_rule / _egress_rule resources).");
        }
        var defaults = estate.Groups.Where(TerraformNamePlan.IsDefaultGroup).OrderBy(g => g.Id, StringComparer.Ordinal).ToList();
        if (defaults.Count > 0)
        {
            notes.Add($"The default groups ({string.Join(", ", defaults.Select(g => g.Id))}) are adopted with aws_default_security_group: " +
                "on apply Terraform removes the rules they have and creates exactly these.");
        }
        foreach (var group in defaults.Where(g => g.Description != DefaultGroupDescription))
            notes.Add($"The description of default group {group.Id} is not written: AWS keeps '{DefaultGroupDescription}'.");
        var defaultAcls = estate.NetworkAcls.IsDefault ? [] : estate.NetworkAcls.Where(a => a.IsDefault).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        if (defaultAcls.Count > 0)
        {
            notes.Add($"The default network ACLs ({string.Join(", ", defaultAcls.Select(a => a.Id))}) are adopted with aws_default_network_acl: " +
                "on apply Terraform removes the rules they have and creates exactly these.");
        }
        return notes.ToImmutable();
    }

    private static void WriteTerraformBlock(Utf8JsonWriter w)
    {
        w.WriteStartObject("terraform");
        w.WriteStartObject("required_providers");
        w.WriteStartObject("aws");
        w.WriteString("source", "hashicorp/aws");
        w.WriteString("version", ProviderVersion);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteVariables(Utf8JsonWriter w, Estate estate, TerraformNamePlan names, TerraformAclNames acls, bool region)
    {
        if (names.VpcVariables.Count == 0 && !region)
            return;
        w.WriteStartObject("variable");
        // Descriptions and defaults of variables are literal values in Terraform JSON, not templates: no escaping.
        foreach (var (vpcId, variable) in names.VpcVariables)
        {
            var vpcName = estate.Vpcs.FirstOrDefault(v => v.Id == vpcId)?.Name;
            w.WriteStartObject(variable);
            w.WriteString("type", "string");
            w.WriteString("description", vpcName is null ? $"VPC for the groups of {vpcId}" : $"VPC for the groups of {vpcId} ({vpcName})");
            w.WriteString("default", vpcId);
            w.WriteEndObject();
        }
        TerraformAclWriter.WriteVariables(w, estate, acls);
        if (region)
        {
            w.WriteStartObject(RegionVariable);
            w.WriteString("type", "string");
            w.WriteString("description", "AWS region of the VPCs");
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteLocals(Utf8JsonWriter w, Estate estate, TerraformNamePlan names, TerraformAclNames acls, HashSet<string> inline)
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
            if (!inline.Contains(group.Id))
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
        if (TerraformAclWriter.HasAcls(estate))
            TerraformAclWriter.WriteLocals(w, estate, acls, names);
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

    private static void WriteResources(Utf8JsonWriter w, Estate estate, TerraformNamePlan names, TerraformAclNames acls, HashSet<string> inline)
    {
        w.WriteStartObject("resource");
        foreach (var type in new[] { TerraformNamePlan.DefaultGroupType, TerraformNamePlan.GroupType })
        {
            var groups = estate.Groups.Where(g => names.GroupTypeOf(g.Id) == type).ToList();
            if (groups.Count == 0)
                continue;
            w.WriteStartObject(type);
            foreach (var group in groups)
                WriteGroup(w, group, names, inline.Contains(group.Id));
            w.WriteEndObject();
        }
        var separate = estate.Groups.Where(g => !inline.Contains(g.Id)).ToList();
        WriteRuleResources(w, separate, names, Direction.Inbound, "aws_vpc_security_group_ingress_rule");
        WriteRuleResources(w, separate, names, Direction.Outbound, "aws_vpc_security_group_egress_rule");
        if (TerraformAclWriter.HasAcls(estate))
            TerraformAclWriter.WriteResources(w, estate, acls, names);
        w.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter w, SecurityGroup group, TerraformNamePlan names, bool inline)
    {
        w.WriteStartObject(names.Groups[group.Id]);
        if (!TerraformNamePlan.IsDefaultGroup(group))
        {
            w.WriteString("name", TerraformNames.Escape(group.Name));
            w.WriteString("description", TerraformNames.Escape(group.Description));
        }
        w.WriteString("vpc_id", $"${{var.{names.VpcVariables[group.VpcId]}}}");
        if (!group.Tags.IsEmpty)
        {
            w.WriteStartObject("tags");
            foreach (var (key, value) in group.Tags)
                w.WriteString(TerraformNames.Escape(key), TerraformNames.Escape(value));
            w.WriteEndObject();
        }
        if (inline)
        {
            InlineRules.Write(w, "ingress", group, group.Inbound, names);
            InlineRules.Write(w, "egress", group, group.Outbound, names);
        }
        w.WriteEndObject();
    }

    private static void WriteRuleResources(Utf8JsonWriter w, List<SecurityGroup> groups, TerraformNamePlan names, Direction direction, string type)
    {
        var rules = groups.SelectMany(g => g.Rules.Where(r => r.Direction == direction).Select(r => (Group: g, Rule: r))).ToList();
        if (rules.Count == 0)
            return;
        w.WriteStartObject(type);
        foreach (var (group, rule) in rules)
        {
            w.WriteStartObject(names.Rules[rule.Id]);
            w.WriteString("security_group_id", names.GroupReference(group.Id));
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
            if (!rule.Metadata.IsEmpty)
            {
                w.WriteStartObject("tags");
                foreach (var (key, value) in RuleMetadataTags.Of(rule.Metadata))
                    w.WriteString(key, TerraformNames.Escape(value));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
