using System.Text.Json;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.AwsCli;

/// <summary>
/// Reads <c>aws ec2 describe-network-acls</c>: each ACL with its VPC, default flag, subnet associations and entries.
/// The final <c>*</c> rule (number 32767, deny all) is implicit in the model and not kept.
/// </summary>
internal static class NetworkAclReader
{
    private const int FinalRuleNumber = 32767;

    public static void Read(JsonInput root, ImportLog log, List<NetworkAcl> acls)
    {
        foreach (var node in root.ItemsOf("NetworkAcls"))
        {
            var id = node.RequiredString("NetworkAclId");
            if (acls.Any(a => a.Id == id))
            {
                log.Warn(node, $"network ACL {id} appears more than once; the first is kept");
                continue;
            }
            var inbound = new List<NetworkAclEntry>();
            var outbound = new List<NetworkAclEntry>();
            foreach (var entry in node.ItemsOf("Entries"))
            {
                if (entry.Required("RuleNumber").IntOrNumericString() == FinalRuleNumber)
                    continue;
                var egress = entry.Optional("Egress")?.Bool() ?? throw entry.Fail("the entry has no Egress (true for outbound, false for inbound)");
                (egress ? outbound : inbound).Add(ReadEntry(entry, log));
            }
            acls.Add(new NetworkAcl(
                id,
                node.RequiredString("VpcId"),
                node.Optional("IsDefault")?.Bool() ?? false,
                [.. node.ItemsOf("Associations").Select(a => a.OptionalString("SubnetId")).OfType<string>().Distinct(StringComparer.Ordinal)],
                [.. inbound],
                [.. outbound],
                AwsTags.Name(AwsTags.Read(node))));
        }
    }

    private static NetworkAclEntry ReadEntry(JsonInput entry, ImportLog log)
    {
        var number = entry.Required("RuleNumber").IntOrNumericString();
        var protocolNode = entry.Required("Protocol");
        var protocol = protocolNode.Kind == JsonValueKind.Number ? new IpProtocol(protocolNode.Int()) : log.Parse(protocolNode, IpProtocol.Parse);
        var cidrNode = entry.Optional("CidrBlock") ?? entry.Optional("Ipv6CidrBlock")
            ?? throw entry.Fail("the entry has neither CidrBlock nor Ipv6CidrBlock");
        var cidr = log.Parse(cidrNode, Cidr.Parse);
        var actionNode = entry.Required("RuleAction");
        var action = actionNode.String().ToLowerInvariant() switch
        {
            "allow" => AclAction.Allow,
            "deny" => AclAction.Deny,
            var other => throw actionNode.Fail($"unknown RuleAction {QuotedValue.Of(other)}: expected allow or deny"),
        };
        int from = -1, to = -1;
        if (protocol.HasPorts)
        {
            if (entry.Optional("PortRange") is { } range)
            {
                from = range.Required("From").IntOrNumericString();
                to = range.Required("To").IntOrNumericString();
            }
            else
            {
                (from, to) = (0, 65535);
                log.Warn(entry, $"a {protocol} entry without PortRange is read as all ports 0-65535");
            }
        }
        else if (protocol.IsIcmp && entry.Optional("IcmpTypeCode") is { } icmp)
        {
            from = icmp.Optional("Type")?.IntOrNumericString() ?? -1;
            to = icmp.Optional("Code")?.IntOrNumericString() ?? -1;
        }
        return new NetworkAclEntry(number, protocol, from, to, cidr, action);
    }
}
