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
        _tests = [.. Sorted.Select(e => new RuleTest(~(e.Cidr.Last.Value ^ e.Cidr.Network), e.Cidr.Network, e.Cidr.Family, e.Protocol, e.FromPort, e.ToPort))];
    }

    // Each rule as a query tests it, side by side in one array (not the rules' objects): its block as mask, network and
    // family (working the mask out of the prefix length each time cost more than the test), protocol, and ports or ICMP
    // type and code. The 16-byte numbers first: 48 bytes a rule, not 64.
    private readonly record struct RuleTest(UInt128 Mask, UInt128 Network, IpFamily Family, IpProtocol Protocol, int From, int To);

    private readonly RuleTest[] _tests;

    private bool Holds(int rule, IpAddress ip)
    {
        ref readonly var t = ref _tests[rule];
        return ip.Family == t.Family && (ip.Value & t.Mask) == t.Network;
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
        for (var i = 0; i < _tests.Length; i++)
        {
            if (Matches(i, ip, traffic.Protocol) && MatchesDetail(in _tests[i], traffic))
                return i;
        }
        return -1;
    }

    /// <summary>
    /// What the rules make of every port of <paramref name="protocol"/> (tcp or udp) to or from <paramref name="peer"/>:
    /// kept per set of blocks holding the peer (peers in the same blocks are decided alike) and protocol, as a batch asks
    /// the same few again and again. Bounded: past <see cref="MaxPortDecisions"/> sets, or with more than 64 rules, it is
    /// worked out each time.
    /// </summary>
    public PortDecisions PortsFor(IpAddress peer, IpProtocol protocol)
    {
        if (BlocksHolding(peer) is not { } blocks)
            return PortDecisions.Of(this, peer, protocol);
        var known = Volatile.Read(ref _portDecisions);
        if (Find(known, blocks, protocol) is { } found)
            return found;
        var made = PortDecisions.Of(this, peer, protocol);
        // Copy on write: readers take the array as it is, without a lock; a writer that lost a race looks again.
        while (known.Length < MaxPortDecisions)
        {
            var seen = Interlocked.CompareExchange(ref _portDecisions, [.. known, (blocks, protocol.Number, made)], known);
            if (ReferenceEquals(seen, known))
                return made;
            known = seen;
            if (Find(known, blocks, protocol) is { } theirs)
                return theirs;
        }
        return made;
    }

    /// <summary>How many sets of blocks and protocols <see cref="PortsFor"/> keeps per rules.</summary>
    internal const int MaxPortDecisions = 64;

    private (ulong Blocks, int Protocol, PortDecisions Decisions)[] _portDecisions = [];

    /// <summary>How many <see cref="PortsFor"/> keeps (tests).</summary>
    internal int PortDecisionsKept => Volatile.Read(ref _portDecisions).Length;

    private static PortDecisions? Find((ulong Blocks, int Protocol, PortDecisions Decisions)[] known, ulong blocks, IpProtocol protocol)
    {
        foreach (var (b, p, decisions) in known)
        {
            if (b == blocks && p == protocol.Number)
                return decisions;
        }
        return null;
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
        if (_tests.Length > 64)
            return null;
        var bits = 0UL;
        for (var i = 0; i < _tests.Length; i++)
        {
            if (Holds(i, ip))
                bits |= 1UL << i;
        }
        return bits;
    }

    private bool Matches(int rule, IpAddress ip, IpProtocol protocol) =>
        (_tests[rule].Protocol.IsAll || _tests[rule].Protocol.Number == protocol.Number) && Holds(rule, ip);

    private static bool MatchesDetail(in RuleTest rule, Traffic traffic)
    {
        if (rule.Protocol.IsAll)
            return true;
        if (rule.Protocol.HasPorts)
            return rule.From == -1 && rule.To == -1 || rule.From <= traffic.Port && traffic.Port <= rule.To;
        if (rule.Protocol.IsIcmp)
            return (rule.From == -1 || rule.From == traffic.IcmpType) && (rule.To == -1 || rule.To == traffic.IcmpCode);
        return true;
    }
}
