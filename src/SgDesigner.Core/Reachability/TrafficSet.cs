using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// An immutable set of traffic: every protocol and port (<see cref="All"/>), or per protocol a set of
/// merged ranges. tcp/udp ranges are destination ports; icmp/icmpv6 values are encoded as
/// <c>type × 256 + code</c> so that "type 3, any code" is one range; other protocols are either
/// present (every packet of that protocol) or absent.
/// </summary>
/// <remarks>The representation is canonical, so structural equality is set equality.</remarks>
public sealed partial class TrafficSet : IEquatable<TrafficSet>
{
    private const int ProtocolCount = 256;
    private readonly bool _all;
    private readonly int[] _protocols;      // sorted protocol numbers with a non-empty set
    private readonly PortRange[][] _ranges; // canonical ranges per entry of _protocols

    private TrafficSet(bool all, int[] protocols, PortRange[][] ranges)
    {
        _all = all;
        _protocols = protocols;
        _ranges = ranges;
    }

    /// <summary>No traffic.</summary>
    public static TrafficSet Empty { get; } = new(false, [], []);

    /// <summary>Every protocol, port, ICMP type and code.</summary>
    public static TrafficSet All { get; } = new(true, [], []);

    /// <summary>True when the set holds nothing.</summary>
    public bool IsEmpty => !_all && _protocols.Length == 0;

    /// <summary>True when the set holds every kind of traffic.</summary>
    public bool IsAll => _all;

    /// <summary>What <paramref name="rule"/> allows, for either address family.</summary>
    /// <remarks>ICMP type -1 with a code other than -1 is invalid in AWS and matches nothing (semantics.md).</remarks>
    public static TrafficSet Of(Rule rule) => Of(rule.Protocol, rule.FromPort, rule.ToPort);

    /// <summary>
    /// What <paramref name="rule"/> allows for traffic of <paramref name="family"/>: icmp exists only
    /// in IPv4 traffic and icmpv6 only in IPv6 traffic.
    /// </summary>
    public static TrafficSet Of(Rule rule, IpFamily family) =>
        rule.Protocol.Number == 1 && family != IpFamily.V4 || rule.Protocol.Number == 58 && family != IpFamily.V6
            ? Empty
            : Of(rule);

    /// <summary>What a rule of <paramref name="protocol"/> with those from/to numbers allows.</summary>
    public static TrafficSet Of(IpProtocol protocol, int fromPort, int toPort)
    {
        if (protocol.IsAll)
            return All;
        if (protocol.Number is < 0 or >= ProtocolCount)
            return Empty;
        if (protocol.HasPorts)
        {
            // AWS writes "all ports" of tcp/udp as 0-65535; -1/-1 appears in some exports and means the same.
            if (fromPort == -1 && toPort == -1)
                return Single(protocol.Number, RangeSets.Full);
            var from = Math.Max(fromPort, 0);
            var to = Math.Min(toPort, 65535);
            return from > to ? Empty : Single(protocol.Number, [new PortRange(from, to)]);
        }
        if (protocol.IsIcmp)
            return Single(protocol.Number, IcmpRanges(fromPort, toPort));
        return Single(protocol.Number, RangeSets.Full);
    }

    /// <summary>The set holding exactly one concrete connection.</summary>
    public static TrafficSet Of(Traffic traffic)
    {
        var p = traffic.Protocol;
        if (p.IsAll)
            return All;
        if (p.HasPorts)
            return Of(p, traffic.Port, traffic.Port);
        if (p.IsIcmp)
            return Of(p, traffic.IcmpType, traffic.IcmpCode);
        return Of(p, -1, -1);
    }

    private static PortRange[] IcmpRanges(int type, int code)
    {
        if (type == -1)
            return code == -1 ? RangeSets.Full : RangeSets.Empty;
        if (type is < 0 or > 255 || code is < -1 or > 255)
            return RangeSets.Empty;
        return code == -1
            ? [new PortRange(type * 256, type * 256 + 255)]
            : [new PortRange(type * 256 + code, type * 256 + code)];
    }

    private static TrafficSet Single(int protocol, PortRange[] ranges) =>
        ranges.Length == 0 ? Empty : new(false, [protocol], [ranges]);

    /// <summary>True when <paramref name="traffic"/> is in the set.</summary>
    public bool Contains(Traffic traffic)
    {
        if (_all)
            return true;
        var p = traffic.Protocol;
        if (p.IsAll)
            return false;
        var i = Array.BinarySearch(_protocols, p.Number);
        if (i < 0)
            return false;
        var ranges = _ranges[i];
        if (p.HasPorts)
            return RangeSets.Covers(ranges, traffic.Port, traffic.Port);
        if (p.IsIcmp)
        {
            var wanted = IcmpRanges(traffic.IcmpType, traffic.IcmpCode);
            return wanted.Length == 1 && RangeSets.Covers(ranges, wanted[0].From, wanted[0].To);
        }
        return true;
    }

    /// <summary>Traffic in this set or in <paramref name="other"/>.</summary>
    public TrafficSet Union(TrafficSet other)
    {
        if (_all || other.IsEmpty || ReferenceEquals(this, other))
            return this;
        if (other._all || IsEmpty)
            return other;
        // An input that already held everything is handed back (Combine), so equal cells share one object.
        return Combine(other, RangeSets.Union, keepLeftOnly: true, keepRightOnly: true);
    }

    /// <summary>Traffic in both sets.</summary>
    public TrafficSet Intersect(TrafficSet other)
    {
        if (_all || ReferenceEquals(this, other) || other.IsEmpty)
            return other;
        if (other._all || IsEmpty)
            return this;
        return Combine(other, RangeSets.Intersect, keepLeftOnly: false, keepRightOnly: false);
    }

    /// <summary>Traffic in this set but not in <paramref name="other"/>.</summary>
    public TrafficSet Except(TrafficSet other)
    {
        if (other.IsEmpty || IsEmpty)
            return this;
        if (other._all || ReferenceEquals(this, other))
            return Empty;
        return Expanded().Combine(other, RangeSets.Except, keepLeftOnly: true, keepRightOnly: false);
    }

    /// <summary>True when every traffic of <paramref name="other"/> is in this set.</summary>
    public bool IsSupersetOf(TrafficSet other) => other.Except(this).IsEmpty;

    /// <summary>True when the two sets share some traffic.</summary>
    public bool Overlaps(TrafficSet other) => !Intersect(other).IsEmpty;

    // "All" spelled out per protocol, so that Except can remove parts of it.
    private TrafficSet Expanded()
    {
        if (!_all)
            return this;
        var protocols = new int[ProtocolCount];
        var ranges = new PortRange[ProtocolCount][];
        for (var p = 0; p < ProtocolCount; p++)
        {
            protocols[p] = p;
            ranges[p] = RangeSets.Full;
        }
        return new TrafficSet(false, protocols, ranges);
    }

    // The entries of the set being combined, per thread: most combinations give back one of their inputs (the walker's
    // unions and intersections of rule sets mostly do), and then nothing is allocated.
    [ThreadStatic]
    private static PortRange[][]? _scratch;

    // Protocol by protocol; an input is handed back when the result is that input (the range operations hand back an
    // input array when the result equals it, so comparing references per protocol is enough).
    private TrafficSet Combine(TrafficSet other, Func<PortRange[], PortRange[], PortRange[]> op, bool keepLeftOnly, bool keepRightOnly)
    {
        Span<int> protocols = stackalloc int[_protocols.Length + other._protocols.Length];
        var ranges = _scratch ??= new PortRange[2 * ProtocolCount][];
        var count = 0;
        bool asLeft = true, asRight = true;
        int i = 0, j = 0;
        while (i < _protocols.Length || j < other._protocols.Length)
        {
            var left = i < _protocols.Length ? _protocols[i] : int.MaxValue;
            var right = j < other._protocols.Length ? other._protocols[j] : int.MaxValue;
            PortRange[] result;
            int protocol;
            if (left == right)
            {
                protocol = left;
                result = op(_ranges[i++], other._ranges[j++]);
            }
            else if (left < right)
            {
                protocol = left;
                result = _ranges[i++];
                if (!keepLeftOnly)
                    continue;
            }
            else
            {
                protocol = right;
                result = other._ranges[j++];
                if (!keepRightOnly)
                    continue;
            }
            if (result.Length == 0)
                continue;
            asLeft &= count < _protocols.Length && _protocols[count] == protocol && ReferenceEquals(_ranges[count], result);
            asRight &= count < other._protocols.Length && other._protocols[count] == protocol && ReferenceEquals(other._ranges[count], result);
            protocols[count] = protocol;
            ranges[count++] = result;
        }
        var made = asLeft && count == _protocols.Length ? this
            : asRight && count == other._protocols.Length ? other
            : count == 0 ? Empty
            : count == ProtocolCount && AllFull(ranges.AsSpan(0, count)) ? All
            : new TrafficSet(false, protocols[..count].ToArray(), ranges.AsSpan(0, count).ToArray());
        ranges.AsSpan(0, count).Clear(); // keeps no set alive
        return made;
    }

    private static bool AllFull(ReadOnlySpan<PortRange[]> ranges)
    {
        foreach (var r in ranges)
        {
            if (!RangeSets.IsFull(r))
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public bool Equals(TrafficSet? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is null || _all != other._all || !_protocols.AsSpan().SequenceEqual(other._protocols))
            return false;
        for (var i = 0; i < _ranges.Length; i++)
        {
            if (!RangeSets.SequenceEqual(_ranges[i], other._ranges[i]))
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TrafficSet other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_all);
        for (var i = 0; i < _protocols.Length; i++)
        {
            hash.Add(_protocols[i]);
            foreach (var r in _ranges[i])
                hash.Add(r);
        }
        return hash.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(TrafficSet? left, TrafficSet? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(TrafficSet? left, TrafficSet? right) => !(left == right);
}
