using System.Collections.Immutable;
using CsCheck;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.NetworkAcls;
using SgDesigner.Core.Tests.Support;
using static SgDesigner.Core.Tests.Support.EstateBuilder;

namespace SgDesigner.Core.Tests.Reachability;

/// <summary>
/// What the aggregated matrix's fold (<see cref="AggregationRun"/>) relies on and gives. The walker's factoring: a
/// class's row is its behaviour's (and ACL profile's) base row with overrides that only grow the cells they replace.
/// The fold: on one thread or several, again with the walkers of the folds before, it counts what counting every ENI
/// pair counts. On estates whose CIDR rules split behaviours into many classes of several ENIs, with network ACLs and
/// IPv6 ENIs, with and without a traffic filter.
/// </summary>
public class AggregationFoldTests
{
    private static readonly Gen<(int Seed, int Size, bool Acls)> Cases = Gen.Select(Gen.Int, Gen.Int[1, 6], Gen.Bool);

    private static Estate Make((int Seed, int Size, bool Acls) x) => !x.Acls
        ? RandomEstates.Crowded(x.Seed, x.Size)
        : RandomAcls.Add(RandomEstates.Crowded(x.Seed, x.Size), x.Seed) is var withAcls && x.Seed % 2 == 0 ? RandomAcls.Opened(withAcls, x.Seed) : withAcls;

    private static string Print((int Seed, int Size, bool Acls) x) => $"RandomEstates.Crowded({x.Seed}, {x.Size}){(x.Acls ? " with ACLs" : "")}";

    [Fact]
    public void AClassRowIsItsBehavioursBaseRowWithOverridesThatOnlyGrowIt()
    {
        // How many estates had a behaviour split into several classes, and rows with overrides: the cases that matter.
        int split = 0, overridden = 0;
        Cases.Sample(x =>
        {
            var matrix = ReachabilityEngine.Build(Make(x)).Matrix();
            var walker = new MatrixCellWalker(matrix);
            var (to, cells) = (new int[matrix.ClassCount], new int[matrix.ClassCount]);
            var bases = new Dictionary<(int, int), TrafficSet[]>();
            var anyOverride = false;
            // In any order: the walker goes back to a sender behaviour it left.
            foreach (var from in Enumerable.Range(0, matrix.ClassCount).OrderBy(c => (c * 7919 + x.Seed) % matrix.ClassCount))
            {
                var baseRow = walker.BaseRow(from).ToArray();
                var byBehaviour = walker.BaseByBehaviour(from).ToArray();
                // A behaviour's groups' cell, with the ACLs between the sender and each of its classes, is their base cell.
                for (var b = 0; b < byBehaviour.Length; b++)
                {
                    if (byBehaviour[b] != MatrixCellWalker.Various)
                        Assert.All(walker.ClassesOf(b), c => Assert.Equal(walker.Set(baseRow[c]), walker.Set(walker.WithAcl(byBehaviour[b], walker.AclNumber(from, c)))));
                }
                // Each base cell alone, in an order of its own (the walker's ACL row and tables are per profile and set).
                foreach (var c in Enumerable.Range(0, matrix.ClassCount).OrderByDescending(c => c))
                    Assert.Equal(walker.Set(baseRow[c]), walker.Set(walker.BaseCell(from, c)));
                var count = walker.Overrides(from, to, cells);
                anyOverride |= count > 0;
                // An entry names a class and its cell, or (−1 − b) every class of a behaviour whose groups' base cells are
                // alike and their groups' cell, which grows that base cell; the ACLs apply to it per class.
                Assert.True(Enumerable.Range(0, count).All(i => to[i] >= 0 || byBehaviour[-1 - to[i]] != MatrixCellWalker.Various), $"class {from}: a behaviour's entry where its classes differ");
                foreach (var i in Enumerable.Range(0, count).Where(i => to[i] < 0))
                {
                    var (was, now) = (walker.Set(byBehaviour[-1 - to[i]]), walker.Set(cells[i]));
                    Assert.True(now != was && now.IsSupersetOf(was), $"class {from} → behaviour {-1 - to[i]}: groups' override {now} of {was}");
                }
                var named = Enumerable.Range(0, count).SelectMany(i => to[i] >= 0 ? [(To: to[i], Cell: cells[i], Class: true)]
                    : walker.ClassesOf(-1 - to[i]).Select(c => (To: c, Cell: walker.WithAcl(cells[i], walker.AclNumber(from, c)), Class: false))).ToList();
                Assert.Equal(named.Count, named.Select(n => n.To).Distinct().Count());
                var row = (int[])baseRow.Clone();
                foreach (var (c, cell, single) in named)
                {
                    var (was, now) = (walker.Set(baseRow[c]), walker.Set(cell));
                    Assert.True((now != was || !single) && now.IsSupersetOf(was), $"class {from} → {c}: override {now} of {was}");
                    row[c] = cell;
                }
                for (var c = 0; c < matrix.ClassCount; c++)
                    Assert.True(matrix.Allowed(from, c) == walker.Set(row[c]), $"cell {from} → {c}: {walker.Set(row[c])}, expected {matrix.Allowed(from, c)}");
                // One base row per sender behaviour and ACL profile, whichever of its classes asks.
                var info = matrix.ClassInfos[from];
                var sets = baseRow.Select(walker.Set).ToArray();
                if (bases.TryGetValue((info.Behaviour, info.Profile), out var seen))
                    Assert.Equal(seen, sets);
                else
                    bases[(info.Behaviour, info.Profile)] = sets;
            }
            if (bases.Count < matrix.ClassCount)
                Interlocked.Increment(ref split);
            if (anyOverride)
                Interlocked.Increment(ref overridden);
        }, iter: 200, print: Print);
        // That the cases reach what is checked: about 42% split behaviours and 13% have overrides (80 estates drew as few as 5).
        Assert.True(split > 40 && overridden > 8, $"{split} estates with split behaviours, {overridden} with overrides");
    }

    [Fact]
    public void FoldingOnSeveralThreadsAndAgainWithTheSameWalkersCountsEveryEniPair()
    {
        Cases.Sample(x =>
        {
            var estate = Make(x);
            var matrix = ReachabilityEngine.Build(estate).Matrix();
            var random = new Random(x.Seed);
            var ids = estate.NetworkInterfaces.Select(e => e.Id).ToArray();
            // The second fold on three threads takes the walkers the first ones handed back, with their set numbers.
            foreach (var threads in new[] { 1, 3, 3 })
            {
                var rows = MatrixAggregationTests.RandomAggregates(random, ids, "r");
                var columns = random.Next(3) == 0 ? rows : MatrixAggregationTests.RandomAggregates(random, ids, "c");
                Traffic? filter = random.Next(3) == 0 ? null : RandomEstates.RandomTraffic(random);
                var cells = new AggregationRun(matrix, rows, columns, filter, threads).Run(rows, columns);
                for (var r = 0; r < rows.Length; r++)
                {
                    for (var c = 0; c < columns.Length; c++)
                    {
                        var expected = MatrixAggregationTests.BruteForce(matrix, rows[r], columns[c], filter);
                        Assert.True(expected == cells[r, c], $"{threads} threads, filter {filter}, row {r}, column {c}: {cells[r, c]}, expected {expected}");
                    }
                }
            }
        }, iter: 60, print: Print);
    }

    [Fact]
    public void ReceiversInTheSendersOwnSubnetCrossNoAclInTheBaseRowNorInItsOverrides()
    {
        // Subnets a and b behind ACLs with the same rules (one ACL key): across them only tcp 443 and the replies pass.
        // The servers admit the clients on tcp 80 (a group reference: the base row) and client c1 on ssh (its address:
        // an override of the servers' behaviour). Within subnet a nothing is crossed: c1 reaches s1 on 80 and 22, and
        // s2, s3 in subnet b on 443 only; the fold takes the servers' cells across subnets at once and corrects s1.
        var b = new EstateBuilder();
        var built = b.Vpc("vpc-1", "10.0.0.0/16")
            .Group("sg-client", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")), b.In("tcp", 443, 443, Cidr("0.0.0.0/0")))
            .Group("sg-server", "vpc-1", b.Out("-1", -1, -1, Cidr("0.0.0.0/0")), b.In("tcp", 443, 443, Cidr("10.0.0.0/16")),
                b.In("tcp", 80, 80, Sg("sg-client")), b.In("tcp", 22, 22, Cidr("10.0.1.10/32")))
            .Eni("eni-c1", "vpc-1", "10.0.1.10", ["sg-client"]).Eni("eni-c2", "vpc-1", "10.0.1.11", ["sg-client"])
            .Eni("eni-s1", "vpc-1", "10.0.1.20", ["sg-server"]).Eni("eni-s2", "vpc-1", "10.0.2.20", ["sg-server"])
            .Eni("eni-s3", "vpc-1", "10.0.2.21", ["sg-server"])
            .Build();
        ImmutableArray<NetworkAclEntry> inbound = [AclEstates.Allow(100, "tcp", 443, 443, "10.0.0.0/16"), AclEstates.Allow(110, "tcp", 1024, 65535, "10.0.0.0/16")];
        ImmutableArray<NetworkAclEntry> outbound = [AclEstates.Allow(100, "-1", -1, -1, "0.0.0.0/0")];
        var estate = built with
        {
            Subnets = [new Subnet("subnet-a", "vpc-1", AclEstates.Block("10.0.1.0/24")), new Subnet("subnet-b", "vpc-1", AclEstates.Block("10.0.2.0/24"))],
            NetworkInterfaces = [.. built.NetworkInterfaces.Select(e => e with { SubnetId = e.PrimaryIp!.Value.ToString().StartsWith("10.0.1.", StringComparison.Ordinal) ? "subnet-a" : "subnet-b" })],
            NetworkAcls = [AclEstates.Acl("acl-a", "subnet-a", inbound, outbound), AclEstates.Acl("acl-b", "subnet-b", inbound, outbound)],
        };
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        Assert.Equal(TrafficSet.Of(Traffic.Tcp(80)).Union(TrafficSet.Of(Traffic.Tcp(22))).Union(TrafficSet.Of(Traffic.Tcp(443))), matrix.Between("eni-c1", "eni-s1"));
        Assert.Equal(TrafficSet.Of(Traffic.Tcp(443)), matrix.Between("eni-c1", "eni-s2"));
        MatrixAggregate[] clients = [MatrixAggregationTests.Members("clients", "eni-c1", "eni-c2")];
        MatrixAggregate[] servers = [MatrixAggregationTests.Members("servers", "eni-s1", "eni-s2", "eni-s3")];
        var enis = estate.NetworkInterfaces.Select(e => MatrixAggregationTests.Members(e.Id, e.Id)).ToArray();
        foreach (Traffic? filter in new Traffic?[] { null, Traffic.Tcp(22), Traffic.Tcp(80), Traffic.Tcp(443) })
        {
            foreach (var (rows, columns) in new[] { (clients, servers), (enis, enis) })
            {
                foreach (var threads in new[] { 1, 2 })
                {
                    var cells = new AggregationRun(matrix, rows, columns, filter, threads).Run(rows, columns);
                    for (var r = 0; r < rows.Length; r++)
                    {
                        for (var c = 0; c < columns.Length; c++)
                        {
                            var expected = MatrixAggregationTests.BruteForce(matrix, rows[r], columns[c], filter);
                            Assert.True(expected == cells[r, c], $"filter {filter}, {rows[r].Key} → {columns[c].Key}: {cells[r, c]}, expected {expected}");
                        }
                    }
                }
            }
        }
        // Of the six client → server pairs, ssh reaches one (c1 → s1) and http two (c1, c2 → s1).
        Assert.Equal(1, MatrixAggregation.Aggregate(matrix, clients, servers, Traffic.Tcp(22)).Cell(0, 0).AllowedPairs);
        Assert.Equal(2, MatrixAggregation.Aggregate(matrix, clients, servers, Traffic.Tcp(80)).Cell(0, 0).AllowedPairs);
        Assert.Equal(6, MatrixAggregation.Aggregate(matrix, clients, servers, Traffic.Tcp(443)).Cell(0, 0).AllowedPairs);
    }

    [Fact]
    public void SetsUnitedAsBitsOfTheirPiecesEqualSetsUnitedOneByOne()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            // Sets with ranges that overlap, touch and nest (rules of random ports, unions and intersections of them).
            var family = Enumerable.Range(0, 1 + random.Next(12)).Select(_ => TrafficSet.Of(RandomEstates.RandomRule(random, "r", 1, 1))).ToList();
            for (var i = 0; i < 6; i++)
            {
                var (a, b) = (family[random.Next(family.Count)], family[random.Next(family.Count)]);
                family.Add(random.Next(2) == 0 ? a.Union(b) : a.Intersect(b));
            }
            family.RemoveAll(s => s.IsAll);
            var pieces = new TrafficSet.Pieces(family);
            var chosen = family.Where(_ => random.Next(2) == 0).ToList();
            var union = new ulong[pieces.Words];
            foreach (var bits in chosen.Select(pieces.BitsOf))
            {
                for (var w = 0; w < union.Length; w++)
                    union[w] |= bits[w];
            }
            Assert.Equal(chosen.Aggregate(TrafficSet.Empty, (all, set) => all.Union(set)), pieces.SetOf(union));
        }, iter: 500);
    }
}
