using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Graph;

/// <summary>What a node of the chaining graph stands for.</summary>
public enum GraphNodeKind
{
    /// <summary>A security group of the draft.</summary>
    Group,
    /// <summary>A group that rules reference but the draft does not hold (a stale reference).</summary>
    MissingGroup,
    /// <summary>A CIDR block or prefix list that rules name as their peer.</summary>
    External,
}

/// <summary>A node: a group with the instances that carry it, or a peer outside the groups.</summary>
/// <param name="Id">The group id, or <c>cidr:…</c> / <c>pl:…</c> for an external peer.</param>
/// <param name="Label">What the node shows as its title.</param>
/// <param name="Kind">Group, missing group or external peer.</param>
/// <param name="Layer">Its layer: 0 for groups nothing reaches, then one more than the deepest group reaching it.</param>
/// <param name="Slot">Its place within the layer.</param>
/// <param name="Instances">Names of the instances whose interfaces carry the group.</param>
public sealed record GraphNode(string Id, string Label, GraphNodeKind Kind, int Layer, int Slot, ImmutableArray<string> Instances);

/// <summary>An edge for one rule, pointing the way its traffic goes.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="GroupId">The group holding the rule.</param>
/// <param name="From">The node traffic comes from (the peer of an inbound rule, the owner of an outbound one).</param>
/// <param name="To">The node traffic goes to.</param>
/// <param name="Label">The rule's traffic, e.g. <c>tcp 5432</c>; outbound rules say so.</param>
public sealed record GraphEdge(string RuleId, string GroupId, string From, string To, string Label);

/// <summary>
/// The chaining graph of an estate: groups as nodes, each rule that references a group (or, optionally, a CIDR
/// or prefix list) as a directed edge, placed in layers by reference depth so that the picture reads in the direction traffic flows.
/// </summary>
/// <param name="Nodes">Nodes by layer and slot.</param>
/// <param name="Edges">One edge per rule.</param>
public sealed record ChainingGraphModel(ImmutableArray<GraphNode> Nodes, ImmutableArray<GraphEdge> Edges)
{
    /// <summary>Builds the graph; <paramref name="withExternalPeers"/> adds CIDR and prefix-list peers as nodes.</summary>
    public static ChainingGraphModel Build(Estate estate, bool withExternalPeers)
    {
        var labels = new Dictionary<string, (string Label, GraphNodeKind Kind)>(StringComparer.Ordinal);
        foreach (var group in estate.Groups)
            labels[group.Id] = (group.Name, GraphNodeKind.Group);
        var edges = new List<GraphEdge>();
        foreach (var group in estate.Groups)
        {
            foreach (var rule in group.Rules)
            {
                if (PeerNode(estate, rule.Peer, withExternalPeers) is not var (peerId, peerLabel, peerKind))
                    continue;
                labels.TryAdd(peerId, (peerLabel, peerKind));
                var inbound = rule.Direction == Direction.Inbound;
                edges.Add(new GraphEdge(rule.Id, group.Id, inbound ? peerId : group.Id, inbound ? group.Id : peerId,
                    inbound ? rule.TrafficText : $"{rule.TrafficText} (outbound)"));
            }
        }
        var layers = Layering.Of(labels.Keys.OrderBy(id => labels[id].Label, StringComparer.OrdinalIgnoreCase).ThenBy(id => id, StringComparer.Ordinal), edges);
        var members = Members(estate);
        var nodes = layers
            .SelectMany((ids, layer) => ids.Select((id, slot) => new GraphNode(id, labels[id].Label, labels[id].Kind, layer, slot,
                members.TryGetValue(id, out var names) ? names : [])))
            .ToImmutableArray();
        return new ChainingGraphModel(nodes, [.. edges]);
    }

    private static (string Id, string Label, GraphNodeKind Kind)? PeerNode(Estate estate, Peer peer, bool withExternalPeers) => peer switch
    {
        GroupPeer g when estate.FindGroup(g.GroupId) is { } group => (group.Id, group.Name, GraphNodeKind.Group),
        GroupPeer g => (g.GroupId, g.AccountId is { } account ? $"{g.LocalGroupId} (account {account})" : $"{g.GroupId} (missing)", GraphNodeKind.MissingGroup),
        CidrPeer c when withExternalPeers => ($"cidr:{c.Block}", c.Block.ToString(), GraphNodeKind.External),
        PrefixListPeer p when withExternalPeers =>
            ($"pl:{p.PrefixListId}", estate.PrefixLists.FirstOrDefault(l => l.Id == p.PrefixListId)?.Name ?? p.PrefixListId, GraphNodeKind.External),
        _ => null,
    };

    // Instances cluster on the groups their interfaces carry.
    private static Dictionary<string, ImmutableArray<string>> Members(Estate estate)
    {
        var names = estate.Instances.ToDictionary(i => i.Id, i => i.Name ?? i.Id, StringComparer.Ordinal);
        return estate.NetworkInterfaces
            .SelectMany(n => (n.GroupIds.IsDefault ? [] : n.GroupIds).Select(g => (Group: g, Name: n.InstanceId is { } i && names.TryGetValue(i, out var name) ? name : n.Id)))
            .GroupBy(m => m.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Name).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToImmutableArray(), StringComparer.Ordinal);
    }
}
