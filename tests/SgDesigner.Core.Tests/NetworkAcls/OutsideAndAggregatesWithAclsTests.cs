using System.Collections.Immutable;
using CsCheck;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary>
/// Property tests for what the matrix's ACL layer feeds besides cells: flows with the outside (the diff's regions and
/// the matrix page's outside cells cross the inside end's subnet ACL both ways) and the aggregated matrix, each against
/// the reference (<see cref="NaiveEvaluator"/> with <see cref="NaiveAclEvaluator"/>) at every boundary address and probe.
/// </summary>
public class OutsideAndAggregatesWithAclsTests
{
    private static readonly Gen<(int Seed, int Size)> Estates = Gen.Select(Gen.Int, Gen.Int[1, 3]);

    private static string Print((int Seed, int Size) x) => $"RandomAcls.Make({x.Seed}, {x.Size})";

    [Fact]
    public void TheDiffWithTheOutsideAfterAclEditsEqualsTheReferenceAtEveryBoundaryAddress()
    {
        Estates.Sample(x =>
        {
            var before = RandomAcls.MakeOpen(x.Seed, x.Size);
            var after = RandomAcls.Make(x.Seed ^ 0x2a, x.Size) is var other && other.Vpcs.SequenceEqual(before.Vpcs)
                ? before with { NetworkAcls = other.NetworkAcls.Where(a => before.Vpcs.Any(v => v.Id == a.VpcId)).ToImmutableArray() }
                : before with { NetworkAcls = [] };
            var ctx = new DiffContext(ReachabilityEngine.Build(before), ReachabilityEngine.Build(after));
            var space = new OutsideSpace(before, after, OutsideFlows.AclBlocks(ctx));
            var probes = Addresses(before, after);
            var reported = new Dictionary<(string, IpAddress, Direction), (TrafficSet Opened, TrafficSet Closed)>();
            foreach (var c in OutsideFlows.RegionChanges(ctx, space))
            {
                foreach (var ip in probes)
                {
                    if (!c.Regions.Contains(space.Nodes(ip.Family).Last(n => n.Block.Contains(ip))))
                        continue;
                    foreach (var eni in c.Class.EniIds)
                        reported.Add((eni, ip, c.Direction), (c.Opened, c.Closed));
                }
            }
            var traffic = NaiveAclMatrix.Probes(before, after);
            foreach (var eni in before.NetworkInterfaces.Where(e => e.PrimaryIp is not null))
            {
                foreach (var ip in probes.Where(p => p.Family == eni.PrimaryIp!.Value.Family))
                {
                    foreach (var direction in new[] { Direction.Inbound, Direction.Outbound })
                    {
                        reported.TryGetValue((eni.Id, ip, direction), out var got);
                        foreach (var t in traffic)
                        {
                            var was = Outside(before, eni, ip, direction, t);
                            var now = Outside(after, eni, ip, direction, t);
                            Assert.True((now && !was) == (got.Opened?.Contains(t) ?? false), $"{eni.Id} {direction} {ip} {t}: opened {got.Opened}");
                            Assert.True((was && !now) == (got.Closed?.Contains(t) ?? false), $"{eni.Id} {direction} {ip} {t}: closed {got.Closed}");
                        }
                    }
                }
            }
        }, iter: 25, print: Print);
    }

    [Fact]
    public void AnOutsideCellHoldsWhatTheReferenceAllowsWithEveryBoundaryAddressOfTheEndpoint()
    {
        Estates.Sample(x =>
        {
            var estate = RandomAcls.MakeOpen(x.Seed, x.Size);
            var matrix = ReachabilityEngine.Build(estate).Matrix();
            var traffic = NaiveAclMatrix.Probes(estate);
            var addresses = Addresses(estate, estate);
            foreach (var endpoint in OutsideEndpoints.Of(estate).Take(6))
            {
                foreach (var eni in estate.NetworkInterfaces.Where(e => e.PrimaryIp is not null))
                {
                    var inside = addresses.Where(a => endpoint.Blocks.Any(b => b.Contains(a))).ToList();
                    foreach (var direction in new[] { Direction.Inbound, Direction.Outbound })
                    {
                        var cell = OutsideAccess.Allowed(matrix, eni, endpoint, direction);
                        var groups = OutsideAccess.Allowed(estate, eni, endpoint, direction);
                        foreach (var t in traffic)
                        {
                            // The groups' part is the rules covering the whole endpoint; the ACL must let every address through.
                            var expected = groups.Contains(t) && inside.Where(a => a.Family == eni.PrimaryIp!.Value.Family).All(a => AclAllows(estate, eni, a, direction, t));
                            Assert.True(expected == cell.Contains(t), $"{eni.Id} {direction} {endpoint.Label} {t}: cell {cell}");
                        }
                    }
                }
            }
        }, iter: 40, print: Print);
    }

    [Fact]
    public void TheAggregatedMatrixCountsThePairsWhoseCellsAllowByBruteForce()
    {
        Estates.Sample(x =>
        {
            var estate = RandomAcls.MakeOpen(x.Seed, x.Size);
            var matrix = ReachabilityEngine.Build(estate).Matrix();
            foreach (var by in new[] { AggregateBy.Subnet, AggregateBy.Group })
            {
                var aggregates = AggregateLevel.Of(estate, estate.NetworkInterfaces, by);
                foreach (var filter in new Traffic?[] { null, Traffic.Tcp(22), Traffic.Tcp(40000) })
                {
                    var aggregated = MatrixAggregation.Aggregate(matrix, aggregates, aggregates, filter);
                    for (var r = 0; r < aggregates.Length; r++)
                    {
                        for (var c = 0; c < aggregates.Length; c++)
                        {
                            var pairs = aggregates[r].EniIds.Distinct().SelectMany(a => aggregates[c].EniIds.Distinct().Where(b => b != a).Select(b => matrix.Between(a, b))).ToList();
                            var counted = pairs.Where(s => filter is { } f ? s.Contains(f) : !s.IsEmpty).ToList();
                            var cell = aggregated.Cell(r, c);
                            Assert.Equal((long)pairs.Count, cell.Pairs);
                            Assert.Equal((long)counted.Count, cell.AllowedPairs);
                            Assert.Equal(counted.Aggregate(TrafficSet.Empty, (acc, s) => acc.Union(s)), cell.Allowed);
                        }
                    }
                }
            }
        }, iter: 60, print: Print);
    }

    // The reference with an outside address: the groups' verdict and the ACL's (only the inside end's crossed).
    private static bool Outside(Estate estate, NetworkInterface eni, IpAddress ip, Direction direction, Traffic t)
    {
        Endpoint inside = new EniEndpoint(eni.Id, eni.PrimaryIp!.Value), outside = new ExternalEndpointIp(ip);
        var (from, to) = direction == Direction.Inbound ? (outside, inside) : (inside, outside);
        return NaiveEvaluator.Query(estate, from, to, t).Allowed && AclAllows(estate, eni, ip, direction, t);
    }

    private static bool AclAllows(Estate estate, NetworkInterface eni, IpAddress ip, Direction direction, Traffic t)
    {
        Endpoint inside = new EniEndpoint(eni.Id, eni.PrimaryIp!.Value), outside = new ExternalEndpointIp(ip);
        var (from, to) = direction == Direction.Inbound ? (outside, inside) : (inside, outside);
        return NaiveAclEvaluator.Evaluate(estate, from, to, t) is not { } acl || acl.Outcome == AclOutcome.Allowed;
    }

    /// <summary>The first and last address of every ACL and rule block of both estates and their neighbours, and the ENIs' addresses.</summary>
    private static List<IpAddress> Addresses(Estate before, Estate after)
    {
        var blocks = new[] { before, after }.SelectMany(e => e.NetworkAcls.SelectMany(a => a.Inbound.Concat(a.Outbound)).Select(n => n.Cidr)
            .Concat(e.Groups.SelectMany(g => g.Rules).Select(r => r.Peer).OfType<CidrPeer>().Select(p => p.Block))
            .Concat(e.PrefixLists.SelectMany(l => l.Entries)));
        var values = new HashSet<IpAddress>();
        foreach (var b in blocks)
        {
            values.Add(b.First);
            values.Add(b.Last);
            var max = b.Family == IpFamily.V4 ? (UInt128)uint.MaxValue : UInt128.MaxValue;
            if (b.Last.Value < max)
                values.Add(new IpAddress(b.Family, b.Last.Value + 1));
            if (b.First.Value > 0)
                values.Add(new IpAddress(b.Family, b.First.Value - 1));
        }
        foreach (var e in before.NetworkInterfaces.Concat(after.NetworkInterfaces))
            values.UnionWith(e.PrivateIps);
        values.Add(IpAddress.Parse("203.0.113.9").Value);
        values.Add(IpAddress.Parse("2001:db8::7").Value);
        return [.. values];
    }
}
