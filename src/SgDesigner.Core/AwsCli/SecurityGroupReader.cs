using System.Collections.Immutable;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.AwsCli;

/// <summary>
/// Reads <c>describe-security-groups</c> output. AWS groups several peers into one <c>IpPermission</c>;
/// each entry of <c>IpRanges</c>, <c>Ipv6Ranges</c>, <c>UserIdGroupPairs</c> and <c>PrefixListIds</c>
/// becomes its own rule with its own description (semantics.md, "Objects").
/// </summary>
internal static class SecurityGroupReader
{
    public static void Read(JsonInput root, ImportLog log, List<SecurityGroup> groups)
    {
        var taken = groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var node in root.ItemsOf("SecurityGroups"))
        {
            var awsId = node.RequiredString("GroupId");
            var id = awsId;
            if (!taken.Add(id))
            {
                // Hand-made samples reuse a GroupId; keep each group and its rules rather than merging them.
                for (var n = 2; !taken.Add(id); n++)
                    id = $"{awsId}@{n}";
                log.Warn(node, $"group id {awsId} appears more than once; this one is kept as {id}");
            }
            var vpcId = node.OptionalString("VpcId")
                ?? throw node.Fail("the group has no VpcId (EC2-Classic groups are not supported)");
            var rules = new List<Rule>();
            var owner = node.OptionalString("OwnerId");
            ReadPermissions(node.ItemsOf("IpPermissions"), id, owner, Direction.Inbound, log, rules);
            ReadPermissions(node.ItemsOf("IpPermissionsEgress"), id, owner, Direction.Outbound, log, rules);
            groups.Add(new SecurityGroup(id, node.RequiredString("GroupName"), node.OptionalString("Description") ?? "", vpcId, AwsTags.Read(node), [.. rules]));
        }
    }

    private static void ReadPermissions(IEnumerable<JsonInput> permissions, string groupId, string? owner, Direction direction, ImportLog log, List<Rule> rules)
    {
        foreach (var permission in permissions)
        {
            var protocol = log.Parse(permission.Required("IpProtocol"), IpProtocol.Parse);
            var (from, to) = Ports(permission, protocol, log);
            var peers = new List<(JsonInput At, Peer Peer)>();
            foreach (var range in permission.ItemsOf("IpRanges"))
                peers.Add((range, new CidrPeer(log.Parse(range.Required("CidrIp"), Cidr.Parse))));
            foreach (var range in permission.ItemsOf("Ipv6Ranges"))
                peers.Add((range, new CidrPeer(log.Parse(range.Required("CidrIpv6"), Cidr.Parse))));
            foreach (var pair in permission.ItemsOf("UserIdGroupPairs"))
            {
                var referenced = pair.OptionalString("GroupId")
                    ?? throw pair.Fail("the group pair has no GroupId (references by GroupName are EC2-Classic and not supported)");
                // A pair whose UserId is not the group's owner names another account's group: keep the owner.
                var account = pair.OptionalString("UserId");
                peers.Add((pair, account is not null && owner is not null && account != owner ? GroupPeer.InAccount(account, referenced) : new GroupPeer(referenced)));
            }
            foreach (var list in permission.ItemsOf("PrefixListIds"))
                peers.Add((list, new PrefixListPeer(list.RequiredString("PrefixListId"))));
            if (peers.Count == 0)
                log.Warn(permission, "the permission names no peer and allows nothing; skipped");
            foreach (var (at, peer) in peers)
            {
                var id = at.OptionalString("SecurityGroupRuleId") ?? RuleIds.Derive(groupId, direction, protocol, from, to, peer);
                if (rules.Any(r => r.Id == id))
                {
                    log.Warn(at, $"the same rule ({direction.ToString().ToLowerInvariant()} {protocol} {from}..{to} {peer}) is listed twice; kept once");
                    continue;
                }
                var description = at.OptionalString("Description");
                rules.Add(new Rule(id, direction, protocol, from, to, peer, string.IsNullOrEmpty(description) ? null : description));
            }
        }
    }

    /// <summary>
    /// The rule's numbers. A <c>-1</c> permission has no FromPort/ToPort in this output (semantics.md, "Matching
    /// one rule"); protocols without ports get -1/-1.
    /// </summary>
    internal static (int From, int To) Ports(JsonInput permission, IpProtocol protocol, ImportLog log)
    {
        var fromNode = permission.Optional("FromPort");
        var toNode = permission.Optional("ToPort");
        if (protocol.HasPorts)
            return (Port(fromNode, permission, "FromPort", 0, log), Port(toNode, permission, "ToPort", 65535, log));
        if (!protocol.IsIcmp)
            return (-1, -1);
        var type = fromNode?.IntOrNumericString() ?? -1;
        var code = toNode?.IntOrNumericString() ?? -1;
        if (type is < -1 or > 255)
            throw fromNode!.Value.Fail($"ICMP type {type} is out of range: use -1 (any) or 0..255");
        if (code is < -1 or > 255)
            throw toNode!.Value.Fail($"ICMP code {code} is out of range: use -1 (any) or 0..255");
        return (type, code);
    }

    private static int Port(JsonInput? node, JsonInput permission, string name, int openEnd, ImportLog log)
    {
        if (node is not { } n)
        {
            log.Warn(permission, $"{name} is missing on a tcp/udp permission; read as {openEnd}");
            return openEnd;
        }
        var port = n.IntOrNumericString();
        if (port == -1)
        {
            // AWS never prints this for tcp/udp (hand-made samples do): read it as the open end of the range.
            log.Warn(n, $"port -1 is not a tcp/udp port; read as {openEnd}");
            return openEnd;
        }
        if (port is < 0 or > 65535)
            throw n.Fail($"port {port} is out of range 0..65535");
        return port;
    }
}
