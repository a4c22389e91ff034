using System.Collections.Immutable;
using SgDesigner.Core.Diff;
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
/// rule deciding a crossing on its way (request or reply) that the plan adds, removes or changes is named by its
/// resource, and so is the resource that moves a crossed subnet to another ACL.
/// </remarks>
internal static class FlowAclRules
{
    public static ImmutableArray<ImmutableArray<string>> Of(
        ReachabilityDiff flows, ReachabilityEngine before, ReachabilityEngine after,
        IReadOnlyDictionary<AclRuleKey, string> ruleAddresses, IReadOnlyDictionary<string, string> subnetAddresses)
    {
        if (ruleAddresses.Count == 0 && subnetAddresses.Count == 0)
            return [.. flows.Changes.Select(_ => ImmutableArray<string>.Empty)];
        var oldEntries = Entries(before.Estate);
        var newEntries = Entries(after.Estate);
        var changed = oldEntries.Keys.Union(newEntries.Keys)
            .Where(k => oldEntries.GetValueOrDefault(k) != newEntries.GetValueOrDefault(k))
            .ToHashSet();
        var oldAclOf = AclOfSubnet(before.Estate);
        var newAclOf = AclOfSubnet(after.Estate);
        var engines = new[] { (before, Enis(before.Estate)), (after, Enis(after.Estate)) };
        return
        [
            .. flows.Changes.Select(change =>
            {
                var found = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var entry in change.Opened.Union(change.Closed).Entries)
                {
                    var traffic = DiffContext.Sample(entry);
                    foreach (var (engine, enis) in engines)
                    {
                        foreach (var (from, to) in Pairs(change, enis))
                        foreach (var d in engine.Query(from, to, traffic).NetworkAcl?.Decisions ?? [])
                        {
                            if (d.RuleNumber is { } n && changed.Contains(new AclRuleKey(d.AclId, d.Direction, n))
                                && ruleAddresses.TryGetValue(new AclRuleKey(d.AclId, d.Direction, n), out var rule))
                                found.Add(rule);
                            if (oldAclOf.GetValueOrDefault(d.SubnetId) != newAclOf.GetValueOrDefault(d.SubnetId)
                                && subnetAddresses.TryGetValue(d.SubnetId, out var placing))
                                found.Add(placing);
                        }
                    }
                }
                return found.ToImmutableArray();
            }),
        ];
    }

    private static Dictionary<AclRuleKey, NetworkAclEntry> Entries(Estate estate)
    {
        var entries = new Dictionary<AclRuleKey, NetworkAclEntry>();
        foreach (var acl in estate.NetworkAcls.IsDefault ? [] : estate.NetworkAcls)
        {
            foreach (var direction in (Direction[])[Direction.Inbound, Direction.Outbound])
            {
                foreach (var entry in acl.Entries(direction).IsDefault ? [] : acl.Entries(direction))
                    entries[new AclRuleKey(acl.Id, direction, entry.RuleNumber)] = entry;
            }
        }
        return entries;
    }

    /// <summary>Subnet → the ACL it is explicitly associated with (a default ACL's list counts too).</summary>
    private static Dictionary<string, string> AclOfSubnet(Estate estate)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var acl in (estate.NetworkAcls.IsDefault ? [] : estate.NetworkAcls).OrderBy(a => a.IsDefault))
        {
            foreach (var subnet in acl.SubnetIds.IsDefault ? [] : acl.SubnetIds)
                result.TryAdd(subnet, acl.Id);
        }
        return result;
    }

    private static Dictionary<string, NetworkInterface> Enis(Estate estate) =>
        estate.NetworkInterfaces.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>Every pair of the parties' sample endpoints: a merged change may stand for ENIs in several subnets, and
    /// only some pairs cross the ACL the plan changes.</summary>
    private static IEnumerable<(Endpoint From, Endpoint To)> Pairs(FlowChange change, Dictionary<string, NetworkInterface> enis)
    {
        var senders = EndpointsOf(change.From, enis);
        var receivers = EndpointsOf(change.To, enis);
        return senders.SelectMany(from => receivers.Where(to => to != from).Select(to => (from, to)));
    }

    /// <summary>The party's sample ENIs on their primary IP, or an address in the middle of an outside block (its first
    /// address is no host's: 0.0.0.0 for the internet).</summary>
    private static List<Endpoint> EndpointsOf(FlowParty party, Dictionary<string, NetworkInterface> enis)
    {
        if (party.Outside is not { } block)
            return [.. party.SampleEniIds.Select(id => DiffContext.EndpointOf(enis, id)).OfType<Endpoint>()];
        var bits = IpAddress.BitsOf(block.Family);
        return [new ExternalEndpointIp(block.PrefixLength == bits ? block.First : new IpAddress(block.Family, block.Network | UInt128.One << (bits - block.PrefixLength - 1)))];
    }
}
