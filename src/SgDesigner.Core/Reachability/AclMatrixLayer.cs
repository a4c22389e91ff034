using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// What ENIs look like to the network ACLs: the subnet whose (restrictive) ACL they sit behind, the client ports their
/// system picks, and which distinguishing ACL blocks hold their address. ENIs of one profile are alike for every ACL
/// rule, as sender and as receiver, so the ACL part of a matrix cell is per ordered pair of profiles.
/// </summary>
/// <param name="SubnetId">The subnet when its ACL can drop something, else null (no ACL crossed on that side).</param>
/// <param name="Rules">That subnet's ACL rules, or null.</param>
/// <param name="Client">The ENI's ephemeral port range, or the stretch of ports around it that every rule treats alike (<see cref="AclMatrixLayer"/>.ClientStretch).</param>
/// <param name="Sample">An address of the profile (any behaves alike), or null for ENIs without one.</param>
/// <param name="Content">A number shared by the subnets whose ACLs have the same rules; -1 without rules.</param>
/// <param name="Atom">A number shared by the addresses in the same distinguishing ACL blocks.</param>
internal sealed record AclProfile(string? SubnetId, (AclRules In, AclRules Out)? Rules, PortRange Client, IpAddress? Sample, int Content, int Atom);

/// <summary>
/// The network-ACL layer of the matrix (semantics.md, "Network ACLs"): per ordered pair of <see cref="AclProfile"/>s,
/// the traffic whose request passes the source subnet's ACL outbound and the destination subnet's ACL inbound and whose
/// replies pass back both, to every port of the client's ephemeral range (a partial range counts as denied, as in
/// <see cref="ReachabilityEngine.Query"/>); for ICMP with a reply type (echo…), the reply type must pass back. Within
/// one subnet nothing is crossed. A cell of the matrix is the security groups' cell intersected with this.
/// </summary>
/// <remarks>Thread-safe: the matrix's rows are computed on every core.</remarks>
internal sealed class AclMatrixLayer
{
    private readonly List<AclProfile> _profiles = [];
    private readonly int[] _named;   // protocol numbers some restrictive ACL rule names, plus tcp, udp, icmp, icmpv6
    private readonly int _other;     // a protocol no rule names (they all behave alike), or -1
    private readonly ConcurrentDictionary<long, TrafficSet> _pairs = new();
    // Profiles of subnets whose ACLs have the same rules, with addresses in the same ACL blocks, behave alike: the
    // conversation is computed once per (content, atom, client ports) of each side, however many subnets share them.
    private readonly ConcurrentDictionary<(int, int, int, int, int, int), TrafficSet> _conversations = new();
    private readonly ConcurrentDictionary<(AclRules, IpAddress), PortRange[]?[]> _legs = new();
    private readonly ConcurrentDictionary<(int, IpAddress, Direction), TrafficSet> _outside = new();
    // The matrix's rows: per sender profile, per receiver profile the number of the distinct ACL set (-1: not yet), so
    // that a row of cells costs an array look-up per cell, not a hash of a set. Number 0 is everything.
    private readonly int[]?[] _rows;
    // Per key (KeyOf): a profile of it, and its row of numbers towards every profile as if their subnets differed.
    private readonly int[] _keys;
    private readonly int[] _keyProfile;
    private readonly int[]?[] _acrossRows;
    private readonly int[][] _sameSubnet;
    private readonly ConcurrentDictionary<TrafficSet, int> _numbers = new();
    private readonly List<TrafficSet> _distinct = [];
    private readonly Lock _distinctLock = new();

    private AclMatrixLayer(NetworkAclLayer acls, Dictionary<string, int> eniProfile, List<AclProfile> profiles, HashSet<int> named)
    {
        Acls = acls;
        EniProfile = eniProfile;
        _profiles = profiles;
        _named = [.. named.Order()];
        _other = Enumerable.Range(0, 256).FirstOrDefault(p => !named.Contains(p), -1);
        _rows = new int[]?[profiles.Count];
        var keys = new Dictionary<(int, int, PortRange, bool), int>();
        _keys = [.. profiles.Select(p => Number(keys, (p.Content, p.Atom, p.Client, p.Sample is null)))];
        _keyProfile = new int[keys.Count];
        for (var p = profiles.Count - 1; p >= 0; p--)
            _keyProfile[_keys[p]] = p;
        _acrossRows = new int[]?[keys.Count];
        var bySubnet = profiles.Select((p, i) => (p.SubnetId, Profile: i)).Where(x => x.SubnetId is not null)
            .ToLookup(x => x.SubnetId, x => x.Profile, StringComparer.Ordinal);
        _sameSubnet = [.. profiles.Select(p => p.SubnetId is null ? [] : bySubnet[p.SubnetId].ToArray())];
        Number(TrafficSet.All);
    }

    /// <summary>
    /// A number shared by the profiles whose ACL sets towards every profile in another subnet are alike: the same ACL
    /// rules, ACL atom and client ports, with an address or without. On the 10,000-instance estate, 3 keys for 104 profiles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int KeyOf(int profile) => _keys[profile];

    /// <summary>How many keys (<see cref="KeyOf"/>) there are.</summary>
    public int KeyCount => _keyProfile.Length;

    /// <summary>
    /// The profiles in the same subnet as <paramref name="profile"/> (itself too), between which nothing is crossed:
    /// the only ones whose ACL set from it is not <see cref="AcrossCell"/>'s. Empty when its subnet's ACL drops nothing.
    /// </summary>
    public int[] SameSubnet(int profile) => _sameSubnet[profile];

    /// <summary>The row of key <paramref name="key"/> for <see cref="AcrossCell"/>: filled as cells are asked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[] AcrossRow(int key)
    {
        if (Volatile.Read(ref _acrossRows[key]) is { } row)
            return row;
        row = new int[_profiles.Count];
        Array.Fill(row, -1);
        return Interlocked.CompareExchange(ref _acrossRows[key], row, null) ?? row;
    }

    /// <summary>
    /// The number of the distinct set that any profile of key <paramref name="key"/> gets towards profile
    /// <paramref name="to"/> when their subnets differ (as <see cref="Cell"/>), remembered in <paramref name="row"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AcrossCell(int[] row, int key, int to)
    {
        var n = row[to];
        if (n < 0)
            row[to] = n = Number(Across(_keyProfile[key], to));
        return n;
    }

    /// <summary>The number of the distinct ACL set that means "everything" (<see cref="Distinct"/>).</summary>
    public const int AllNumber = 0;

    /// <summary>The row of sender profile <paramref name="from"/> for <see cref="Cell"/>: filled as cells are asked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[] Row(int from)
    {
        if (Volatile.Read(ref _rows[from]) is { } row)
            return row;
        row = new int[_profiles.Count];
        Array.Fill(row, -1);
        return Interlocked.CompareExchange(ref _rows[from], row, null) ?? row;
    }

    /// <summary>The number of the distinct set <see cref="Between"/>(<paramref name="from"/>, <paramref name="to"/>), remembered in <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Cell(int[] row, int from, int to)
    {
        var n = row[to];
        // Racing threads compute the same number: a plain write is enough.
        if (n < 0)
            row[to] = n = Number(Between(from, to));
        return n;
    }

    /// <summary>The distinct ACL set numbered <paramref name="number"/>.</summary>
    public TrafficSet Distinct(int number)
    {
        lock (_distinctLock)
            return _distinct[number];
    }

    private int Number(TrafficSet set)
    {
        if (_numbers.TryGetValue(set, out var n))
            return n;
        lock (_distinctLock)
        {
            if (_numbers.TryGetValue(set, out n))
                return n;
            n = _distinct.Count;
            _distinct.Add(set);
            _numbers[set] = n;
            return n;
        }
    }

    /// <summary>The point-query layer the profiles were made from.</summary>
    public NetworkAclLayer Acls { get; }

    /// <summary>ENI id → its profile number.</summary>
    public Dictionary<string, int> EniProfile { get; }

    /// <summary>How many profiles there are.</summary>
    public int ProfileCount => _profiles.Count;

    /// <summary>
    /// The layer of the index's estate, or null when no subnet holding an ENI has an ACL that can drop anything: then
    /// the matrix is exactly the security groups' (and built as before). ACL blocks are numbered in <paramref name="catalog"/>.
    /// </summary>
    public static AclMatrixLayer? Build(EstateIndex index, CidrCatalog catalog)
    {
        if (NetworkAclLayer.Of(index.Estate) is not { } acls)
            return null;
        var enis = index.Enis.Values.Select(e => e.Eni).ToList();
        var families = enis.Where(n => n.PrimaryIp is not null).Select(n => n.PrimaryIp!.Value.Family).ToHashSet();
        var restrictive = enis.Select(e => e.SubnetId).Distinct().Where(s => acls.IsRestrictive(s, families)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (restrictive.Count == 0)
            return null;
        // The blocks of restrictive ACLs' rules that hold some ENIs and not others split profiles, as group-rule blocks split classes.
        var entries = restrictive.Select(s => acls.RulesOf(s)!.Value).SelectMany(r => r.In.Sorted.Concat(r.Out.Sorted)).ToList();
        var blocks = entries.Select(e => catalog.IdOf(e.Cidr)).Distinct().Where(id => catalog.KindOf(id) == CidrKind.Distinguishing).ToList();
        var lookup = new CidrLookup(catalog, blocks);
        var named = entries.Where(e => !e.Protocol.IsAll && e.Protocol.Number is >= 0 and < 256).Select(e => e.Protocol.Number).ToHashSet();
        named.UnionWith([1, 6, 17, 58]);
        var cuts = PortCuts(entries);

        var profiles = new List<AclProfile>();
        // The family is part of the key: a block such as 0.0.0.0/0 is not distinguishing (it holds every IPv4 ENI) yet
        // holds no IPv6 address, so the sample of a profile must share the family of every ENI it stands for.
        var byKey = new Dictionary<(string?, int, int, SequenceKey, IpFamily?), int>();
        var contents = new Dictionary<string, int>(StringComparer.Ordinal);
        var atoms = new Dictionary<(SequenceKey, IpFamily?), int>();
        var eniProfile = new Dictionary<string, int>(enis.Count, StringComparer.Ordinal);
        foreach (var eni in enis)
        {
            var subnet = eni.SubnetId is { } s && restrictive.Contains(s) ? s : null;
            var client = ClientStretch(acls.ClientPortsOf(eni), cuts);
            var atom = eni.PrimaryIp is { } ip ? lookup.Containing(ip) : [-1];
            var key = (subnet, client.From, client.To, new SequenceKey(atom), eni.PrimaryIp?.Family);
            if (!byKey.TryGetValue(key, out var number))
            {
                byKey[key] = number = profiles.Count;
                var rules = subnet is null ? null : acls.RulesOf(subnet);
                var content = rules is { } r ? Number(contents, ContentKey(r.In) + "|" + ContentKey(r.Out)) : -1;
                profiles.Add(new AclProfile(subnet, rules, client, eni.PrimaryIp, content, Number(atoms, (key.Item4, key.Item5))));
            }
            eniProfile[eni.Id] = number;
        }
        return new AclMatrixLayer(acls, eniProfile, profiles, named);
    }

    // Where a tcp/udp rule of the restrictive ACLs starts or stops matching, in port order.
    private static int[] PortCuts(IEnumerable<NetworkAclEntry> entries) =>
        [.. entries.Where(e => e.Protocol.HasPorts && !(e.FromPort == -1 && e.ToPort == -1))
            .SelectMany(e => new[] { Math.Clamp(e.FromPort, 0, 65536), Math.Clamp(e.ToPort + 1, 0, 65536) }).Distinct().Order()];

    /// <summary>
    /// The client range a profile keeps. A cell needs the replies let back to the client's whole range (a part counts as
    /// denied), and between two consecutive <paramref name="cuts"/> every rule matches all ports or none: a range within
    /// one such stretch is let back exactly when the whole stretch is. So such ranges stand as that stretch and share
    /// profiles (a Windows client and a Linux one mostly do, and then share classes); a range across a cut is kept.
    /// </summary>
    private static PortRange ClientStretch(EphemeralPorts client, int[] cuts)
    {
        var next = Array.BinarySearch(cuts, client.From + 1);
        next = next >= 0 ? next : ~next; // the first cut above From
        var from = next > 0 ? cuts[next - 1] : 0;
        var to = next < cuts.Length ? cuts[next] - 1 : 65535;
        return client.To <= to ? new PortRange(Math.Max(from, 0), to) : new PortRange(client.From, client.To);
    }

    /// <summary>What the ACLs let any ENI of profile <paramref name="from"/> open to any other ENI of profile <paramref name="to"/>.</summary>
    public TrafficSet Between(int from, int to)
    {
        var key = (long)from << 32 | (uint)to;
        return _pairs.TryGetValue(key, out var set) ? set : _pairs.GetOrAdd(key, _ => Compute(from, to));
    }

    private TrafficSet Compute(int from, int to)
    {
        var (a, b) = (_profiles[from], _profiles[to]);
        // The same subnet: nothing crossed.
        return a.SubnetId is not null && a.SubnetId == b.SubnetId ? TrafficSet.All : Across(from, to);
    }

    // As Compute for profiles in different subnets.
    private TrafficSet Across(int from, int to)
    {
        var a = _profiles[from];
        var b = _profiles[to];
        if (a.Rules is null && b.Rules is null || a.Sample is not { } ipA || b.Sample is not { } ipB)
            return TrafficSet.All; // no ACL crossed (an ENI without an address connects to nobody anyway)
        return _conversations.GetOrAdd((a.Content, a.Atom, a.Client.From, a.Client.To, b.Content, b.Atom), _ => Conversation(Leg(a.Rules?.Out, ipB), Leg(b.Rules?.In, ipA), Leg(b.Rules?.Out, ipA), Leg(a.Rules?.In, ipB), a.Client));
    }

    // Every field of every rule, in evaluation order: equal keys evaluate every packet alike.
    private static string ContentKey(AclRules rules) =>
        string.Join(";", rules.Sorted.Select(e => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{e.RuleNumber},{e.Protocol.Number},{e.FromPort},{e.ToPort},{e.Cidr},{e.Action}")));

    private static int Number<T>(Dictionary<T, int> numbers, T key)
        where T : notnull
    {
        if (!numbers.TryGetValue(key, out var n))
            numbers[key] = n = numbers.Count;
        return n;
    }

    /// <summary>
    /// What the ACL of an ENI of profile <paramref name="profile"/> lets it open to <paramref name="outside"/> (outbound)
    /// or accept from it (inbound): an end outside the estate crosses no ACL, so only the inside end's, both ways; an
    /// outside client may use any of ports 1024–65535.
    /// </summary>
    public TrafficSet Outside(int profile, IpAddress outside, Direction direction) =>
        _outside.GetOrAdd((profile, outside, direction), key =>
        {
            var p = _profiles[key.Item1];
            if (p.Rules is not { } rules)
                return TrafficSet.All;
            var outsideClient = new PortRange(EphemeralPorts.Outside.From, EphemeralPorts.Outside.To);
            return direction == Direction.Outbound
                ? Conversation(Leg(rules.Out, outside), null, null, Leg(rules.In, outside), p.Client)
                : Conversation(null, Leg(rules.In, outside), Leg(rules.Out, outside), null, outsideClient);
        });

    /// <summary>The profile of an ENI, or null for one the layer does not know.</summary>
    public int? ProfileOf(string eniId) => EniProfile.TryGetValue(eniId, out var p) ? p : null;

    // A conversation: request legs (client side outbound, server side inbound), reply legs (server outbound, client inbound); a null leg crosses nothing.
    private TrafficSet Conversation(PortRange[]?[]? requestOut, PortRange[]?[]? requestIn, PortRange[]?[]? replyOut, PortRange[]?[]? replyIn, PortRange client)
    {
        var result = new PortRange[]?[256];
        foreach (var p in _named)
            result[p] = Protocol(p, requestOut, requestIn, replyOut, replyIn, client);
        if (_other >= 0)
        {
            var other = Protocol(_other, requestOut, requestIn, replyOut, replyIn, client);
            for (var p = 0; p < 256; p++)
            {
                if (Array.BinarySearch(_named, p) < 0)
                    result[p] = other;
            }
        }
        return TrafficSet.OfProtocols(result);
    }

    private static PortRange[] Protocol(int p, PortRange[]?[]? requestOut, PortRange[]?[]? requestIn, PortRange[]?[]? replyOut, PortRange[]?[]? replyIn, PortRange client)
    {
        var request = RangeSets.Intersect(Values(requestOut, p), Values(requestIn, p));
        if (request.Length == 0)
            return request;
        var reply = RangeSets.Intersect(Values(replyOut, p), Values(replyIn, p));
        var protocol = new IpProtocol(p);
        if (protocol.HasPorts)
            return RangeSets.Covers(reply, client.From, client.To) ? request : RangeSets.Empty;
        if (!protocol.IsIcmp)
            return reply.Length == 0 ? RangeSets.Empty : request;
        // ICMP: a request type with a reply type (echo…) needs that reply (code 0) to pass back; other types need nothing.
        var dropped = new List<PortRange>();
        for (var type = 0; type < 256; type++)
        {
            if (NetworkAclLayer.ReplyOf(new Traffic(protocol, -1, type, 0)) is { } answer && !RangeSets.Covers(reply, answer.IcmpType * 256, answer.IcmpType * 256))
                dropped.Add(new PortRange(type * 256, type * 256 + 255));
        }
        return dropped.Count == 0 ? request : RangeSets.Except(request, RangeSets.Normalize(dropped));
    }

    private static PortRange[] Values(PortRange[]?[]? leg, int protocol) => leg is null ? RangeSets.Full : leg[protocol] ?? RangeSets.Empty;

    // Per protocol, the values (ports, type × 256 + code; full or empty for others) the rules let through for this peer: first match wins.
    private PortRange[]?[]? Leg(AclRules? rules, IpAddress peer) =>
        rules is null ? null : _legs.GetOrAdd((rules, peer), key => Decide(key.Item1, key.Item2));

    private PortRange[]?[] Decide(AclRules rules, IpAddress peer)
    {
        var result = new PortRange[]?[256];
        foreach (var p in _named)
            result[p] = Decide(rules, peer, p);
        if (_other >= 0)
        {
            var other = Decide(rules, peer, _other);
            for (var p = 0; p < 256; p++)
                result[p] ??= Array.BinarySearch(_named, p) < 0 ? other : null;
        }
        return result;
    }

    private static PortRange[] Decide(AclRules rules, IpAddress peer, int protocol)
    {
        var undecided = RangeSets.Full;
        var allowed = RangeSets.Empty;
        foreach (var e in rules.Sorted)
        {
            if (undecided.Length == 0)
                break;
            if (!e.Cidr.Contains(peer) || !e.Protocol.IsAll && e.Protocol.Number != protocol)
                continue;
            var covered = Covered(e, new IpProtocol(protocol));
            if (e.Action == AclAction.Allow)
                allowed = RangeSets.Union(allowed, RangeSets.Intersect(undecided, covered));
            undecided = RangeSets.Except(undecided, covered);
        }
        return allowed;
    }

    // The values a rule matches, as AclRules.FirstMatch reads its ports or ICMP type and code.
    private static PortRange[] Covered(NetworkAclEntry e, IpProtocol protocol)
    {
        if (e.Protocol.IsAll || !protocol.HasPorts && !protocol.IsIcmp)
            return RangeSets.Full;
        if (protocol.HasPorts)
        {
            if (e.FromPort == -1 && e.ToPort == -1)
                return RangeSets.Full;
            var (from, to) = (Math.Max(e.FromPort, 0), Math.Min(e.ToPort, 65535));
            return from > to ? RangeSets.Empty : [new PortRange(from, to)];
        }
        var (type, code) = (e.FromPort, e.ToPort);
        if (type == -1 && code == -1)
            return RangeSets.Full;
        if (type is < -1 or > 255 || code is < -1 or > 255)
            return RangeSets.Empty;
        if (type == -1)
            return [.. Enumerable.Range(0, 256).Select(t => new PortRange(t * 256 + code, t * 256 + code))];
        return code == -1 ? [new PortRange(type * 256, type * 256 + 255)] : [new PortRange(type * 256 + code, type * 256 + code)];
    }
}
