using System.Collections.Immutable;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>
/// Changes between ENIs and endpoints outside the estate: the internet (0.0.0.0/0, and ::/0 for ENIs whose primary
/// address is IPv6, as the matrix takes every ENI on its primary address) and the declared external
/// endpoints of either estate. Only the ENI's rules apply (semantics.md "Evaluating a connection"); a rule counts
/// when its CIDR or prefix list covers the endpoint's whole block, and group references never match outside.
/// </summary>
internal static class OutsideFlows
{
    private static readonly ExternalEndpoint s_internet = new("internet", Cidr.AnyV4);
    private static readonly ExternalEndpoint s_internetV6 = new("internet", Cidr.AnyV6);

    public static IEnumerable<PendingChange> Changes(DiffContext ctx)
    {
        var outsides = new[] { s_internet, s_internetV6 }
            .Concat(ctx.Before.Estate.ExternalEndpoints)
            .Concat(ctx.After.Estate.ExternalEndpoints)
            .Distinct()
            .ToList();

        // Only a class's own ENIs, groups and the prefix lists decide its flows with the outside.
        foreach (var jc in ctx.Scope.Touched)
        {
            var eniId = jc.EniIds[0];
            var party = ctx.PartyOf(jc);
            foreach (var outside in outsides)
            {
                var external = new FlowParty($"{outside.Name} ({outside.Cidr})", [], [], [], 0, outside.Cidr);
                foreach (var direction in new[] { Direction.Inbound, Direction.Outbound })
                {
                    var before = Allowed(ctx.Before.Estate, ctx.OldGroups, ctx.OldEnis.GetValueOrDefault(eniId), outside.Cidr, direction);
                    var after = Allowed(ctx.After.Estate, ctx.NewGroups, ctx.NewEnis.GetValueOrDefault(eniId), outside.Cidr, direction);
                    var opened = after.Set.Except(before.Set);
                    var closed = before.Set.Except(after.Set);
                    if (opened.IsEmpty && closed.IsEmpty)
                        continue;
                    var inbound = direction == Direction.Inbound;
                    var change = new FlowChange(
                        inbound ? external : party,
                        inbound ? party : external,
                        jc.EniIds.Count,
                        opened,
                        closed,
                        Details(ctx.After, ctx.NewEnis, eniId, outside.Cidr, inbound, opened, after.Rules, ctx.OldGroups),
                        Details(ctx.Before, ctx.OldEnis, eniId, outside.Cidr, inbound, closed, before.Rules, ctx.NewGroups));
                    yield return inbound
                        ? new PendingChange(change, [], [jc])
                        : new PendingChange(change, [jc], []);
                }
            }
        }
    }

    /// <summary>What the ENI's rules of <paramref name="direction"/> allow with every address of <paramref name="block"/>.</summary>
    private static (TrafficSet Set, ImmutableArray<RuleRef> Rules) Allowed(
        Estate estate, Dictionary<string, SecurityGroup> groups, NetworkInterface? eni, Cidr block, Direction direction)
    {
        if (eni?.PrimaryIp is not { } ip || ip.Family != block.Family)
            return (TrafficSet.Empty, []);
        var set = TrafficSet.Empty;
        var rules = ImmutableArray.CreateBuilder<RuleRef>();
        var outside = new CidrPeer(block);
        foreach (var group in eni.GroupIds.Where(groups.ContainsKey).Select(id => groups[id]))
        {
            foreach (var rule in group.Rules.Where(r => r.Direction == direction && RuleCoverage.PeerContains(estate, r.Peer, outside)))
            {
                set = set.Union(TrafficSet.Of(rule, block.Family));
                rules.Add(new RuleRef(group.Id, rule));
            }
        }
        return (set, rules.ToImmutable());
    }

    private static ImmutableArray<FlowDetail> Details(
        ReachabilityEngine engine, Dictionary<string, NetworkInterface> enis, string eniId, Cidr block, bool inbound,
        TrafficSet set, ImmutableArray<RuleRef> rules, Dictionary<string, SecurityGroup> otherGroups)
    {
        var eni = DiffContext.EndpointOf(enis, eniId);
        var external = new ExternalEndpointIp(block.First);
        return
        [
            .. set.Entries.Select(entry =>
            {
                var sample = DiffContext.Sample(entry);
                var deciding = rules.Where(r => TrafficSet.Of(r.Rule, block.Family).Contains(sample)).ToImmutableArray();
                var untracked = eni is not null && (inbound ? engine.Query(external, eni, sample) : engine.Query(eni, external, sample)).Untracked;
                return new FlowDetail(entry, DiffContext.PreferChanged(deciding, otherGroups), untracked);
            }),
        ];
    }
}
