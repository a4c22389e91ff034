using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>One ACL's rules of one direction, sorted by number once: first match wins.</summary>
internal sealed class AclRules
{
    public AclRules(NetworkAcl acl, Direction direction)
    {
        Acl = acl;
        Direction = direction;
        var entries = acl.Entries(direction);
        Sorted = entries.IsDefault ? [] : [.. entries.OrderBy(e => e.RuleNumber)];
        _blocks = [.. Sorted.Select(e => (e.Cidr.Family, ~(e.Cidr.Last.Value ^ e.Cidr.Network), e.Cidr.Network))];
    }

    // Each rule's block as family, mask and network: a query tests a few rules of each ACL on its path, and working the
    // mask out of the prefix length each time (UInt128 shifts) cost more than the test.
    private readonly (IpFamily Family, UInt128 Mask, UInt128 Network)[] _blocks;

    private bool Holds(int rule, IpAddress ip)
    {
        var (family, mask, network) = _blocks[rule];
        return ip.Family == family && (ip.Value & mask) == network;
    }

    public NetworkAcl Acl { get; }

    public Direction Direction { get; }

    public NetworkAclEntry[] Sorted { get; }

    /// <summary>
    /// Where in <see cref="Sorted"/> the first rule matching a packet to/from <paramref name="ip"/> (the peer side) is,
    /// or -1: the final * denies.
    /// </summary>
    public int FirstMatchAt(IpAddress ip, Traffic traffic)
    {
        for (var i = 0; i < Sorted.Length; i++)
        {
            if (Matches(i, ip, traffic.Protocol) && MatchesDetail(Sorted[i], traffic))
                return i;
        }
        return -1;
    }

    /// <summary>
    /// tcp/udp to every port of <paramref name="ports"/>: the rule deciding each stretch, in port order
    /// (the rule as its place in <see cref="Sorted"/>; -1 is the final * deny).
    /// </summary>
    public List<(PortRange Ports, int Rule)> Decide(IpAddress ip, IpProtocol protocol, PortRange ports)
    {
        var undecided = new List<PortRange> { ports };
        var decided = new List<(PortRange, int)>();
        for (var i = 0; i < Sorted.Length; i++)
        {
            if (undecided.Count == 0)
                break;
            if (!Matches(i, ip, protocol))
                continue;
            var e = Sorted[i];
            var covered = e.Protocol.IsAll || e.FromPort == -1 && e.ToPort == -1 ? PortRange.Full : new PortRange(e.FromPort, e.ToPort);
            var rest = new List<PortRange>();
            foreach (var u in undecided)
            {
                var from = Math.Max(u.From, covered.From);
                var to = Math.Min(u.To, covered.To);
                if (from > to)
                {
                    rest.Add(u);
                    continue;
                }
                decided.Add((new PortRange(from, to), i));
                if (u.From < from)
                    rest.Add(new PortRange(u.From, from - 1));
                if (to < u.To)
                    rest.Add(new PortRange(to + 1, u.To));
            }
            undecided = rest;
        }
        decided.AddRange(undecided.Select(u => (u, -1)));
        return [.. decided.OrderBy(d => d.Item1.From)];
    }

    /// <summary>
    /// Which rules' blocks hold <paramref name="ip"/>, one bit per rule in <see cref="Sorted"/> order: addresses with the
    /// same bits are decided alike (<see cref="Decide"/>). Null for more than 64 rules.
    /// </summary>
    public ulong? BlocksHolding(IpAddress ip)
    {
        if (Sorted.Length > 64)
            return null;
        var bits = 0UL;
        for (var i = 0; i < Sorted.Length; i++)
        {
            if (Holds(i, ip))
                bits |= 1UL << i;
        }
        return bits;
    }

    private bool Matches(int rule, IpAddress ip, IpProtocol protocol) =>
        (Sorted[rule].Protocol.IsAll || Sorted[rule].Protocol.Number == protocol.Number) && Holds(rule, ip);

    private static bool MatchesDetail(NetworkAclEntry e, Traffic traffic)
    {
        if (e.Protocol.IsAll)
            return true;
        if (e.Protocol.HasPorts)
            return e.FromPort == -1 && e.ToPort == -1 || e.FromPort <= traffic.Port && traffic.Port <= e.ToPort;
        if (e.Protocol.IsIcmp)
            return (e.FromPort == -1 || e.FromPort == traffic.IcmpType) && (e.ToPort == -1 || e.ToPort == traffic.IcmpCode);
        return true;
    }
}
