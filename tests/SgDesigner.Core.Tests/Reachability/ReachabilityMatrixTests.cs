using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;
using static SgDesigner.Core.Tests.Support.EstateBuilder;

namespace SgDesigner.Core.Tests.Reachability;

public class ReachabilityMatrixTests
{
    private static Estate ThreeTiers(EstateBuilder b) => b
        .Vpc("vpc-1", "10.0.0.0/16")
        .Group("sg-web", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")), b.In("tcp", 443, 443, Cidr("0.0.0.0/0")))
        .Group("sg-app", "vpc-1", b.Out("tcp", 5432, 5432, Sg("sg-db")), b.In("tcp", 8080, 8080, Sg("sg-web")),
            b.In("tcp", 22, 22, Cidr("10.0.1.5/32")))
        .Group("sg-db", "vpc-1", b.In("tcp", 5432, 5432, Sg("sg-app")), b.In("-1", -1, -1, Sg("sg-db")), b.Out("-1", -1, -1, Sg("sg-db")))
        .Eni("eni-web1", "vpc-1", "10.0.1.4", ["sg-web"])
        .Eni("eni-web2", "vpc-1", "10.0.1.5", ["sg-web"])
        .Eni("eni-web3", "vpc-1", "10.0.1.6", ["sg-web"])
        .Eni("eni-app1", "vpc-1", "10.0.2.4", ["sg-app"])
        .Eni("eni-app2", "vpc-1", "10.0.2.5", ["sg-app"])
        .Eni("eni-db1", "vpc-1", "10.0.3.4", ["sg-db"])
        .Eni("eni-db2", "vpc-1", "10.0.3.5", ["sg-db"])
        .Build();

    [Fact]
    public void EnisWithTheSameGroupsAndAtomShareAClassAndACidrSplitsOneOut()
    {
        var matrix = ReachabilityEngine.Build(ThreeTiers(new EstateBuilder())).Matrix();
        Assert.Equal(matrix.ClassOf("eni-web1"), matrix.ClassOf("eni-web3"));
        Assert.NotEqual(matrix.ClassOf("eni-web1"), matrix.ClassOf("eni-web2"));
        Assert.Equal(matrix.ClassOf("eni-app1"), matrix.ClassOf("eni-app2"));
        Assert.Equal(matrix.ClassOf("eni-db1"), matrix.ClassOf("eni-db2"));
        Assert.Equal(4, matrix.ClassCount);
        Assert.Equal(7, matrix.Enis.Length);
    }

    [Fact]
    public void CellsHoldTheMergedTrafficEachPairAllows()
    {
        var matrix = ReachabilityEngine.Build(ThreeTiers(new EstateBuilder())).Matrix();
        Assert.Equal(TrafficSet.Of(Traffic.Tcp(8080)), matrix.Between("eni-web1", "eni-app1"));
        Assert.Equal(TrafficSet.Of(Traffic.Tcp(8080)).Union(TrafficSet.Of(Traffic.Tcp(22))), matrix.Between("eni-web2", "eni-app2"));
        Assert.Equal(TrafficSet.Of(Traffic.Tcp(5432)), matrix.Between("eni-app1", "eni-db2"));
        Assert.True(matrix.Between("eni-db1", "eni-db2").IsAll);
        Assert.True(matrix.Between("eni-db1", "eni-app1").IsEmpty);
        Assert.Equal(TrafficSet.Of(Traffic.Tcp(443)), matrix.Between("eni-web1", "eni-web3"));
        Assert.DoesNotContain(matrix.Cells, c => c.Allowed.IsEmpty);
    }

    [Fact]
    public void MatrixAgreesWithTheNaiveEvaluatorOnEveryPair()
    {
        var estate = ThreeTiers(new EstateBuilder());
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        foreach (var (from, to, allowed) in NaiveEvaluator.AllPairs(estate))
            Assert.Equal(allowed, matrix.Between(from.Id, to.Id));
    }

    [Fact]
    public void UpdateAfterARuleEditGivesTheSameMatrixAsABuild()
    {
        var b = new EstateBuilder();
        var estate = ThreeTiers(b);
        var engine = ReachabilityEngine.Build(estate);
        _ = engine.Matrix();
        var db = estate.FindGroup("sg-db")!;
        var next = estate.WithGroup(db with { Rules = db.Rules.Add(b.In("tcp", 6379, 6379, Sg("sg-web"))) });
        var updated = engine.Update(next).Matrix();
        var built = ReachabilityEngine.Build(next).Matrix();
        Assert.Equal(TrafficSet.Of(Traffic.Tcp(6379)), updated.Between("eni-web1", "eni-db1"));
        foreach (var from in next.NetworkInterfaces)
        {
            foreach (var to in next.NetworkInterfaces)
                Assert.Equal(built.Between(from.Id, to.Id), updated.Between(from.Id, to.Id));
        }
    }

    [Fact]
    public void UpdateAfterMovingAnEniToAnotherGroupGivesTheSameMatrixAsABuild()
    {
        var estate = ThreeTiers(new EstateBuilder());
        var engine = ReachabilityEngine.Build(estate);
        _ = engine.Matrix();
        var i = estate.NetworkInterfaces.IndexOf(estate.NetworkInterfaces.First(e => e.Id == "eni-web1"));
        var moved = estate.NetworkInterfaces[i] with { GroupIds = ["sg-app"] };
        var next = estate with { NetworkInterfaces = estate.NetworkInterfaces.SetItem(i, moved) };
        var updated = engine.Update(next).Matrix();
        Assert.Equal(TrafficSet.Of(Traffic.Tcp(5432)), updated.Between("eni-web1", "eni-db1"));
        foreach (var (from, to, allowed) in NaiveEvaluator.AllPairs(next))
            Assert.Equal(allowed, updated.Between(from.Id, to.Id));
    }
}
