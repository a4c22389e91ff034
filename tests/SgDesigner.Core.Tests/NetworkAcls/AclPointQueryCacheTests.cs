using System.Collections.Concurrent;
using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using static SgDesigner.Core.Tests.Support.AclEstates;

namespace SgDesigner.Core.Tests.NetworkAcls;

/// <summary>
/// What a point query keeps between queries with network ACLs: the rules' decisions per port (<see cref="AclRules.PortsFor"/>,
/// bounded and shared by threads) and the sides ENIs of one subnet and client range share.
/// </summary>
public class AclPointQueryCacheTests
{
    private static IpAddress Ip(string text) => IpAddress.Parse(text).Value;

    // Rule n denies tcp port n from 10.0.9.n/32, then everything is allowed: each such peer is in its own set of blocks.
    private static AclRules ManyBlocks(int count)
    {
        ImmutableArray<NetworkAclEntry> entries = [.. Enumerable.Range(1, count).Select(n => Deny(n, "tcp", n, n, $"10.0.9.{n}/32")), Allow(1000, "-1", -1, -1, "0.0.0.0/0")];
        return new AclRules(new NetworkAcl("acl-many", "vpc-1", false, [], entries, entries), Direction.Inbound);
    }

    [Fact]
    public void ThePortsDecisionsKeptAreBoundedAndThoseNotKeptAreTheSame()
    {
        var rules = ManyBlocks(50);
        foreach (var protocol in new[] { IpProtocol.Tcp, IpProtocol.Udp })
        {
            for (var n = 1; n <= 50; n++)
            {
                var peer = Ip($"10.0.9.{n}");
                var ports = rules.PortsFor(peer, protocol);
                var expected = PortDecisions.Of(rules, peer, protocol);
                Assert.Equal(expected.Allowed, ports.Allowed);
                foreach (var port in new[] { 0, n - 1, n, n + 1, 65535 })
                    Assert.Equal(rules.FirstMatchAt(peer, new Traffic(protocol, port)), ports.RuleAt(port));
            }
        }
        // 100 sets of blocks and protocols asked, 64 kept; asking again gives the kept one.
        Assert.Equal(AclRules.MaxPortDecisions, rules.PortDecisionsKept);
        Assert.Same(rules.PortsFor(Ip("10.0.9.1"), IpProtocol.Tcp), rules.PortsFor(Ip("10.0.9.1"), IpProtocol.Tcp));
    }

    [Fact]
    public void PeersInTheSameBlocksShareOneKeptDecisionEvenAskedFromManyThreads()
    {
        var rules = ManyBlocks(3);
        // Four sets of blocks (10.0.9.1, .2, .3 and any other address) and two protocols.
        string[] peers = ["10.0.9.1", "10.0.9.2", "10.0.9.3", "10.0.8.7", "10.0.7.7"];
        var seen = new ConcurrentDictionary<(string, int), ConcurrentBag<PortDecisions>>();
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var peer = peers[i % peers.Length];
            var protocol = i % 2 == 0 ? IpProtocol.Tcp : IpProtocol.Udp;
            seen.GetOrAdd((peer, protocol.Number), _ => []).Add(rules.PortsFor(Ip(peer), protocol));
        });
        Assert.Equal(8, rules.PortDecisionsKept);
        // A thread that lost the race to keep its set answers with the one kept: each set has one answer.
        foreach (var ((peer, protocol), answers) in seen)
            Assert.All(answers, a => Assert.Same(rules.PortsFor(Ip(peer), new IpProtocol(protocol)), a));
        Assert.Same(rules.PortsFor(Ip("10.0.8.7"), IpProtocol.Tcp), rules.PortsFor(Ip("10.0.7.7"), IpProtocol.Tcp));
    }
}
