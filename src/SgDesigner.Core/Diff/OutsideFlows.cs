using System.Collections.Immutable;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Diff;

/// <summary>What changed between a class's ENIs and some outside regions, in one direction (inbound: from them).</summary>
internal sealed record OutsideRegionChange(JointClass Class, Direction Direction, TrafficSet Opened, TrafficSet Closed, HashSet<OutsideNode> Regions);

/// <summary>
/// Changes between ENIs and the address space outside the estate: the internet (0.0.0.0/0, and ::/0 for ENIs whose
/// primary address is IPv6, as the matrix takes every ENI on its primary address), the declared external endpoints
/// of either estate, and every CIDR and prefix list a rule of either estate names (<see cref="OutsideSpace"/>). Only
/// the ENI's rules apply (semantics.md "Evaluating a connection"); group references never match outside. The space
/// is cut into regions that every rule treats alike; regions with the same change read as one line, labelled by the
/// blocks they make up ("10.20.0.0/16", "internet (0.0.0.0/0) except 10.0.0.0/8").
/// </summary>
internal static class OutsideFlows
{

    public static IEnumerable<PendingChange> Changes(DiffContext ctx)
    {
        if (ctx.Scope.Touched.Count == 0)
            yield break;
        var space = new OutsideSpace(ctx.Before.Estate, ctx.After.Estate, AclBlocks(ctx));
        foreach (var c in RegionChanges(ctx, space))
        {
            var jc = c.Class;
            var eniId = jc.EniIds[0];
            var (label, block) = space.Describe(c.Regions);
            var sample = c.Regions.MinBy(r => r.Order)!;
            var external = new FlowParty(label, [], [], [], 0, block);
            var party = ctx.PartyOf(jc);
            var inbound = c.Direction == Direction.Inbound;
            var newEni = ctx.NewEnis.GetValueOrDefault(eniId);
            var oldEni = ctx.OldEnis.GetValueOrDefault(eniId);
            var change = new FlowChange(
                inbound ? external : party,
                inbound ? party : external,
                jc.EniIds.Count,
                c.Opened,
                c.Closed,
                Details(ctx, opened: true, eniId, sample, inbound, c.Opened, Allowed(ctx.After.Estate, ctx.NewGroups, newEni, sample.Block, c.Direction)),
                Details(ctx, opened: false, eniId, sample, inbound, c.Closed, Allowed(ctx.Before.Estate, ctx.OldGroups, oldEni, sample.Block, c.Direction)));
            yield return inbound
                ? new PendingChange(change, [], [jc])
                : new PendingChange(change, [jc], []);
        }
    }

    /// <summary>
    /// Per touched class, family and direction: the outside regions whose traffic with the class changed, grouped by
    /// what opened and closed. Only a class's own ENIs, groups and the prefix lists decide its flows with the outside.
    /// </summary>
    internal static IEnumerable<OutsideRegionChange> RegionChanges(DiffContext ctx, OutsideSpace space)
    {
        foreach (var jc in ctx.Scope.Touched)
        {
            var oldEni = ctx.OldEnis.GetValueOrDefault(jc.EniIds[0]);
            var newEni = ctx.NewEnis.GetValueOrDefault(jc.EniIds[0]);
            var families = new[] { oldEni?.PrimaryIp?.Family, newEni?.PrimaryIp?.Family }.OfType<IpFamily>().Distinct();
            foreach (var family in families)
            {
                foreach (var direction in new[] { Direction.Inbound, Direction.Outbound })
                {
                    var before = WithAcls(ctx.OldMatrix, oldEni, space.Nodes(family), space.Allowed(ctx.Before.Estate, ctx.OldGroups, oldEni, family, direction), direction);
                    var after = WithAcls(ctx.NewMatrix, newEni, space.Nodes(family), space.Allowed(ctx.After.Estate, ctx.NewGroups, newEni, family, direction), direction);
                    foreach (var (opened, closed, regions) in Regions(space.Nodes(family), before, after))
                        yield return new OutsideRegionChange(jc, direction, opened, closed, regions);
                }
            }
        }
    }

    /// <summary>
    /// The blocks of the network ACL rules of either estate whose matrix has an ACL layer: cut at them, every address of a
    /// region also meets the same ACL rules, so one sample decides the region.
    /// </summary>
    internal static IEnumerable<Cidr> AclBlocks(DiffContext ctx) =>
        AclBlocks(ctx.OldMatrix, ctx.Before.Estate).Concat(AclBlocks(ctx.NewMatrix, ctx.After.Estate)).Distinct();

    /// <summary>The blocks of <paramref name="estate"/>'s network ACL rules when its matrix has an ACL layer, else none.</summary>
    internal static IEnumerable<Cidr> AclBlocks(ReachabilityMatrix matrix, Estate estate) =>
        matrix.Acl is null ? [] : estate.NetworkAcls.SelectMany(a => a.Inbound.Concat(a.Outbound)).Select(e => e.Cidr).Distinct();

    /// <summary>
    /// Each region's traffic (by <see cref="OutsideNode.Order"/>) cut down to what the ENI's subnet ACL lets through with
    /// the region, both ways (an outside end crosses only the inside end's ACL); unchanged without an ACL layer.
    /// </summary>
    internal static TrafficSet[] WithAcls(ReachabilityMatrix matrix, NetworkInterface? eni, ImmutableArray<OutsideNode> nodes, TrafficSet[] sets, Direction direction)
    {
        if (matrix.Acl is not { } acl || eni is null || acl.ProfileOf(eni.Id) is not { } profile)
            return sets;
        foreach (var node in nodes)
        {
            if (node.Sample is { } sample && !sets[node.Order].IsEmpty)
                sets[node.Order] = sets[node.Order].Intersect(acl.Outside(profile, sample, direction));
        }
        return sets;
    }

    /// <summary>The regions whose traffic changed, grouped by what opened and closed, in pre-order of their first region.</summary>
    private static IEnumerable<(TrafficSet Opened, TrafficSet Closed, HashSet<OutsideNode> Regions)> Regions(
        ImmutableArray<OutsideNode> nodes, TrafficSet[] before, TrafficSet[] after)
    {
        var changes = new (TrafficSet Opened, TrafficSet Closed)?[nodes.Length];
        var groups = new Dictionary<(TrafficSet, TrafficSet), HashSet<OutsideNode>>();
        var order = new List<(TrafficSet, TrafficSet)>();
        foreach (var node in nodes)
        {
            var i = node.Order;
            // A block that adds no rule on either side changes exactly as its parent does.
            if (node.Parent is { } parent && ReferenceEquals(before[i], before[parent.Order]) && ReferenceEquals(after[i], after[parent.Order]))
                changes[i] = changes[parent.Order];
            else
                changes[i] = before[i].Equals(after[i]) ? null : (after[i].Except(before[i]), before[i].Except(after[i]));
            if (!node.HasRegion || changes[i] is not { } key || key.Opened.IsEmpty && key.Closed.IsEmpty)
                continue;
            if (!groups.TryGetValue(key, out var regions))
            {
                groups[key] = regions = [];
                order.Add(key);
            }
            regions.Add(node);
        }
        return order.Select(k => (k.Item1, k.Item2, groups[k]));
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

    // Per protocol: the rules of the estate the detail speaks of (the new one for opened traffic) that decide a sample,
    // whether it is untracked, and the network-ACL rules behind the change (DiffContext.AclRules).
    private static ImmutableArray<FlowDetail> Details(
        DiffContext ctx, bool opened, string eniId, OutsideNode region, bool inbound, TrafficSet set, (TrafficSet Set, ImmutableArray<RuleRef> Rules) allowed)
    {
        var (engine, enis, otherGroups) = opened ? (ctx.After, ctx.NewEnis, ctx.OldGroups) : (ctx.Before, ctx.OldEnis, ctx.NewGroups);
        var block = region.Block;
        var rules = allowed.Rules;
        var external = new ExternalEndpointIp(region.Sample!.Value);
        Verdict? Ask(ReachabilityEngine e, Dictionary<string, NetworkInterface> inEstate, Traffic sample) =>
            DiffContext.EndpointOf(inEstate, eniId) is not { } eni ? null : inbound ? e.Query(external, eni, sample) : e.Query(eni, external, sample);
        return
        [
            .. set.Entries.Select(entry =>
            {
                var sample = DiffContext.Sample(entry);
                var deciding = rules.Where(r => TrafficSet.Of(r.Rule, block.Family).Contains(sample)).ToImmutableArray();
                var verdict = Ask(engine, enis, sample);
                return new FlowDetail(entry, DiffContext.PreferChanged(deciding, otherGroups), verdict?.Untracked ?? false)
                {
                    NetworkAclRules = verdict is null ? [] : ctx.AclRules(opened, verdict, (other, inOther) => Ask(other, inOther, sample)),
                };
            }),
        ];
    }
}
