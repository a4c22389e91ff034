using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Graph;

namespace SgDesigner.Web.Tests.Graph;

public sealed class ChainingGraphModelTests
{
    private static readonly ImmutableSortedDictionary<string, string> NoTags = ImmutableSortedDictionary<string, string>.Empty;

    private static SecurityGroup Group(string id, params Rule[] rules) => new(id, id.Replace("sg-", "", StringComparison.Ordinal), id, "vpc-1", NoTags, [.. rules]);

    private static Rule From(string id, Peer peer, int port = 443) => new(id, Direction.Inbound, IpProtocol.Tcp, port, port, peer);

    private static int LayerOf(ChainingGraphModel graph, string id) => graph.Nodes.Single(n => n.Id == id).Layer;

    [Fact]
    public void Layers_follow_reference_depth_from_the_groups_nothing_reaches()
    {
        var estate = Estate.Empty with
        {
            Groups = [Group("sg-lb"), Group("sg-app", From("r1", new GroupPeer("sg-lb"))), Group("sg-db", From("r2", new GroupPeer("sg-app")), From("r3", new GroupPeer("sg-lb")))],
        };

        var graph = ChainingGraphModel.Build(estate, withExternalPeers: false);

        Assert.Equal((0, 1, 2), (LayerOf(graph, "sg-lb"), LayerOf(graph, "sg-app"), LayerOf(graph, "sg-db")));
    }

    [Fact]
    public void A_cycle_of_references_is_still_laid_out_once_per_group()
    {
        var estate = Estate.Empty with
        {
            Groups = [Group("sg-a", From("r1", new GroupPeer("sg-b")), From("self", new GroupPeer("sg-a"))), Group("sg-b", From("r2", new GroupPeer("sg-a")))],
        };

        var graph = ChainingGraphModel.Build(estate, withExternalPeers: false);

        Assert.Equal(["sg-a", "sg-b"], graph.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal));
        Assert.NotEqual(LayerOf(graph, "sg-a"), LayerOf(graph, "sg-b"));
        Assert.Equal(3, graph.Edges.Length);
        Assert.Contains(graph.Edges, e => e is { RuleId: "self", From: "sg-a", To: "sg-a" });
    }

    [Fact]
    public void A_reference_to_a_group_not_in_the_draft_is_a_missing_node()
    {
        var estate = Estate.Empty with { Groups = [Group("sg-a", From("r1", new GroupPeer("sg-gone")))] };

        var graph = ChainingGraphModel.Build(estate, withExternalPeers: false);

        var missing = graph.Nodes.Single(n => n.Id == "sg-gone");
        Assert.Equal((GraphNodeKind.MissingGroup, "sg-gone (missing)"), (missing.Kind, missing.Label));
    }

    [Fact]
    public void Cidr_and_prefix_list_peers_become_nodes_only_when_asked_for()
    {
        var estate = Estate.Empty with
        {
            Groups = [Group("sg-a", From("r1", new CidrPeer(Cidr.Parse("192.0.2.0/24").Value)), From("r2", new PrefixListPeer("pl-1")))],
            PrefixLists = [new PrefixList("pl-1", "offices", IpFamily.V4, [Cidr.Parse("198.51.100.0/24").Value])],
        };

        Assert.Empty(ChainingGraphModel.Build(estate, withExternalPeers: false).Edges);
        var graph = ChainingGraphModel.Build(estate, withExternalPeers: true);

        Assert.Equal(["192.0.2.0/24", "a", "offices"], graph.Nodes.Select(n => n.Label).Order(StringComparer.Ordinal));
        Assert.All(graph.Edges, e => Assert.Equal("sg-a", e.To));
    }
}
