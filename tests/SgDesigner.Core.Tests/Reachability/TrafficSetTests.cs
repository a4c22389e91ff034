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

    // The matrix interns its cells by value and the fold compares them by reference: a result equal to an input is that
    // input (and nothing is allocated for it), whichever way it was reached.
    [Fact]
    public void AResultEqualToAnInputIsThatInput()
    {
        var wide = Ports("tcp", 0, 1000).Union(Ports("udp", 53, 53));
        var narrow = Ports("tcp", 80, 443);
        Assert.Same(wide, wide.Union(narrow));
        Assert.Same(wide, narrow.Union(wide));
        Assert.Same(narrow, wide.Intersect(narrow));
        Assert.Same(narrow, narrow.Intersect(wide));
        Assert.Same(narrow, narrow.Except(Ports("udp", 80, 443)));
        var twin = Ports("tcp", 0, 1000).Union(Ports("udp", 53, 53));
        Assert.Same(wide, wide.Union(twin));
        Assert.Same(wide, wide.Intersect(twin));
        // A result equal to neither is new, and right.
        var joined = narrow.Union(Ports("tcp", 444, 500));
        Assert.Equal(Ports("tcp", 80, 500), joined);
        Assert.Equal(Ports("tcp", 100, 200).Union(Ports("udp", 53, 53)), wide.Intersect(Ports("tcp", 100, 200).Union(Ports("udp", 0, 65535))));
        Assert.True(Ports("tcp", 0, 65535).Union(TrafficSet.All.Except(Ports("tcp", 0, 65535))).IsAll);
    }
}
