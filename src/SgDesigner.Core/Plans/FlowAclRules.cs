using System.Collections.Immutable;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Plans;

/// <summary>
/// For each flow a plan opens or closes, the network-ACL resources of the plan behind it: a flow change's rules
/// (<see cref="FlowDetail.Rules"/>) are security-group rules only, and an ACL rule decides no matter which group rule
/// allows the traffic.
/// </summary>
/// <remarks>
/// A sample connection of each changed protocol (as the diff takes its rules) is asked of both estates; every ACL
/// rule deciding a crossing on its way (request or reply) that the other estate lacks or has otherwise is named by
/// its resource, and so is the resource that puts a crossed subnet under another ACL.
/// </remarks>
internal static class FlowAclRules
{
    public static ImmutableArray<ImmutableArray<string>> Of(
        ReachabilityDiff flows, ReachabilityEngine before, ReachabilityEngine after,
        IReadOnlyDictionary<AclRuleKey, string> ruleAddresses, IReadOnlyDictionary<string, string> subnetAddresses)
    {
        if (ruleAddresses.Count == 0 && subnetAddresses.Count == 0)
            return [.. flows.Changes.Select(_ => ImmutableArray<string>.Empty)];
        var sides = new[] { new Side(before), new Side(after) };
        return
        [
            .. flows.Changes.Select(change =>
            {
                var found = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var traffic in change.Opened.Union(change.Closed).Entries.Select(DiffContext.Sample))
                {
                    foreach (var (one, other) in new[] { (sides[0], sides[1]), (sides[1], sides[0]) })
                    {
                        foreach (var d in one.Decisions(change, traffic))
                        {
                            if (d.RuleNumber is { } n && !Equals(d.Entry, other.EntryAt(d.AclId, d.Direction, n))
                                && ruleAddresses.TryGetValue(new AclRuleKey(d.AclId, d.Direction, n), out var rule))
                                found.Add(rule);
                            if (one.AclOf(d.SubnetId) != other.AclOf(d.SubnetId) && subnetAddresses.TryGetValue(d.SubnetId, out var placing))
                                found.Add(placing);
                        }
                    }
                }
                return found.ToImmutableArray();
            }),
        ];
    }

    /// <summary>One estate of the plan, indexed for the questions asked of it.</summary>
    private sealed class Side(ReachabilityEngine engine)
    {
        private readonly Dictionary<string, NetworkInterface> _enis = engine.Estate.NetworkInterfaces
            .GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        private readonly Dictionary<string, NetworkAcl> _acls = (engine.Estate.NetworkAcls.IsDefault ? [] : engine.Estate.NetworkAcls)
            .GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        /// <summary>The ACL decisions on the way of every pair of the change's sample endpoints.</summary>
        public IEnumerable<AclDecision> Decisions(FlowChange change, Traffic traffic) =>
            Pairs(change).SelectMany(p => engine.Query(p.From, p.To, traffic).NetworkAcl?.Decisions ?? []);

        /// <summary>The rule of that number, or null.</summary>
        public NetworkAclEntry? EntryAt(string aclId, Direction direction, int number) =>
            _acls.TryGetValue(aclId, out var acl) && acl.Entries(direction) is { IsDefault: false } entries ? entries.FirstOrDefault(e => e.RuleNumber == number) : null;

        private readonly Dictionary<string, NetworkAcl> _aclOfSubnet = engine.Estate.NetworkAcls.IsDefault ? [] : AclLint.AclOfSubnet(engine.Estate);

        /// <summary>The ACL a subnet crosses: its association, else its VPC's default ACL.</summary>
        public string? AclOf(string subnetId) => _aclOfSubnet.GetValueOrDefault(subnetId)?.Id;

        /// <summary>Every pair of the parties' sample endpoints: a merged change may stand for ENIs in several subnets,
        /// and only some pairs cross the ACL the plan changes.</summary>
        private IEnumerable<(Endpoint From, Endpoint To)> Pairs(FlowChange change)
        {
            var senders = EndpointsOf(change.From);
            var receivers = EndpointsOf(change.To);
            return senders.SelectMany(from => receivers.Where(to => to != from).Select(to => (from, to)));
        }

        /// <summary>The party's sample ENIs on their primary IP, or an address in the middle of an outside block (its
        /// first address is no host's: 0.0.0.0 for the internet).</summary>
        private List<Endpoint> EndpointsOf(FlowParty party)
        {
            if (party.Outside is not { } block)
                return [.. party.SampleEniIds.Select(id => DiffContext.EndpointOf(_enis, id)).OfType<Endpoint>()];
            var bits = IpAddress.BitsOf(block.Family);
            return [new ExternalEndpointIp(block.PrefixLength == bits ? block.First : new IpAddress(block.Family, block.Network | UInt128.One << (bits - block.PrefixLength - 1)))];
        }
    }
}
