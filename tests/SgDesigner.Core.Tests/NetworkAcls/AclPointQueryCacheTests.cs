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

    [Fact]
    public void ClientsOfOneSubnetKeepTheirOwnPorts()
    {
        // b answers only to ports 1024-5000: a1, whose clients use them, gets its replies; a2 (Linux) in the same subnet does not.
        var low = new EphemeralPorts(EphemeralPortsKind.Custom, 1024, 5000);
        var estate = With(Acl("acl-b", "subnet-b", AllowAll, [Allow(100, "tcp", 1024, 5000, "0.0.0.0/0")])) with { Instances = Base(low).Instances };
        var engine = ReachabilityEngine.Build(estate);
        for (var i = 0; i < 2; i++)
        {
            var custom = engine.Query(At(estate, "eni-a1"), At(estate, "eni-b1"), Traffic.Tcp(22)).NetworkAcl!;
            var linux = engine.Query(At(estate, "eni-a2"), At(estate, "eni-b1"), Traffic.Tcp(22)).NetworkAcl!;
            Assert.Equal((AclOutcome.Allowed, low), (custom.Outcome, custom.ClientPorts));
            Assert.Equal((AclOutcome.Denied, EphemeralPorts.Linux), (linux.Outcome, linux.ClientPorts));
            Assert.Null(engine.Query(At(estate, "eni-a2"), At(estate, "eni-a1"), Traffic.Tcp(22)).NetworkAcl);
        }
    }

    [Fact]
    public void EnginesOfTwoEstatesSharingEnisAnswerEachForItsOwnAcls()
    {
        // An edit of an ACL keeps the ENIs' index entries, which keep what the last layer asked worked out: two engines
        // asked in turn must each answer with their own ACLs.
        var open = With(Acl("acl-b", "subnet-b", AllowAll, AllowAll));
        var closed = open with { NetworkAcls = [Acl("acl-b", "subnet-b", [Deny(50, "tcp", 22, 22, "0.0.0.0/0"), .. AllowAll], AllowAll)] };
        var before = ReachabilityEngine.Build(open);
        var after = before.Update(closed);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(before.Query(At(open, "eni-a1"), At(open, "eni-b1"), Traffic.Tcp(22)).Allowed);
            Assert.Equal(50, after.Query(At(closed, "eni-a1"), At(closed, "eni-b1"), Traffic.Tcp(22)).NetworkAcl!.Deciding!.RuleNumber);
        }
    }
}
