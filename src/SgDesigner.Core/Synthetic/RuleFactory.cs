using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Synthetic;

/// <summary>
/// Writes the rules of a synthetic estate within an exact budget: first each group's structural rules
/// (load balancer open on 443 to the world, tier-to-tier references, self-references, default egress),
/// then random rules in the proportions of real estates: most reference other groups, the rest are CIDRs
/// of many prefix lengths (office ranges, partner /32s, VPC-internal /16../24), with a few IPv6, ICMP and
/// other-protocol rules. Keeps each group within the per-direction rule quota, raising it only when the
/// budget cannot fit otherwise (AWS quotas are adjustable).
/// </summary>
internal sealed class RuleFactory
{
    private static readonly (int From, int To)[] ServicePorts =
        [(443, 443), (443, 443), (8080, 8080), (8443, 8443), (9000, 9100), (5432, 5432), (3306, 3306), (6379, 6379),
         (27017, 27017), (9092, 9092), (2181, 2181), (11211, 11211), (8000, 8999), (22, 22), (80, 80), (1024, 65535)];

    private readonly Random _random;
    private readonly AddressPlan _plan;
    private readonly List<PlannedGroup> _groups;
    private readonly List<PlannedGroup>[] _groupsByVpc;
    private readonly List<Rule>[] _rules;
    private readonly HashSet<(int Group, Direction Direction, IpProtocol Protocol, int From, int To, Peer Peer)> _seen = [];
    private readonly int[] _inbound;
    private readonly int[] _outbound;
    private readonly Cidr[] _offices;
    private List<Subnet>[]? _subnetsByVpc;
    private int _budget;
    private int _nextRuleId;

    public RuleFactory(Random random, AddressPlan plan, List<PlannedGroup> groups, int budget)
    {
        _random = random;
        _plan = plan;
        _groups = groups;
        _budget = budget;
        _groupsByVpc = [.. Enumerable.Range(0, plan.Vpcs.Length).Select(v => groups.Where(g => g.Vpc == v).ToList())];
        _rules = [.. groups.Select(_ => new List<Rule>())];
        _inbound = new int[groups.Count];
        _outbound = new int[groups.Count];
        _offices = [.. Enumerable.Range(0, 8).Select(i => i % 2 == 0
            ? V4(192, 168, (uint)_random.Next(256), 0, _random.Next(22, 25))
            : V4(172, (uint)_random.Next(16, 32), (uint)_random.Next(256), 0, _random.Next(20, 24)))];
    }

    /// <summary>The per-direction quota that every group respects.</summary>
    public int Quota { get; private set; } = Quotas.Default.RulesPerDirection;

    public ImmutableArray<Rule> RulesOf(int group) => [.. _rules[group]];

    public void Write()
    {
        var byRole = _groups.Where(g => g.IsTier).ToDictionary(g => (g.App, g.Role));
        var shared = _groups.Where(g => !g.IsTier).ToDictionary(g => (g.Vpc, g.Role));
        foreach (var g in _groups)
            WriteStructural(g, role => g.IsTier ? byRole.GetValueOrDefault((g.App, role)) : shared.GetValueOrDefault((g.Vpc, role)));
        while (_budget > 0)
            WriteRandom(PickGroupWithRoom());
    }

    private void WriteStructural(PlannedGroup g, Func<GroupRole, PlannedGroup?> sibling)
    {
        var anyV4 = new CidrPeer(Cidr.AnyV4);
        switch (g.Role)
        {
            case GroupRole.Lb:
                Add(g, Direction.Inbound, IpProtocol.Tcp, 443, 443, anyV4, "HTTPS from the internet");
                Add(g, Direction.Inbound, IpProtocol.Tcp, 80, 80, anyV4, "HTTP redirect");
                Add(g, Direction.Inbound, IpProtocol.Tcp, 443, 443, new CidrPeer(Cidr.AnyV6), "HTTPS over IPv6");
                break;
            case GroupRole.Web:
                if (sibling(GroupRole.Lb) is { } lb)
                    Add(g, Direction.Inbound, IpProtocol.Tcp, 8080, 8080, new GroupPeer(lb.Id), "from the load balancer");
                else
                    Add(g, Direction.Inbound, IpProtocol.Tcp, 443, 443, new CidrPeer(Office()), "from the office");
                break;
            case GroupRole.App:
                if (sibling(GroupRole.Web) is { } web)
                    Add(g, Direction.Inbound, IpProtocol.Tcp, 8443, 8443, new GroupPeer(web.Id), "API from web");
                Add(g, Direction.Inbound, IpProtocol.Tcp, 7000, 7100, new GroupPeer(g.Id), "cluster gossip");
                break;
            case GroupRole.Db:
                if (sibling(GroupRole.App) is { } app)
                    Add(g, Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(app.Id), "PostgreSQL from app");
                Add(g, Direction.Inbound, IpProtocol.All, -1, -1, new GroupPeer(g.Id), "replication");
                break;
            case GroupRole.Cache:
                if (sibling(GroupRole.App) is { } client)
                    Add(g, Direction.Inbound, IpProtocol.Tcp, 6379, 6379, new GroupPeer(client.Id), "Redis from app");
                Add(g, Direction.Inbound, IpProtocol.Tcp, 16379, 16379, new GroupPeer(g.Id), "Redis cluster bus");
                break;
            case GroupRole.Bastion:
                Add(g, Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(_offices[0]), "SSH from the office");
                Add(g, Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(_offices[1]), "SSH from the VPN");
                break;
            case GroupRole.SshFromBastion:
                if (sibling(GroupRole.Bastion) is { } bastion)
                    Add(g, Direction.Inbound, IpProtocol.Tcp, 22, 22, new GroupPeer(bastion.Id), "SSH via the bastion");
                break;
            case GroupRole.Monitoring:
                Add(g, Direction.Inbound, IpProtocol.Tcp, 9090, 9090, new CidrPeer(_offices[0]), "Prometheus UI");
                break;
            case GroupRole.Monitored:
                if (sibling(GroupRole.Monitoring) is { } monitoring)
                {
                    Add(g, Direction.Inbound, IpProtocol.Tcp, 9100, 9100, new GroupPeer(monitoring.Id), "node exporter");
                    Add(g, Direction.Inbound, IpProtocol.Icmp, 8, -1, new GroupPeer(monitoring.Id), "ping from monitoring");
                }
                break;
            case GroupRole.Default:
                Add(g, Direction.Inbound, IpProtocol.All, -1, -1, new GroupPeer(g.Id), null);
                break;
        }
        // AWS gives every new group allow-all egress; data stores are commonly locked down to the VPC.
        if (g.Role is GroupRole.Db or GroupRole.Cache)
            Add(g, Direction.Outbound, IpProtocol.Tcp, 443, 443, new CidrPeer(_plan.VpcBlock(g.Vpc)), "AWS APIs in the VPC");
        else if (g.Role is not (GroupRole.SshFromBastion or GroupRole.Monitored))
            Add(g, Direction.Outbound, IpProtocol.All, -1, -1, anyV4, null);
    }

    private void WriteRandom(PlannedGroup g)
    {
        var roll = _random.NextDouble();
        var (from, to) = ServicePorts[_random.Next(ServicePorts.Length)];
        if (from == 1024)
            from = to = _random.Next(1024, 65536);
        var protocol = _random.NextDouble() < 0.1 ? IpProtocol.Udp : IpProtocol.Tcp;
        var direction = _random.NextDouble() < 0.25 ? Direction.Outbound : Direction.Inbound;
        if (roll < 0.55)
            Add(g, direction, protocol, from, to, new GroupPeer(OtherGroup(g).Id), "service call");
        else if (roll < 0.62)
            Add(g, Direction.Inbound, protocol, from, to, new GroupPeer(g.Id), "peers of the same group");
        else if (roll < 0.92)
            Add(g, direction, protocol, from, to, new CidrPeer(RandomV4Block(g)), "network range");
        else if (roll < 0.95)
            Add(g, Direction.Inbound, IpProtocol.Tcp, from, to, new CidrPeer(RandomV6Block()), "IPv6 partner");
        else if (roll < 0.98)
            AddIcmp(g);
        else
            Add(g, Direction.Inbound, new IpProtocol(_random.NextDouble() < 0.5 ? 50 : 47), -1, -1, new CidrPeer(Partner(32, 32)), "VPN tunnel");
    }

    private void AddIcmp(PlannedGroup g)
    {
        switch (_random.Next(4))
        {
            case 0: Add(g, Direction.Inbound, IpProtocol.Icmp, 8, -1, new CidrPeer(_plan.VpcBlock(g.Vpc)), "ping in the VPC"); break;
            case 1: Add(g, Direction.Inbound, IpProtocol.Icmp, 3, 4, new CidrPeer(Cidr.AnyV4), "path MTU discovery"); break;
            case 2: Add(g, Direction.Inbound, IpProtocol.Icmp, -1, -1, new CidrPeer(Office()), "ICMP from the office"); break;
            default: Add(g, Direction.Inbound, IpProtocol.IcmpV6, -1, -1, new CidrPeer(Cidr.AnyV6), "ICMPv6"); break;
        }
    }

    private Cidr RandomV4Block(PlannedGroup g)
    {
        var roll = _random.NextDouble();
        if (roll < 0.3)
            return Office();
        if (roll < 0.55)
            return Partner(24, 32);
        _subnetsByVpc ??= [.. _plan.Vpcs.Select(v => _plan.Subnets.Where(s => s.VpcId == v.Id).ToList())];
        if (roll < 0.9 && _subnetsByVpc[g.Vpc] is { Count: > 0 } subnets)
        {
            // "allow from that subnet" and its supernets, /16 down to the /24 itself; now and then one host.
            var subnet = subnets[_random.Next(subnets.Count)];
            return _random.NextDouble() < 0.05
                ? Cidr.Host(new IpAddress(IpFamily.V4, subnet.Cidr.Network + (UInt128)_random.Next(4, 255)))
                : new Cidr(subnet.Cidr.First, _random.Next(16, 25));
        }
        return roll < 0.95 ? V4(10, 0, 0, 0, 8) : _plan.VpcBlock(g.Vpc);
    }

    private Cidr Office() => _offices[_random.Next(_offices.Length)];

    // Public space outside the RFC 1918 ranges: 20.0.0.0 .. 199.255.255.255.
    private Cidr Partner(int minPrefix, int maxPrefix) =>
        new(new IpAddress(IpFamily.V4, (UInt128)(uint)_random.NextInt64(20L << 24, 200L << 24)), _random.Next(minPrefix, maxPrefix + 1));

    private Cidr RandomV6Block() => _random.Next(5) == 0
        ? Cidr.AnyV6
        : new Cidr(new IpAddress(IpFamily.V6, ((UInt128)0x2001_0db8UL << 96) | ((UInt128)(uint)_random.Next(65536) << 80)), _random.NextDouble() < 0.5 ? 48 : 64);

    private PlannedGroup OtherGroup(PlannedGroup g)
    {
        // Group references work across the peering to the shared-services VPC (semantics.md, peering).
        var vpc = _plan.Vpcs.Length > 1 && _random.NextDouble() < 0.1 ? (g.Vpc == 0 ? _random.Next(_plan.Vpcs.Length) : 0) : g.Vpc;
        var candidates = _groupsByVpc[vpc];
        return candidates.Count == 0 ? g : candidates[_random.Next(candidates.Count)];
    }

    private PlannedGroup PickGroupWithRoom()
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var g = _groups[_random.Next(_groups.Count)];
            if (_inbound[g.Index] < Quota && _outbound[g.Index] < Quota)
                return g;
        }
        var free = _groups.FirstOrDefault(g => _inbound[g.Index] < Quota && _outbound[g.Index] < Quota);
        if (free is not null)
            return free;
        Quota += Quotas.Default.RulesPerDirection;
        return PickGroupWithRoom();
    }

    private void Add(PlannedGroup g, Direction direction, IpProtocol protocol, int from, int to, Peer peer, string? description)
    {
        var counts = direction == Direction.Inbound ? _inbound : _outbound;
        // AWS refuses a rule that repeats another's traffic and peer (InvalidPermission.Duplicate).
        if (_budget == 0 || counts[g.Index] >= Quota || !_seen.Add((g.Index, direction, protocol, from, to, peer)))
            return;
        _budget--;
        counts[g.Index]++;
        _rules[g.Index].Add(new Rule($"sgr-{++_nextRuleId:x17}", direction, protocol, from, to, peer, description));
    }

    private static Cidr V4(uint a, uint b, uint c, uint d, int prefix) =>
        new(new IpAddress(IpFamily.V4, a << 24 | b << 16 | c << 8 | d), prefix);
}
