using System.Collections.Immutable;
using System.Globalization;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>An ICMP type and code; -1 means any (cli.md's <c>[type, code]</c> pairs).</summary>
/// <param name="Type">ICMP type 0..255, or -1 for any type (then the code is -1 too).</param>
/// <param name="Code">ICMP code 0..255, or -1 for any code.</param>
public readonly record struct IcmpTypeCode(int Type, int Code)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Type == -1 ? "any" : Type)}/{(Code == -1 ? "any" : Code)}");
}

/// <summary>
/// One protocol's part of a <see cref="TrafficSet"/>, as printed in a matrix cell (cli.md "sgd matrix").
/// </summary>
/// <param name="Protocol"><see cref="IpProtocol.All"/> for every protocol (then the only entry), or one protocol.</param>
/// <param name="Ports">tcp/udp: sorted, merged destination-port ranges; empty otherwise.</param>
/// <param name="IcmpTypes">icmp/icmpv6: the allowed type/code pairs with -1 wildcards; empty otherwise.</param>
public sealed record TrafficSetEntry(IpProtocol Protocol, ImmutableArray<PortRange> Ports, ImmutableArray<IcmpTypeCode> IcmpTypes)
{
    /// <inheritdoc />
    public override string ToString() => Protocol switch
    {
        { IsAll: true } => "all",
        { HasPorts: true } => $"{Protocol} {string.Join(",", Ports)}",
        { IsIcmp: true } => $"{Protocol} {string.Join(",", IcmpTypes)}",
        _ => $"protocol {Protocol.Number}",
    };
}

public sealed partial class TrafficSet
{
    /// <summary>
    /// The set, protocol by protocol in ascending number order: a single <c>all</c> entry when it holds everything.
    /// </summary>
    public IEnumerable<TrafficSetEntry> Entries
    {
        get
        {
            if (_all)
            {
                yield return new TrafficSetEntry(IpProtocol.All, [], []);
                yield break;
            }
            for (var i = 0; i < _protocols.Length; i++)
            {
                var protocol = new IpProtocol(_protocols[i]);
                if (protocol.HasPorts)
                    yield return new TrafficSetEntry(protocol, [.. _ranges[i]], []);
                else if (protocol.IsIcmp)
                    yield return new TrafficSetEntry(protocol, [], IcmpPairs(_ranges[i]));
                else
                    yield return new TrafficSetEntry(protocol, [], []);
            }
        }
    }

    /// <summary>Decodes type × 256 + code ranges into [type, code] pairs, using -1 where a whole type (or all) is covered.</summary>
    private static ImmutableArray<IcmpTypeCode> IcmpPairs(PortRange[] ranges)
    {
        if (RangeSets.IsFull(ranges))
            return [new IcmpTypeCode(-1, -1)];
        var pairs = ImmutableArray.CreateBuilder<IcmpTypeCode>();
        foreach (var r in ranges)
        {
            for (var type = r.From >> 8; type <= r.To >> 8; type++)
            {
                var codeFrom = type == r.From >> 8 ? r.From & 255 : 0;
                var codeTo = type == r.To >> 8 ? r.To & 255 : 255;
                if (codeFrom == 0 && codeTo == 255)
                    pairs.Add(new IcmpTypeCode(type, -1));
                else
                {
                    for (var code = codeFrom; code <= codeTo; code++)
                        pairs.Add(new IcmpTypeCode(type, code));
                }
            }
        }
        return pairs.ToImmutable();
    }

    /// <summary>e.g. "tcp 22,80-443; udp 53; icmp 8/0; protocol 50", "all" or "nothing".</summary>
    public override string ToString() => IsEmpty ? "nothing" : string.Join("; ", Entries);
}
