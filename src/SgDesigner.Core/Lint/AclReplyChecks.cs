using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Lint;

/// <summary>
/// SGD031: replies blocked on the ephemeral range, the classic silent time-out. For each pair of subnets (and each
/// subnet with the outside), a connection the security groups allow whose request passes both ACLs, but whose replies
/// the ACLs let back to none or only part of the client's ephemeral ports. Asked of the point-query engine
/// (<see cref="ReachabilityEngine.Query"/>, which models the ACLs both ways), one ENI per subnet, group set and
/// client port range standing for the others, on the ports the server's inbound rules (or, for an all-traffic rule,
/// its ACL's inbound allow rules) name.
/// </summary>
internal static class AclReplyChecks
{
    /// <summary>Bounds the work on very large estates; the first pairs in subnet order are checked.</summary>
    private const int MaxQueries = 20_000;

    private const int MaxPortsPerPair = 16;

    /// <summary>The address standing for "anywhere outside" in a 0.0.0.0/0 (::/0) peer (documentation ranges).</summary>
    private static readonly IpAddress OutsideV4 = IpAddress.Parse("198.51.100.10").Value;

    private static readonly IpAddress OutsideV6 = IpAddress.Parse("2001:db8::10").Value;

    /// <summary>The outbound port tried for an all-traffic egress rule whose ACL names no port either.</summary>
    private const int TypicalOutboundPort = 443;

    public static IEnumerable<Finding> Run(Estate estate, ReachabilityEngine? engine)
    {
        if (estate.NetworkAcls.IsDefaultOrEmpty)
            return [];
        return new Search(estate, engine ?? ReachabilityEngine.Build(estate)).Run();
    }

    private sealed class Search(Estate estate, ReachabilityEngine engine)
    {
        private readonly Dictionary<string, NetworkAcl> _aclOf = AclLint.AclOfSubnet(estate);
        private readonly Dictionary<string, SecurityGroup> _groups = estate.Groups.GroupBy(g => g.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        private readonly Dictionary<string, EphemeralPorts> _ports = estate.Instances.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(i => i.Key, i => i.First().EphemeralPorts, StringComparer.Ordinal);
        private readonly SortedDictionary<string, (Finding Finding, List<string> Flows)> _found = new(StringComparer.Ordinal);
        private int _queries;

        public IEnumerable<Finding> Run()
        {
            // ENIs in one subnet with the same groups and client ports behave alike: one stands for the rest. A subnet
            // under no modelled ACL lets everything through, but its ENIs still talk to subnets whose ACL may drop replies.
            var classes = estate.NetworkInterfaces
                .Where(n => n.SubnetId is not null && n.PrimaryIp is not null)
                .OrderBy(n => n.SubnetId, StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal)
                .GroupBy(n => (n.SubnetId!, string.Join(",", (n.GroupIds.IsDefault ? [] : n.GroupIds).Order(StringComparer.Ordinal)), PortsOf(n)))
                .Select(g => g.First()).ToList();
            foreach (var server in classes)
            {
                var traffic = Candidates(Rules(server, Direction.Inbound), _aclOf.GetValueOrDefault(server.SubnetId!), Direction.Inbound, null);
                foreach (var client in classes.Where(c => c.SubnetId != server.SubnetId && (_aclOf.ContainsKey(c.SubnetId!) || _aclOf.ContainsKey(server.SubnetId!))))
                {
                    foreach (var t in traffic)
                        Check(Endpoint(client), Endpoint(server), t, client.SubnetId!, server.SubnetId!, PortsOf(client), client.Id, server.Id);
                }
                foreach (var outside in _aclOf.ContainsKey(server.SubnetId!) ? OutsidePeers(Rules(server, Direction.Inbound)) : [])
                {
                    foreach (var t in traffic)
                        Check(new ExternalEndpointIp(outside), Endpoint(server), t, $"outside ({outside})", server.SubnetId!, EphemeralPorts.Outside, outside.ToString(), server.Id);
                }
            }
            foreach (var client in classes.Where(c => _aclOf.ContainsKey(c.SubnetId!)))
            {
                var rules = Rules(client, Direction.Outbound);
                var traffic = Candidates(rules, _aclOf[client.SubnetId!], Direction.Outbound, TypicalOutboundPort);
                foreach (var outside in OutsidePeers(rules))
                {
                    foreach (var t in traffic)
                        Check(Endpoint(client), new ExternalEndpointIp(outside), t, client.SubnetId!, $"outside ({outside})", PortsOf(client), client.Id, outside.ToString());
                }
            }
            return _found.Values.Select(f => f.Finding with { Flows = RuleUsageChecks.Capped(f.Flows) });
        }

        private void Check(Endpoint from, Endpoint to, Traffic traffic, string clientPlace, string serverPlace, EphemeralPorts clientPorts, string clientName, string serverName)
        {
            if (++_queries > MaxQueries)
                return;
            var verdict = engine.Query(from, to, traffic);
            // The groups allow it (only the ACL denies), the request passes, and the replies do not all come back.
            if (verdict.DeniedBy is not (null or DeniedSide.NetworkAcl) || verdict.NetworkAcl is not { } acl || acl.Deciding is not { } deciding
                || acl.Outcome == AclOutcome.Allowed || deciding.Leg != ConversationLeg.Reply || !traffic.Protocol.HasPorts)
                return;
            var key = $"{clientPlace}→{serverPlace} {traffic}";
            var client = acl.ClientPorts ?? clientPorts;
            var reached = acl.ReplyPortsAllowed.IsDefaultOrEmpty
                ? "no reply reaches their ports"
                : $"replies reach only {AclText.Ranges(acl.ReplyPortsAllowed)} of their ports";
            var flow = $"{clientName} → {serverName}: {traffic}: {client.ClientText} ({client.RangeText}) time out: {reached}";
            if (_found.TryGetValue(key, out var existing))
            {
                if (!existing.Flows.Contains(flow))
                    existing.Flows.Add(flow);
                return;
            }
            var rule = deciding.RuleNumber is { } n ? AclLint.RuleKey(deciding.Direction, n) : $"{DirectionText.Of(deciding.Direction)}#*";
            var finding = LintCatalogue.AclRepliesBlocked.Report(deciding.AclId, rule,
                $"{traffic} from {clientPlace} to {serverPlace}: the security groups allow it and the request passes, but {acl.Text}", key);
            _found[key] = (finding, [flow]);
        }

        private List<Rule> Rules(NetworkInterface eni, Direction direction) =>
        [
            .. (eni.GroupIds.IsDefault ? [] : eni.GroupIds).Select(id => _groups.GetValueOrDefault(id)).OfType<SecurityGroup>()
                .SelectMany(g => g.Rules).Where(r => r.Direction == direction),
        ];

        /// <summary>The tcp/udp traffic to try: the rules' first ports; for an all-traffic rule, the ACL's allow rules' first ports.</summary>
        private static List<Traffic> Candidates(List<Rule> rules, NetworkAcl? acl, Direction direction, int? fallbackPort)
        {
            var result = rules.Where(r => r.Protocol.HasPorts).Select(r => new Traffic(r.Protocol, RuleCoverage.Ports(r).From)).ToList();
            if (rules.Any(r => r.Protocol.IsAll))
            {
                var fromAcl = (acl is null ? [] : AclLint.Ordered(acl, direction)).Where(e => e.Action == AclAction.Allow && e.Protocol.HasPorts)
                    .Select(e => new Traffic(e.Protocol, e.FromPort)).ToList();
                result.AddRange(fromAcl.Count > 0 || fallbackPort is null ? fromAcl : [Traffic.Tcp(fallbackPort.Value)]);
            }
            return [.. result.Distinct().Take(MaxPortsPerPair)];
        }

        /// <summary>One address outside every VPC for each CIDR peer of the rules that reaches beyond the VPCs.</summary>
        private List<IpAddress> OutsidePeers(List<Rule> rules)
        {
            var addresses = new List<IpAddress>();
            foreach (var block in rules.Select(r => r.Peer).OfType<CidrPeer>().Select(p => p.Block).Distinct())
            {
                var standIn = block.Family == IpFamily.V4 ? OutsideV4 : OutsideV6;
                var ip = block.Contains(standIn) ? standIn : block.First;
                if (!estate.Vpcs.Any(v => !v.Cidrs.IsDefault && v.Cidrs.Any(c => c.Contains(ip))) && !estate.Subnets.Any(s => s.Cidr.Contains(ip) || s.Ipv6Cidr?.Contains(ip) == true))
                    addresses.Add(ip);
            }
            return [.. addresses.Distinct()];
        }

        private EphemeralPorts PortsOf(NetworkInterface eni) =>
            eni.InstanceId is { } id && _ports.TryGetValue(id, out var ports) ? ports : EphemeralPorts.Linux;

        private static EniEndpoint Endpoint(NetworkInterface eni) => new(eni.Id, eni.PrimaryIp!.Value);
    }
}
