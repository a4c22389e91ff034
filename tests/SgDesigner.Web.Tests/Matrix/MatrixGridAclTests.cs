using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Matrix;
using Direction = SgDesigner.Core.Model.Direction;

namespace SgDesigner.Web.Tests.Matrix;

/// <summary>
/// The matrix page's grid over an estate whose network ACL denies: it answers (no refusal), and the instance cells,
/// the outside cells and the aggregated cells all leave out what the ACL drops.
/// </summary>
public sealed class MatrixGridAclTests
{
    private static readonly ImmutableSortedDictionary<string, string> NoTags = ImmutableSortedDictionary<string, string>.Empty;

    private static Cidr Block(string text) => Cidr.Parse(text).Value;

    private static NetworkAclEntry Entry(int number, IpProtocol protocol, int from, int to, string cidr, AclAction action) =>
        new(number, protocol, from, to, Block(cidr), action);

    private static NetworkInterface Eni(string id, string subnet, string ip, string instance) =>
        new(id, "vpc-1", subnet, instance, 0, [IpAddress.Parse(ip).Value], null, ["sg-all"]);

    /// <summary>Subnets a (a1, a2) and b (b1); one group allowing everything; subnet b's ACL drops tcp 22 coming in.</summary>
    private static Estate Estate()
    {
        var all = new SecurityGroup("sg-all", "all", "all", "vpc-1", NoTags,
        [
            new Rule("sgr-in", Direction.Inbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4)),
            new Rule("sgr-out", Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4)),
        ]);
        var allowAll = ImmutableArray.Create(Entry(100, IpProtocol.All, -1, -1, "0.0.0.0/0", AclAction.Allow));
        return Core.Model.Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-1", "test", [Block("10.0.0.0/16")])],
            Subnets = [new Subnet("subnet-a", "vpc-1", Block("10.0.1.0/24")), new Subnet("subnet-b", "vpc-1", Block("10.0.2.0/24"))],
            Groups = [all],
            Instances = [new Instance("i-a1", "a1", NoTags), new Instance("i-a2", "a2", NoTags), new Instance("i-b1", "b1", NoTags)],
            NetworkInterfaces = [Eni("eni-a1", "subnet-a", "10.0.1.10", "i-a1"), Eni("eni-a2", "subnet-a", "10.0.1.11", "i-a2"), Eni("eni-b1", "subnet-b", "10.0.2.20", "i-b1")],
            ExternalEndpoints = [new ExternalEndpoint("office", Block("203.0.113.0/24"))],
            NetworkAcls =
            [
                new NetworkAcl("acl-b", "vpc-1", false, ["subnet-b"], [Entry(10, IpProtocol.Tcp, 22, 22, "0.0.0.0/0", AclAction.Deny), .. allowAll], allowAll),
            ],
        };
    }

    [Fact]
    public void A_matrix_over_an_estate_with_a_denying_acl_answers_without_what_the_acl_drops()
    {
        var grid = MatrixGrid.Of(ReachabilityEngine.Build(Estate()));
        MatrixEndpoint At(string id) => grid.Endpoints.Single(e => e.Id == id);
        var office = grid.Endpoints.Single(e => e.Outside?.Blocks.Contains(Block("203.0.113.0/24")) == true);

        Assert.False(grid.Allowed(At("i-a1"), At("i-b1"))!.Contains(Traffic.Tcp(22)));
        Assert.True(grid.Allowed(At("i-a1"), At("i-b1"))!.Contains(Traffic.Tcp(443)));
        Assert.True(grid.Allowed(At("i-a1"), At("i-a2"))!.Contains(Traffic.Tcp(22))); // within subnet a: no ACL crossed
        Assert.False(grid.Allowed(office, At("i-b1"))!.Contains(Traffic.Tcp(22)));
        Assert.True(grid.Allowed(office, At("i-a1"))!.Contains(Traffic.Tcp(22)));

        // By subnet: a → b has 2 pairs, none allows tcp 22; a → a has 2 pairs, both do.
        var members = grid.InstanceEnis.ToList();
        var aggregated = grid.Aggregated(AggregateChoice.Subnet, "all", members, Traffic.Tcp(22), AggregatedMatrixTable.MaxShown);
        int Index(string subnet) => aggregated.Rows.Select((r, i) => (r, i)).Single(x => x.r.Key == subnet).i;
        var aToB = aggregated.Cell(Index("subnet-a"), Index("subnet-b"));
        Assert.Equal((0L, 2L), (aToB.AllowedPairs, aToB.Pairs));
        var aToA = aggregated.Cell(Index("subnet-a"), Index("subnet-a"));
        Assert.Equal((2L, 2L), (aToA.AllowedPairs, aToA.Pairs));
        var bToA = aggregated.Cell(Index("subnet-b"), Index("subnet-a"));
        Assert.Equal((2L, 2L), (bToA.AllowedPairs, bToA.Pairs));
    }
}
