using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.Support;
using static SgDesigner.Core.Tests.Support.EstateBuilder;

namespace SgDesigner.Core.Tests.Reachability;

public class MatrixAggregationTests
{
    // Web (three ENIs, web2 also reaches app on ssh), app (two) and db (two) tiers, each in its subnet, app/tier tags.
    private static Estate ThreeTiers()
    {
        var b = new EstateBuilder();
        var estate = b
            .Vpc("vpc-1", "10.0.0.0/16")
            .Group("sg-web", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")), b.In("tcp", 443, 443, Cidr("0.0.0.0/0")))
            .Group("sg-app", "vpc-1", b.Out("tcp", 5432, 5432, Sg("sg-db")), b.In("tcp", 8080, 8080, Sg("sg-web")),
                b.In("tcp", 22, 22, Cidr("10.0.1.5/32")))
            .Group("sg-db", "vpc-1", b.In("tcp", 5432, 5432, Sg("sg-app")), b.In("-1", -1, -1, Sg("sg-db")), b.Out("-1", -1, -1, Sg("sg-db")))
            .Eni("eni-web1", "vpc-1", "10.0.1.4", ["sg-web"], "i-web1")
            .Eni("eni-web2", "vpc-1", "10.0.1.5", ["sg-web"], "i-web2")
            .Eni("eni-web3", "vpc-1", "10.0.1.6", ["sg-web"], "i-web3")
            .Eni("eni-app1", "vpc-1", "10.0.2.4", ["sg-app"], "i-app1")
            .Eni("eni-app2", "vpc-1", "10.0.2.5", ["sg-app"], "i-app2")
            .Eni("eni-db1", "vpc-1", "10.0.3.4", ["sg-db"], "i-db1")
            .Eni("eni-db2", "vpc-1", "10.0.3.5", ["sg-db"])
            .Build();
        string Tier(string eniId) => eniId[4..^1];
        return estate with
        {
            Subnets = [.. new[] { "web", "app", "db" }.Select((t, i) => new Subnet($"subnet-{t}", "vpc-1", Block($"10.0.{i + 1}.0/24"), Name: t))],
            NetworkInterfaces = [.. estate.NetworkInterfaces.Select(e => e with { SubnetId = $"subnet-{Tier(e.Id)}" })],
            Instances = [.. estate.NetworkInterfaces.Where(e => e.InstanceId is not null).Select(e => new Instance(e.InstanceId!, e.Id[4..],
                ImmutableSortedDictionary.CreateRange([KeyValuePair.Create("app", "shop"), KeyValuePair.Create("tier", Tier(e.Id))])))],
        };
    }

    internal static MatrixAggregate Members(string key, params string[] enis) => new(key, key, [.. enis]);

    private static AggregatedMatrix BySubnet(Estate estate, Traffic? filter = null)
    {
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        var subnets = AggregateLevel.Of(estate, estate.NetworkInterfaces, AggregateBy.Subnet);
        return MatrixAggregation.Aggregate(matrix, subnets, subnets, filter);
    }

    private static AggregateCell Cell(AggregatedMatrix m, string from, string to) =>
        m.Cell(m.Rows.ToList().FindIndex(r => r.Key == from), m.Columns.ToList().FindIndex(c => c.Key == to));

    [Fact]
    public void SubnetCellsSayAllSomeOrNoneWithTheUnionOfPorts()
    {
        var m = BySubnet(ThreeTiers());
        Assert.Equal(["app (subnet-app)", "db (subnet-db)", "web (subnet-web)"], m.Rows.Select(r => r.Label));
        Assert.Equal(new AggregateCell(6, 6, TrafficSet.Of(Traffic.Tcp(443))), Cell(m, "subnet-web", "subnet-web"));
        Assert.Equal(new AggregateCell(6, 6, TrafficSet.Of(Traffic.Tcp(8080)).Union(TrafficSet.Of(Traffic.Tcp(22)))), Cell(m, "subnet-web", "subnet-app"));
        Assert.Equal(new AggregateCell(4, 4, TrafficSet.Of(Traffic.Tcp(5432))), Cell(m, "subnet-app", "subnet-db"));
        Assert.Equal(new AggregateCell(0, 4, TrafficSet.Empty), Cell(m, "subnet-db", "subnet-app"));
        Assert.Equal(new AggregateCell(0, 2, TrafficSet.Empty), Cell(m, "subnet-app", "subnet-app"));
        Assert.Equal("all", Cell(m, "subnet-db", "subnet-db").ExtentText);
        Assert.Equal("none", Cell(m, "subnet-db", "subnet-app").ExtentText);
    }

    [Fact]
    public void AFilterCountsOnlyThePairsAllowingThatTraffic()
    {
        var m = BySubnet(ThreeTiers(), Traffic.Tcp(22));
        var cell = Cell(m, "subnet-web", "subnet-app");
        Assert.Equal((2, 6, AggregateExtent.Some), (cell.AllowedPairs, cell.Pairs, cell.Extent));
        Assert.Equal("some (2 of 6 pairs)", cell.ExtentText);
        Assert.Equal(AggregateExtent.None, Cell(m, "subnet-web", "subnet-web").Extent);
    }

    [Fact]
    public void AVpcCountsEveryOrderedPairOfDistinctEnis()
    {
        var estate = ThreeTiers();
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        var vpcs = AggregateLevel.Of(estate, estate.NetworkInterfaces, AggregateBy.Vpc);
        var cell = MatrixAggregation.Aggregate(matrix, vpcs, vpcs).Cell(0, 0);
        // web→web 6, web→app 6, app→db 4, db→db 2 of 7 × 7 − 7.
        Assert.Equal((18L, 42L), (cell.AllowedPairs, cell.Pairs));
        Assert.True(cell.Allowed.IsAll);
        Assert.Equal("some (18 of 42 pairs)", cell.ExtentText);
    }

    [Fact]
    public void AnEniIsNeverPairedWithItselfNorLendsItsClassPortsToItself()
    {
        var matrix = ReachabilityEngine.Build(ThreeTiers()).Matrix();
        var m = MatrixAggregation.Aggregate(matrix, [Members("a", "eni-web1")], [Members("b", "eni-web1", "eni-app1"), Members("c", "eni-web1")]);
        Assert.Equal(new AggregateCell(1, 1, TrafficSet.Of(Traffic.Tcp(8080))), m.Cell(0, 0));
        Assert.Equal(new AggregateCell(0, 0, TrafficSet.Empty), m.Cell(0, 1));
        Assert.Equal("none", m.Cell(0, 1).ExtentText);
    }

    [Fact]
    public void LevelsGroupByTagGroupAndInstance()
    {
        var estate = ThreeTiers();
        Assert.Equal(["app", "tier"], AggregateLevel.TagKeys(estate));
        var tiers = AggregateLevel.Of(estate, estate.NetworkInterfaces, AggregateBy.Tag, "tier");
        Assert.Equal(["(no tag)", "app", "db", "web"], tiers.Select(t => t.Key));
        Assert.Equal(["eni-db2"], tiers[0].EniIds);
        var groups = AggregateLevel.Of(estate, estate.NetworkInterfaces, AggregateBy.Group);
        Assert.Equal(["sg-app", "sg-db", "sg-web"], groups.Select(g => g.Key));
        var instances = AggregateLevel.Of(estate, estate.NetworkInterfaces.Take(2), AggregateBy.Instance);
        Assert.Equal(["web1 (i-web1)", "web2 (i-web2)"], instances.Select(i => i.Label));
    }

    [Fact]
    public void AnEniOfAnotherEstateIsRefused()
    {
        var matrix = ReachabilityEngine.Build(ThreeTiers()).Matrix();
        var error = Assert.Throws<ArgumentException>(() => MatrixAggregation.Aggregate(matrix, [Members("a", "eni-nope")], [Members("b", "eni-web1")]));
        Assert.Contains("eni-nope", error.Message);
    }

    [Fact]
    public void AgreesWithCountingEveryEniPairOnRandomEstates()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var estate = RandomEstates.Make(seed, 1 + seed % 8);
            var matrix = ReachabilityEngine.Build(estate).Matrix();
            var random = new Random(seed);
            var ids = estate.NetworkInterfaces.Select(e => e.Id).ToArray();
            var rows = RandomAggregates(random, ids, "r");
            var columns = RandomAggregates(random, ids, "c");
            Traffic? filter = random.Next(3) == 0 ? null : RandomEstates.RandomTraffic(random);
            var aggregated = MatrixAggregation.Aggregate(matrix, rows, columns, filter);
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < columns.Length; c++)
                    Assert.True(BruteForce(matrix, rows[r], columns[c], filter) == aggregated.Cell(r, c), $"seed {seed}, row {r}, column {c}");
            }
        }
    }

    [Fact]
    public void AgreesWithCountingEveryEniPairOnSyntheticEstatesAtEveryLevel()
    {
        // The generator's estates have many classes per behaviour (rows that differ in a few cells) and several
        // subnets, tags and groups per ENI, as the 10,000-instance estate has; seeds 5 to 8 with its network ACLs.
        for (var seed = 1; seed <= 8; seed++)
        {
            var estate = SgDesigner.Core.Synthetic.EstateGenerator.Generate(
                new SgDesigner.Core.Synthetic.EstateGeneratorOptions(60 + 10 * (seed % 4), 12, 150, seed) { NetworkAcls = seed > 4 });
            var matrix = ReachabilityEngine.Build(estate).Matrix();
            var primary = estate.NetworkInterfaces.Where(e => e.InstanceId is not null).ToList();
            var levels = new List<(AggregateBy By, string? Tag)> { (AggregateBy.Vpc, null), (AggregateBy.Subnet, null), (AggregateBy.Group, null) };
            levels.AddRange(AggregateLevel.TagKeys(estate).Select(k => (AggregateBy.Tag, (string?)k)));
            foreach (var (by, tag) in levels)
            {
                var aggregates = AggregateLevel.Of(estate, primary, by, tag);
                Traffic? filter = seed % 2 == 0 ? Traffic.Tcp(443) : null;
                var aggregated = MatrixAggregation.Aggregate(matrix, aggregates, aggregates, filter);
                for (var r = 0; r < aggregates.Length; r++)
                {
                    for (var c = 0; c < aggregates.Length; c++)
                        Assert.True(BruteForce(matrix, aggregates[r], aggregates[c], filter) == aggregated.Cell(r, c), $"seed {seed}, {by} {tag}, row {r}, column {c}");
                }
            }
        }
    }

    [Fact]
    public void AClassAloneInACellLendsItsPortsOnlyWhenTwoOfItsEnisArePaired()
    {
        // web1 and web2 are one class (sg-web, same atom): their cell is tcp 443 to any other ENI of the class.
        var matrix = ReachabilityEngine.Build(ThreeTiers()).Matrix();
        var m = MatrixAggregation.Aggregate(matrix,
            [Members("one", "eni-web1"), Members("two", "eni-web1", "eni-web3")],
            [Members("same", "eni-web1"), Members("other", "eni-web3"), Members("db", "eni-db1")]);
        Assert.Equal(new AggregateCell(0, 0, TrafficSet.Empty), m.Cell(0, 0));
        Assert.Equal(new AggregateCell(1, 1, TrafficSet.Of(Traffic.Tcp(443))), m.Cell(0, 1));
        Assert.Equal(new AggregateCell(1, 1, TrafficSet.Of(Traffic.Tcp(443))), m.Cell(1, 0));
        Assert.Equal(new AggregateCell(0, 2, TrafficSet.Empty), m.Cell(1, 2));
    }

    [Fact]
    public void ACollapsedLevelKeepsTheLargestAggregatesAndCountsTheRestAsOneAgainstEveryEniPair()
    {
        var estate = SgDesigner.Core.Synthetic.EstateGenerator.Generate(new SgDesigner.Core.Synthetic.EstateGeneratorOptions(90, 12, 150, 5));
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        var groups = AggregateLevel.Of(estate, estate.NetworkInterfaces.Where(e => e.InstanceId is not null), AggregateBy.Group);
        Assert.True(groups.Length > 5, $"{groups.Length} groups");

        var collapsed = AggregateLevel.Collapsed(groups, 5, n => $"{n} other groups");

        Assert.Equal(5, collapsed.Length);
        var kept = collapsed[..4];
        Assert.Equal(groups.Where(kept.Contains), kept); // the kept ones in their order (by label)
        Assert.All(groups.Except(kept), g => Assert.True(g.EniIds.Length <= kept.Min(k => k.EniIds.Length), $"{g.Key} left out"));
        var others = collapsed[^1];
        Assert.Equal((AggregateLevel.Others, $"{groups.Length - 4} other groups"), (others.Key, others.Label));
        Assert.Equal(groups.Except(kept).SelectMany(g => g.EniIds).Distinct().Order(StringComparer.Ordinal), others.EniIds.Order(StringComparer.Ordinal));
        Assert.Equal(groups, AggregateLevel.Collapsed(groups, groups.Length, n => "unused"));
        // Rows collapsed, columns not (a search can leave the axes different): every cell as counting ENI pairs.
        var aggregated = MatrixAggregation.Aggregate(matrix, collapsed, groups);
        for (var r = 0; r < collapsed.Length; r++)
        {
            for (var c = 0; c < groups.Length; c++)
                Assert.True(BruteForce(matrix, collapsed[r], groups[c], null) == aggregated.Cell(r, c), $"row {collapsed[r].Key}, column {groups[c].Key}");
        }
    }

    // Up to four aggregates of one axis, overlapping (an ENI may be in several or none).
    internal static ImmutableArray<MatrixAggregate> RandomAggregates(Random random, string[] ids, string prefix) =>
        [.. Enumerable.Range(0, 1 + random.Next(4)).Select(a => Members($"{prefix}{a}", [.. ids.Where(_ => random.Next(2) == 0)]))];

    internal static AggregateCell BruteForce(ReachabilityMatrix matrix, MatrixAggregate row, MatrixAggregate column, Traffic? filter)
    {
        long allowed = 0, pairs = 0;
        var union = TrafficSet.Empty;
        foreach (var from in row.EniIds)
        {
            foreach (var to in column.EniIds)
            {
                if (from == to)
                    continue;
                pairs++;
                var set = matrix.Between(from, to);
                if (filter is { } traffic ? set.Contains(traffic) : !set.IsEmpty)
                {
                    allowed++;
                    union = union.Union(set);
                }
            }
        }
        return new AggregateCell(allowed, pairs, union);
    }
}
