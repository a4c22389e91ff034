using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Tests.Reachability;

public class TrafficSetTests
{
    private static TrafficSet Ports(string protocol, int from, int to) => TrafficSet.Of(IpProtocol.Parse(protocol).Value, from, to);

    [Fact]
    public void UnionMergesOverlappingAndAdjacentPortRanges()
    {
        var set = Ports("tcp", 80, 90).Union(Ports("tcp", 91, 100)).Union(Ports("tcp", 95, 443)).Union(Ports("tcp", 22, 22));
        var entry = Assert.Single(set.Entries);
        Assert.Equal([new PortRange(22, 22), new PortRange(80, 443)], entry.Ports);
    }

    [Fact]
    public void EqualSetsBuiltDifferentlyAreEqual()
    {
        var a = Ports("udp", 1, 10).Union(Ports("udp", 11, 20));
        var b = Ports("udp", 1, 20);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Ports("tcp", 1, 20));
    }

    [Fact]
    public void AllExceptOnePortKeepsEverythingElse()
    {
        var set = TrafficSet.All.Except(TrafficSet.Of(Traffic.Tcp(22)));
        Assert.False(set.Contains(Traffic.Tcp(22)));
        Assert.True(set.Contains(Traffic.Tcp(21)));
        Assert.True(set.Contains(Traffic.Udp(22)));
        Assert.True(set.Contains(Traffic.Other(50)));
        Assert.False(set.IsAll);
        Assert.True(set.Union(TrafficSet.Of(Traffic.Tcp(22))).IsAll);
    }

    [Fact]
    public void IcmpWildcardsPrintAsMinusOne()
    {
        var set = TrafficSet.Of(IpProtocol.Icmp, 8, 0).Union(TrafficSet.Of(IpProtocol.Icmp, 3, -1));
        var entry = Assert.Single(set.Entries);
        Assert.Equal([new IcmpTypeCode(3, -1), new IcmpTypeCode(8, 0)], entry.IcmpTypes);
        Assert.Equal([new IcmpTypeCode(-1, -1)], Assert.Single(TrafficSet.Of(IpProtocol.Icmp, -1, -1).Entries).IcmpTypes);
    }

    [Fact]
    public void IcmpTypeAnyWithASpecificCodeIsEmpty()
    {
        Assert.True(TrafficSet.Of(IpProtocol.Icmp, -1, 4).IsEmpty);
    }

    [Fact]
    public void IcmpContainsChecksTypeAndCode()
    {
        var set = TrafficSet.Of(IpProtocol.Icmp, 3, -1);
        Assert.True(set.Contains(Traffic.Icmp(3, 4)));
        Assert.False(set.Contains(Traffic.Icmp(8, 0)));
        Assert.False(set.Contains(Traffic.IcmpV6(3, 4)));
    }

    [Fact]
    public void OtherProtocolsAreAllOrNothingAndAllIsItsOnlyEntry()
    {
        var esp = TrafficSet.Of(Traffic.Other(50));
        Assert.True(esp.Contains(Traffic.Other(50)));
        Assert.False(esp.Contains(Traffic.Other(47)));
        Assert.Equal("protocol 50", esp.ToString());
        Assert.Equal(IpProtocol.All, Assert.Single(TrafficSet.All.Union(esp).Entries).Protocol);
    }

    [Fact]
    public void IntersectKeepsOnlyCommonRanges()
    {
        var set = Ports("tcp", 0, 1000).Union(Ports("udp", 53, 53)).Intersect(Ports("tcp", 443, 8080));
        Assert.Equal(Ports("tcp", 443, 1000), set);
        Assert.True(Ports("tcp", 1, 2).Intersect(Ports("udp", 1, 2)).IsEmpty);
    }

    [Fact]
    public void TcpMinusOnePortsMeanEveryPort()
    {
        Assert.Equal(Ports("tcp", 0, 65535), Ports("tcp", -1, -1));
    }

    [Fact]
    public void OverlapsSaysWhatTheIntersectionSays()
    {
        // Overlaps answers without building the intersection (the linter asks it per pair of behaviours); it must agree with it.
        var random = new Random(16);
        string[] protocols = ["tcp", "udp", "icmp", "50", "all"];
        TrafficSet Any()
        {
            var set = TrafficSet.Empty;
            for (var i = random.Next(0, 4); i > 0; i--)
            {
                var protocol = protocols[random.Next(protocols.Length)];
                var from = random.Next(0, 200);
                set = set.Union(protocol == "icmp" ? TrafficSet.Of(IpProtocol.Icmp, random.Next(0, 10), random.Next(-1, 3))
                    : Ports(protocol, from, from + random.Next(0, 50)));
            }
            return random.Next(8) == 0 ? set.Union(TrafficSet.All).Except(Ports("tcp", 20, 30)) : set;
        }
        for (var i = 0; i < 5_000; i++)
        {
            var (a, b) = (Any(), Any());
            Assert.Equal(!a.Intersect(b).IsEmpty, a.Overlaps(b));
            Assert.Equal(a.Overlaps(b), b.Overlaps(a));
        }
        Assert.True(Ports("tcp", 80, 90).Overlaps(Ports("tcp", 90, 100)));
        Assert.False(Ports("tcp", 80, 89).Overlaps(Ports("tcp", 90, 100)));
        Assert.False(TrafficSet.Empty.Overlaps(TrafficSet.All));
    }
}
