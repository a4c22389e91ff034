using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>
/// SGD032: an ACL allow rule for traffic that no group on the ACL's subnets admits. Such a rule is harmless (the
/// groups deny the traffic anyway) but it reads as access that exists. A rule counts as used when some ENI on those
/// subnets has a group rule of the same direction whose traffic and peer overlap it (the request), or a rule of the
/// other direction of the same protocol whose peer overlaps it (the rule then carries replies, which go to ephemeral
/// ports the groups never name).
/// </summary>
internal static class AclGroupChecks
{
    public static IEnumerable<Finding> Run(Estate estate)
    {
        if (estate.NetworkAcls.IsDefaultOrEmpty)
            yield break;
        var groups = estate.Groups.GroupBy(g => g.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var subnetsOf = AclLint.AclOfSubnet(estate).GroupBy(p => p.Value.Id, p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var acl in estate.NetworkAcls)
        {
            if (!subnetsOf.TryGetValue(acl.Id, out var subnets))
                continue;
            var rules = estate.NetworkInterfaces.Where(n => n.SubnetId is { } s && subnets.Contains(s))
                .SelectMany(n => n.GroupIds.IsDefault ? [] : n.GroupIds).Distinct(StringComparer.Ordinal)
                .Select(id => groups.GetValueOrDefault(id)).OfType<SecurityGroup>()
                .SelectMany(g => g.Rules).ToList();
            // Without ENIs (or without their groups) nothing says what the subnets need.
            if (rules.Count == 0)
                continue;
            foreach (var direction in new[] { Direction.Inbound, Direction.Outbound })
            {
                foreach (var entry in AclLint.Ordered(acl, direction).Where(e => e.Action == AclAction.Allow))
                {
                    if (rules.Any(r => Carries(estate, entry, direction, r)))
                        continue;
                    yield return LintCatalogue.AclAllowsWhatGroupsDeny.Report(acl.Id, AclLint.RuleKey(direction, entry.RuleNumber),
                        $"Network ACL {AclLint.Describe(acl)} {DirectionText.Of(direction)} rule {AclLint.Text(entry)} allows traffic that no " +
                        $"security group on its subnets ({string.Join(", ", subnets.Order(StringComparer.Ordinal))}) admits, nor replies to");
                }
            }
        }
    }

    private static bool Carries(Estate estate, NetworkAclEntry entry, Direction direction, Rule rule)
    {
        if (!PeerOverlaps(estate, rule.Peer, entry.Cidr))
            return false;
        if (rule.Direction == direction)
            return TrafficOverlaps(entry, rule);
        // A reply of a connection the rule admits the other way: same protocol, any port.
        return entry.Protocol.IsAll || rule.Protocol.IsAll || entry.Protocol == rule.Protocol ||
            entry.Protocol.IsIcmp && rule.Protocol.IsIcmp;
    }

    private static bool TrafficOverlaps(NetworkAclEntry entry, Rule rule)
    {
        if (entry.Protocol.IsAll || rule.Protocol.IsAll)
            return true;
        if (entry.Protocol != rule.Protocol)
            return false;
        if (rule.Protocol.HasPorts)
        {
            var (from, to) = RuleCoverage.Ports(rule);
            return from <= entry.ToPort && entry.FromPort <= to;
        }
        if (rule.Protocol.IsIcmp)
            return entry.FromPort == -1 || rule.FromPort == -1 || entry.FromPort == rule.FromPort && (entry.ToPort == -1 || rule.ToPort == -1 || entry.ToPort == rule.ToPort);
        return true;
    }

    private static bool PeerOverlaps(Estate estate, Peer peer, Cidr block) => peer switch
    {
        CidrPeer c => c.Block.Family == block.Family && c.Block.Overlaps(block),
        PrefixListPeer p => estate.PrefixLists.FirstOrDefault(l => l.Id == p.PrefixListId) is not { } list || list.Entries.Any(e => e.Family == block.Family && e.Overlaps(block)),
        // Another account's group, or one whose members are unknown: it may be anywhere.
        GroupPeer g => estate.NetworkInterfaces.Where(n => !n.GroupIds.IsDefault && n.GroupIds.Contains(g.GroupId)) is var members && !members.Any()
            || members.Any(n => n.PrivateIps.Any(ip => block.Contains(ip)) || n.PublicIp is { } pub && block.Contains(pub)),
        _ => true,
    };
}
