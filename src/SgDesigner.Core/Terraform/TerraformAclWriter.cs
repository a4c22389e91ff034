using System.Collections.Immutable;
using System.Text.Json;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Terraform;

/// <summary>
/// The network ACLs of an export (semantics.md, "Network ACLs"): a custom ACL is an <c>aws_network_acl</c> (VPC,
/// <c>subnet_ids</c>, Name tag) with one <c>aws_network_acl_rule</c> per entry; a VPC's default ACL, which exists with
/// the VPC, is adopted with <c>aws_default_network_acl</c>, whose rules are inline <c>ingress</c>/<c>egress</c> blocks
/// (the provider refuses separate rule resources on it).
/// </summary>
/// <remarks>
/// Associations are the ACL's own <c>subnet_ids</c> rather than one <c>aws_network_acl_association</c> per subnet:
/// the policy holds them on the ACL, so one resource per ACL reads back as one ACL, and the default ACL (which has no
/// association resource) is written the same way. Subnets, the default ACL's id and VPCs are variables whose defaults
/// are the policy's ids, as for the groups; the subnets' address blocks travel in <c>locals.sgd_ids.subnets</c> so an
/// import gives back subnets the ACLs can be associated with. Protocols are written as numbers (<c>"6"</c>, <c>"-1"</c>):
/// the provider stores them so, and a name would show as a change on every plan.
/// </remarks>
internal static class TerraformAclWriter
{
    public static bool HasAcls(Estate estate) => !estate.NetworkAcls.IsDefaultOrEmpty;

    /// <summary>The subnet and default-ACL-id variables, inside the <c>variable</c> object.</summary>
    public static void WriteVariables(Utf8JsonWriter w, Estate estate, TerraformAclNames names)
    {
        foreach (var (subnetId, variable) in names.SubnetVariables)
        {
            var subnet = estate.Subnets.FirstOrDefault(s => s.Id == subnetId);
            w.WriteStartObject(variable);
            w.WriteString("type", "string");
            w.WriteString("description", subnet is null ? $"Subnet {subnetId}" : $"Subnet {subnetId} ({subnet.Cidr}) of {subnet.VpcId}");
            w.WriteString("default", subnetId);
            w.WriteEndObject();
        }
        foreach (var (aclId, variable) in names.DefaultAclIdVariables)
        {
            var acl = estate.NetworkAcls.First(a => a.Id == aclId);
            w.WriteStartObject(variable);
            w.WriteString("type", "string");
            w.WriteString("description", $"Default network ACL of {acl.VpcId} (the VPC's default_network_acl_id)");
            w.WriteString("default", aclId);
            w.WriteEndObject();
        }
    }

    /// <summary>The ACLs' own ids and VPCs and their subnets, inside <c>locals.sgd_ids</c>, for <see cref="TerraformImporter"/>.</summary>
    public static void WriteLocals(Utf8JsonWriter w, Estate estate, TerraformAclNames names, TerraformNamePlan plan)
    {
        w.WriteStartObject("network_acls");
        foreach (var acl in estate.NetworkAcls)
        {
            w.WriteStartObject(names.Acls[acl.Id]);
            w.WriteString("id", TerraformNames.Escape(acl.Id));
            w.WriteString("vpc_id", VpcReference(plan, acl.VpcId));
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("subnets");
        foreach (var subnet in estate.Subnets.Where(s => names.SubnetVariables.ContainsKey(s.Id)))
        {
            w.WriteStartObject(TerraformNames.Escape(subnet.Id));
            w.WriteString("vpc_id", VpcReference(plan, subnet.VpcId));
            w.WriteString("cidr", subnet.Cidr.ToString());
            if (subnet.Ipv6Cidr is { } v6)
                w.WriteString("ipv6_cidr", v6.ToString());
            if (subnet.AvailabilityZone is { } zone)
                w.WriteString("availability_zone", TerraformNames.Escape(zone));
            if (subnet.Name is { } name)
                w.WriteString("name", TerraformNames.Escape(name));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>The ACL and rule resource types, inside the <c>resource</c> object.</summary>
    public static void WriteResources(Utf8JsonWriter w, Estate estate, TerraformAclNames names, TerraformNamePlan plan)
    {
        foreach (var type in new[] { TerraformAclNames.DefaultAclType, TerraformAclNames.AclType })
        {
            var acls = estate.NetworkAcls.Where(a => TerraformAclNames.TypeOf(a) == type).ToList();
            if (acls.Count == 0)
                continue;
            w.WriteStartObject(type);
            foreach (var acl in acls)
                WriteAcl(w, acl, names, plan);
            w.WriteEndObject();
        }
        var rules = estate.NetworkAcls.Where(a => !a.IsDefault)
            .SelectMany(a => Entries(a).Select(e => (Acl: a, e.Direction, e.Entry))).ToList();
        if (rules.Count == 0)
            return;
        w.WriteStartObject(TerraformAclNames.RuleType);
        foreach (var (acl, direction, entry) in rules)
        {
            w.WriteStartObject(names.RuleName(acl, direction, entry));
            w.WriteString("network_acl_id", $"${{{TerraformAclNames.AclType}.{names.Acls[acl.Id]}.id}}");
            w.WriteNumber("rule_number", entry.RuleNumber);
            w.WriteBoolean("egress", direction == Direction.Outbound);
            w.WriteString("protocol", Protocol(entry));
            w.WriteString("rule_action", Action(entry));
            WriteCidr(w, entry);
            if (entry.Protocol.HasPorts || entry.Protocol.IsAll)
            {
                // All traffic takes ports 0/0 (the provider's rule); tcp/udp their range.
                w.WriteNumber("from_port", entry.Protocol.IsAll ? 0 : entry.FromPort);
                w.WriteNumber("to_port", entry.Protocol.IsAll ? 0 : entry.ToPort);
            }
            else if (entry.Protocol.IsIcmp)
            {
                w.WriteNumber("icmp_type", entry.FromPort);
                w.WriteNumber("icmp_code", entry.ToPort);
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteAcl(Utf8JsonWriter w, NetworkAcl acl, TerraformAclNames names, TerraformNamePlan plan)
    {
        w.WriteStartObject(names.Acls[acl.Id]);
        if (acl.IsDefault)
            w.WriteString("default_network_acl_id", $"${{var.{names.DefaultAclIdVariables[acl.Id]}}}");
        else
            w.WriteString("vpc_id", VpcReference(plan, acl.VpcId));
        var subnets = acl.SubnetIds.IsDefault ? [] : acl.SubnetIds;
        if (!subnets.IsEmpty)
        {
            w.WriteStartArray("subnet_ids");
            foreach (var subnet in subnets)
                w.WriteStringValue($"${{var.{names.SubnetVariables[subnet]}}}");
            w.WriteEndArray();
        }
        if (acl.Name is { } name)
        {
            w.WriteStartObject("tags");
            w.WriteString("Name", TerraformNames.Escape(name));
            w.WriteEndObject();
        }
        if (acl.IsDefault)
        {
            WriteBlocks(w, "ingress", acl.Inbound);
            WriteBlocks(w, "egress", acl.Outbound);
        }
        w.WriteEndObject();
    }

    // In JSON syntax a block lists every required argument: from_port/to_port are 0 where ports mean nothing.
    private static void WriteBlocks(Utf8JsonWriter w, string name, ImmutableArray<NetworkAclEntry> entries)
    {
        w.WriteStartArray(name);
        foreach (var entry in Sorted(entries))
        {
            w.WriteStartObject();
            w.WriteNumber("rule_no", entry.RuleNumber);
            w.WriteString("action", Action(entry));
            w.WriteString("protocol", Protocol(entry));
            WriteCidr(w, entry, "cidr_block", "ipv6_cidr_block");
            w.WriteNumber("from_port", entry.Protocol.HasPorts ? entry.FromPort : 0);
            w.WriteNumber("to_port", entry.Protocol.HasPorts ? entry.ToPort : 0);
            if (entry.Protocol.IsIcmp)
            {
                w.WriteNumber("icmp_type", entry.FromPort);
                w.WriteNumber("icmp_code", entry.ToPort);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static IEnumerable<(Direction Direction, NetworkAclEntry Entry)> Entries(NetworkAcl acl) =>
        Sorted(acl.Inbound).Select(e => (Direction.Inbound, e)).Concat(Sorted(acl.Outbound).Select(e => (Direction.Outbound, e)));

    private static IEnumerable<NetworkAclEntry> Sorted(ImmutableArray<NetworkAclEntry> entries) =>
        entries.IsDefault ? [] : entries.OrderBy(e => e.RuleNumber);

    private static void WriteCidr(Utf8JsonWriter w, NetworkAclEntry entry, string v4 = "cidr_block", string v6 = "ipv6_cidr_block") =>
        w.WriteString(entry.Cidr.Family == IpFamily.V4 ? v4 : v6, entry.Cidr.ToString());

    private static string Protocol(NetworkAclEntry entry) => entry.Protocol.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Action(NetworkAclEntry entry) => entry.Action == AclAction.Allow ? "allow" : "deny";

    private static string VpcReference(TerraformNamePlan plan, string vpcId) => $"${{var.{plan.VpcVariables[vpcId]}}}";
}
