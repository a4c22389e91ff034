namespace SgDesigner.Core.Reachability;

public sealed partial class TrafficSet
{
    /// <summary>
    /// The set holding, per protocol number 0..255, the values in <paramref name="perProtocol"/> (tcp/udp ports, icmp
    /// type × 256 + code; for other protocols any non-empty array means every packet). Null or empty entries are absent.
    /// </summary>
    internal static TrafficSet OfProtocols(PortRange[]?[] perProtocol)
    {
        var protocols = new List<int>();
        var ranges = new List<PortRange[]>();
        for (var p = 0; p < ProtocolCount && p < perProtocol.Length; p++)
        {
            if (perProtocol[p] is not { Length: > 0 } r)
                continue;
            var protocol = new Model.IpProtocol(p);
            protocols.Add(p);
            ranges.Add(protocol.HasPorts || protocol.IsIcmp ? r : RangeSets.Full);
        }
        if (protocols.Count == 0)
            return Empty;
        if (protocols.Count == ProtocolCount && ranges.TrueForAll(RangeSets.IsFull))
            return All;
        return new TrafficSet(false, [.. protocols], [.. ranges]);
    }
}
