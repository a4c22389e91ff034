using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary>
/// A straightforward reference for the ACL layer, written from semantics.md "Network ACLs" and independent of the
/// engine's code: linear look-ups, rules sorted per packet, and replies checked port by port at every point where a
/// rule's range starts or ends (between two such points every rule matches alike, so the answer is exact).
/// </summary>
internal static class NaiveAclEvaluator
{
    /// <summary>What the reference expects: the outcome, the dropped leg, and the ACL and rule number that dropped it.</summary>
    public sealed record Expected(AclOutcome Outcome, ConversationLeg? Leg, string? AclId, int? RuleNumber);

    /// <summary>Null when no ACL is crossed.</summary>
    public static Expected? Evaluate(Estate estate, Endpoint from, Endpoint to, Traffic traffic)
    {
        var a = Eni(estate, from);
        var b = Eni(estate, to);
        if (estate.NetworkAcls.IsDefaultOrEmpty)
            return null;
        if (a is not null && b is not null && a.SubnetId is not null && a.SubnetId == b.SubnetId)
            return null;
        var na = a?.SubnetId is { } sa ? AclOf(estate, sa) : null;
        var nb = b?.SubnetId is { } sb ? AclOf(estate, sb) : null;
        if (na is null && nb is null)
            return null;

        // The request: out of A's subnet to B's address, into B's subnet from A's address.
        foreach (var (acl, outbound, peer) in new[] { (na, true, to.Ip), (nb, false, from.Ip) })
        {
            if (acl is null)
                continue;
            var rule = First(acl, outbound, peer, traffic.Protocol.Number, traffic.Port, traffic.IcmpType, traffic.IcmpCode);
            if (rule is null || rule.Action == AclAction.Deny)
                return new Expected(AclOutcome.Denied, ConversationLeg.Request, acl.Id, rule?.RuleNumber);
        }

        var replies = new[] { (nb, true, from.Ip), (na, false, to.Ip) }.Where(x => x.Item1 is not null).ToList();
        if (traffic.Protocol.Number is 6 or 17)
        {
            var client = a is null ? (1024, 65535) : ClientRange(estate, a);
            var points = Points(replies.Select(r => r.Item1!), client);
            bool Passes(int port) => replies.All(r => First(r.Item1!, r.Item2, r.Item3, traffic.Protocol.Number, port, -1, -1)?.Action == AclAction.Allow);
            var passing = points.Count(Passes);
            if (passing == points.Count)
                return new Expected(AclOutcome.Allowed, null, null, null);
            // The first crossing (B's outbound, then A's inbound) that drops some reply; its rule at the first port it drops.
            foreach (var (acl, outbound, peer) in replies)
            {
                foreach (var port in points)
                {
                    var rule = First(acl!, outbound, peer, traffic.Protocol.Number, port, -1, -1);
                    if (rule?.Action != AclAction.Allow)
                        return new Expected(passing == 0 ? AclOutcome.Denied : AclOutcome.Partly, ConversationLeg.Reply, acl!.Id, rule?.RuleNumber);
                }
            }
            throw new InvalidOperationException("unreachable");
        }
        int? replyType = (traffic.Protocol.Number, traffic.IcmpType) switch
        {
            (1, 8) => 0,
            (1, 13) => 14,
            (1, 15) => 16,
            (1, 17) => 18,
            (58, 128) => 129,
            (1 or 58, _) => null,
            _ => -1,
        };
        if (replyType is null)
            return new Expected(AclOutcome.Allowed, null, null, null);
        foreach (var (acl, outbound, peer) in replies)
        {
            var rule = First(acl!, outbound, peer, traffic.Protocol.Number, -1, replyType.Value, replyType == -1 ? -1 : 0);
            if (rule is null || rule.Action == AclAction.Deny)
                return new Expected(AclOutcome.Denied, ConversationLeg.Reply, acl!.Id, rule?.RuleNumber);
        }
        return new Expected(AclOutcome.Allowed, null, null, null);
    }

    private static NetworkInterface? Eni(Estate estate, Endpoint endpoint) =>
        endpoint is EniEndpoint e ? estate.NetworkInterfaces.First(n => n.Id == e.EniId) : null;

    private static NetworkAcl? AclOf(Estate estate, string subnet) =>
        estate.NetworkAcls.FirstOrDefault(n => n.SubnetIds.Contains(subnet))
        ?? estate.NetworkAcls.FirstOrDefault(n => n.IsDefault && n.VpcId == estate.Subnets.First(s => s.Id == subnet).VpcId);

    private static (int From, int To) ClientRange(Estate estate, NetworkInterface eni)
    {
        var ports = estate.Instances.FirstOrDefault(i => i.Id == eni.InstanceId)?.EphemeralPorts ?? EphemeralPorts.Linux;
        return (ports.From, ports.To);
    }

    // Every port of the client's range where some rule's range starts or ends, and the range's own ends.
    private static List<int> Points(IEnumerable<NetworkAcl> acls, (int From, int To) range)
    {
        var points = new SortedSet<int> { range.From, range.To };
        foreach (var e in acls.SelectMany(a => a.Inbound.Concat(a.Outbound)))
        {
            foreach (var p in new[] { e.FromPort - 1, e.FromPort, e.ToPort, e.ToPort + 1 })
            {
                if (p >= range.From && p <= range.To)
                    points.Add(p);
            }
        }
        return [.. points];
    }

    private static NetworkAclEntry? First(NetworkAcl acl, bool outbound, IpAddress peer, int protocol, int port, int type, int code)
    {
        foreach (var e in (outbound ? acl.Outbound : acl.Inbound).OrderBy(e => e.RuleNumber))
        {
            if (!e.Cidr.Contains(peer))
                continue;
            if (e.Protocol.Number == -1)
                return e;
            if (e.Protocol.Number != protocol)
                continue;
            var matches = protocol switch
            {
                6 or 17 => e.FromPort == -1 && e.ToPort == -1 || e.FromPort <= port && port <= e.ToPort,
                1 or 58 => (e.FromPort == -1 || e.FromPort == type) && (e.ToPort == -1 || e.ToPort == code),
                _ => true,
            };
            if (matches)
                return e;
        }
        return null;
    }
}
