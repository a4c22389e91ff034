using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Diff;

/// <summary>
/// The per-joint-class diff against the definition: for every ordered pair of distinct ENIs, what the new matrix
/// allows and the old does not (and the reverse), on random estates and random edits.
/// </summary>
public class ReachabilityDiffPropertyTests
{
    private static readonly string[] s_cidrs = ["10.0.0.0/16", "10.0.1.0/24", "10.0.2.0/25", "0.0.0.0/0", "10.0.3.7/32", "pl-1"];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryEniPairThatChangedIsReportedOnceWithExactlyItsOpenedAndClosedTraffic(int seed)
    {
        var random = new Random(seed);
        var before = RandomEstate(random);
        var after = Edit(Edit(Edit(before, random), random), random);
        var engineBefore = ReachabilityEngine.Build(before);
        var engineAfter = ReachabilityEngine.Build(after);

        var reported = new Dictionary<(string, string), (TrafficSet Opened, TrafficSet Closed)>();
        foreach (var p in EniFlows.Changes(new DiffContext(engineBefore, engineAfter)))
        {
            foreach (var a in p.FromEnis)
            {
                foreach (var b in p.ToEnis.Where(b => b != a))
                    reported.Add((a, b), (p.Change.Opened, p.Change.Closed));
            }
        }

        var expected = ExpectedChanges(engineBefore.Matrix(), engineAfter.Matrix());
        Assert.Equal(expected.Count, reported.Count);
        foreach (var (pair, change) in expected)
        {
            Assert.True(reported.TryGetValue(pair, out var got), $"{pair} not reported");
            Assert.Equal(change.Opened, got.Opened);
            Assert.Equal(change.Closed, got.Closed);
        }
        var merged = ReachabilityDiff.Compare(engineBefore, engineAfter, TestContext.Current.CancellationToken).Changes.Where(c => c.From.Outside is null && c.To.Outside is null);
        Assert.Equal(expected.Count, merged.Sum(c => c.Pairs));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheDiffBetweenEnisEqualsTheNaiveEvaluatorOnEveryEniPairOfBothEstates(int seed)
    {
        var random = new Random(1000 + seed);
        var before = RandomEstate(random);
        var after = Edit(Edit(before, random), random);

        var reported = new Dictionary<(string, string), (TrafficSet Opened, TrafficSet Closed)>();
        foreach (var p in EniFlows.Changes(new DiffContext(ReachabilityEngine.Build(before), ReachabilityEngine.Build(after))))
        {
            foreach (var a in p.FromEnis)
            {
                foreach (var b in p.ToEnis.Where(b => b != a))
                    reported.Add((a, b), (p.Change.Opened, p.Change.Closed));
            }
        }

        var oldEnis = before.NetworkInterfaces.ToDictionary(e => e.Id);
        var newEnis = after.NetworkInterfaces.ToDictionary(e => e.Id);
        var ids = oldEnis.Keys.Union(newEnis.Keys).ToList();
        var expected = 0;
        foreach (var a in ids)
        {
            foreach (var b in ids.Where(b => b != a))
            {
                var was = oldEnis.TryGetValue(a, out var oa) && oldEnis.TryGetValue(b, out var ob) ? NaiveEvaluator.Between(before, oa, ob) : TrafficSet.Empty;
                var now = newEnis.TryGetValue(a, out var na) && newEnis.TryGetValue(b, out var nb) ? NaiveEvaluator.Between(after, na, nb) : TrafficSet.Empty;
                if (was == now)
                {
                    Assert.False(reported.ContainsKey((a, b)), $"{a} -> {b} reported but unchanged");
                    continue;
                }
                expected++;
                Assert.True(reported.TryGetValue((a, b), out var got), $"{a} -> {b} changed but not reported");
                Assert.Equal(now.Except(was), got.Opened);
                Assert.Equal(was.Except(now), got.Closed);
            }
        }
        Assert.Equal(expected, reported.Count);
        var merged = ReachabilityDiff.Compare(before, after).Changes.Where(c => c.From.Outside is null && c.To.Outside is null).ToList();
        Assert.Equal(expected, merged.Sum(c => c.Pairs));
        Assert.All(merged, c => Assert.Equal(c.Opened.Entries.Count(), c.OpenedDetail.Length));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheDiffWithTheOutsideEqualsTheRulesCoveringEachAddressOnEveryEniAndEveryBoundaryAddress(int seed)
    {
        var random = new Random(2000 + seed);
        var before = RandomEstate(random);
        var after = Edit(Edit(Edit(before, random), random), random);
        var ctx = new DiffContext(ReachabilityEngine.Build(before), ReachabilityEngine.Build(after));
        var space = new OutsideSpace(before, after);
        var probes = Probes(before, after, random);

        var reported = new Dictionary<(string, IpAddress, Direction), (TrafficSet Opened, TrafficSet Closed)>();
        foreach (var c in OutsideFlows.RegionChanges(ctx, space))
        {
            foreach (var ip in probes)
            {
                var region = space.Nodes(ip.Family).Last(n => n.Block.Contains(ip));
                if (!c.Regions.Contains(region))
                    continue;
                foreach (var eni in c.Class.EniIds)
                    reported.Add((eni, ip, c.Direction), (c.Opened, c.Closed));
            }
        }

        var oldEnis = before.NetworkInterfaces.ToDictionary(e => e.Id);
        var newEnis = after.NetworkInterfaces.ToDictionary(e => e.Id);
        var expected = 0;
        foreach (var id in oldEnis.Keys.Union(newEnis.Keys))
        {
            foreach (var ip in probes)
            {
                foreach (var direction in new[] { Direction.Inbound, Direction.Outbound })
                {
                    var was = Covering(before, oldEnis.GetValueOrDefault(id), ip, direction);
                    var now = Covering(after, newEnis.GetValueOrDefault(id), ip, direction);
                    if (was == now)
                    {
                        Assert.False(reported.ContainsKey((id, ip, direction)), $"{id} {direction} {ip} reported but unchanged");
                        continue;
                    }
                    expected++;
                    Assert.True(reported.TryGetValue((id, ip, direction), out var got), $"{id} {direction} {ip} changed but not reported");
                    Assert.Equal(now.Except(was), got.Opened);
                    Assert.Equal(was.Except(now), got.Closed);
                }
            }
        }
        Assert.Equal(expected, reported.Count);
    }

    /// <summary>The definition: what the ENI's rules of one direction whose CIDR or prefix list holds <paramref name="ip"/> allow.</summary>
    private static TrafficSet Covering(Estate estate, NetworkInterface? eni, IpAddress ip, Direction direction)
    {
        if (eni?.PrimaryIp?.Family != ip.Family)
            return TrafficSet.Empty;
        var set = TrafficSet.Empty;
        foreach (var rule in estate.Groups.Where(g => eni.GroupIds.Contains(g.Id)).SelectMany(g => g.Rules).Where(r => r.Direction == direction))
        {
            var holds = rule.Peer switch
            {
                CidrPeer c => c.Block.Contains(ip),
                PrefixListPeer p => estate.PrefixLists.Any(l => l.Id == p.PrefixListId && l.Entries.Any(e => e.Contains(ip))),
                _ => false,
            };
            if (holds)
                set = set.Union(TrafficSet.Of(rule, ip.Family));
        }
        return set;
    }

    /// <summary>The first and last address of every block of both estates and their neighbours, and random addresses.</summary>
    private static List<IpAddress> Probes(Estate before, Estate after, Random random)
    {
        var blocks = s_cidrs.Where(c => c.Contains('/')).Select(c => Cidr.Parse(c).Value)
            .Concat(before.PrefixLists.Concat(after.PrefixLists).SelectMany(l => l.Entries));
        var values = new List<UInt128>();
        foreach (var b in blocks)
        {
            values.AddRange([b.First.Value, b.Last.Value, b.Last.Value + 1]);
            if (b.First.Value > 0)
                values.Add(b.First.Value - 1);
        }
        values.AddRange(Enumerable.Range(0, 10).Select(_ => (UInt128)(uint)random.Next(0x0A000000, 0x0A040000)));
        values.Add(0xC0000201); // 192.0.2.1
        return [.. values.Where(v => v <= uint.MaxValue).Distinct().Select(v => new IpAddress(IpFamily.V4, v))];
    }

    private static Dictionary<(string, string), (TrafficSet Opened, TrafficSet Closed)> ExpectedChanges(ReachabilityMatrix before, ReachabilityMatrix after)
    {
        var oldIds = before.Enis.Select(e => e.EniId).ToHashSet();
        var newIds = after.Enis.Select(e => e.EniId).ToHashSet();
        var all = oldIds.Union(newIds).ToList();
        var result = new Dictionary<(string, string), (TrafficSet, TrafficSet)>();
        foreach (var a in all)
        {
            foreach (var b in all.Where(b => b != a))
            {
                var was = oldIds.Contains(a) && oldIds.Contains(b) ? before.Between(a, b) : TrafficSet.Empty;
                var now = newIds.Contains(a) && newIds.Contains(b) ? after.Between(a, b) : TrafficSet.Empty;
                if (was != now)
                    result[(a, b)] = (now.Except(was), was.Except(now));
            }
        }
        return result;
    }

    private static Estate RandomEstate(Random random)
    {
        var groups = Enumerable.Range(0, 6).Select(g => Group($"sg-{g}", $"g{g}",
            [.. Enumerable.Range(0, random.Next(1, 6)).Select(i => RandomRule(random, $"sgr-{g}-{i}"))])).ToArray();
        var enis = Enumerable.Range(0, 30).Select(i => RandomEni(random, $"eni-{i}")).ToArray();
        return Of(groups, enis) with { PrefixLists = [PrefixList("10.0.1.0/24")] };
    }

    private static PrefixList PrefixList(string entry) => new("pl-1", "list", IpFamily.V4, [Cidr.Parse(entry).Value]);

    private static Rule RandomRule(Random random, string id)
    {
        var peer = random.Next(3) == 0 ? $"sg-{random.Next(6)}" : s_cidrs[random.Next(s_cidrs.Length)];
        var from = new[] { 22, 80, 443, 5432, 8000 }[random.Next(5)];
        var rule = random.Next(5) switch
        {
            0 => In(id, "-1", -1, -1, peer),
            1 => In(id, "udp", 53, 53, peer),
            2 => In(id, "icmp", 8, -1, peer),
            _ => In(id, "tcp", from, from + random.Next(0, 200), peer),
        };
        return random.Next(2) == 0 ? rule : rule with { Direction = Direction.Outbound };
    }

    private static NetworkInterface RandomEni(Random random, string id) =>
        Eni(id, $"10.0.{random.Next(4)}.{random.Next(1, 250)}", [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => $"sg-{random.Next(6)}").Distinct()]);

    private static Estate Edit(Estate estate, Random random)
    {
        var group = estate.Groups[random.Next(estate.Groups.Length)];
        var eniIndex = random.Next(estate.NetworkInterfaces.Length);
        return random.Next(9) switch
        {
            8 => estate with { Groups = estate.Groups.Remove(group) },
            5 => estate with { PrefixLists = [PrefixList($"10.0.{random.Next(4)}.0/24")] },
            6 => estate.WithGroup(group with { Rules = [.. group.Rules.Select(r => r with { FromPort = r.Protocol.HasPorts ? r.FromPort + 1 : r.FromPort })] }),
            // The same content in new arrays: the diff must compare by content, not by reference.
            7 => estate with
            {
                Groups = [.. estate.Groups.Select(g => g with { Rules = [.. g.Rules] })],
                NetworkInterfaces = [.. estate.NetworkInterfaces.Select(e => e with { GroupIds = [.. e.GroupIds], PrivateIps = [.. e.PrivateIps] })],
            },
            0 => estate.WithGroup(group with { Rules = group.Rules.Add(RandomRule(random, $"sgr-new-{random.Next()}")) }),
            1 when group.Rules.Length > 0 => estate.WithGroup(group with { Rules = group.Rules.RemoveAt(random.Next(group.Rules.Length)) }),
            2 => estate with { NetworkInterfaces = estate.NetworkInterfaces.SetItem(eniIndex, RandomEni(random, estate.NetworkInterfaces[eniIndex].Id)) },
            3 => estate with { NetworkInterfaces = estate.NetworkInterfaces.RemoveAt(eniIndex) },
            _ => estate with { NetworkInterfaces = estate.NetworkInterfaces.Add(RandomEni(random, $"eni-new-{random.Next()}")) },
        };
    }
}
