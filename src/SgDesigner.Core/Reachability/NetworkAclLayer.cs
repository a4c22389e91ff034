using System.Collections.Immutable;
using System.Runtime.InteropServices;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// The stateless layer of a verdict (semantics.md, "Network ACLs"). A connection from A (subnet SA) to B (subnet SB),
/// SA ≠ SB, crosses SA's ACL outbound and SB's inbound with the request, and SB's outbound and SA's inbound with the
/// replies, which go to A's ephemeral ports (or, for ICMP, carry the reply type). Within one subnet nothing is crossed;
/// an end outside the estate has no ACL, so only the inside end's ACL is crossed, both ways.
/// </summary>
internal sealed class NetworkAclLayer
{
    private readonly Dictionary<string, (AclBoundary In, AclBoundary Out)> _bySubnet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EphemeralPorts> _clientPorts = new(StringComparer.Ordinal);
    // Each client range as a verdict's "reply ports allowed" when the replies reach all of it, the usual answer: made
    // once per range object instead of once per verdict.
    private readonly Dictionary<EphemeralPorts, ImmutableArray<PortRange>> _wholeRanges = new(ReferenceEqualityComparer.Instance);
    private readonly object _token = new();
    /// <summary>
    /// What a verdict needs of an ENI: its subnet boundaries (null: no modelled ACL), its instance's client ports and
    /// those ports as one range. Kept on the ENI's <see cref="EniInfo"/> (hashing its subnet's and instance's ids on every
    /// query cost more than deciding the rules), with a token of the layer it is of: an ENI kept by an edit may meet
    /// another layer. A token, not the layer: an ENI not asked about again should not keep an old layer's caches alive.
    /// ENIs of one subnet with the same client ports share one (<see cref="_sides"/>): a query then reads one of a few
    /// objects a batch keeps touching, instead of one per ENI.
    /// </summary>
    internal sealed record EniSide(object Layer, AclBoundary? In, AclBoundary? Out, EphemeralPorts Client, ImmutableArray<PortRange> WholeClientRange);
    private readonly Dictionary<(AclBoundary? In, EphemeralPorts Client), EniSide> _sides = [];

    private NetworkAclLayer(Estate estate)
    {
        var compiled = estate.NetworkAcls.ToDictionary(a => a.Id, a => (In: new AclRules(a, Direction.Inbound), Out: new AclRules(a, Direction.Outbound)), StringComparer.Ordinal);
        foreach (var acl in estate.NetworkAcls)
        {
            foreach (var subnet in acl.SubnetIds.IsDefault ? [] : acl.SubnetIds)
                _bySubnet.TryAdd(subnet, Boundaries(compiled[acl.Id], subnet));
        }
        // A subnet without an association uses its VPC's default ACL; without a modelled default, nothing is crossed.
        foreach (var subnet in estate.Subnets)
        {
            var fallback = estate.NetworkAcls.FirstOrDefault(a => a.IsDefault && a.VpcId == subnet.VpcId);
            if (fallback is not null && !_bySubnet.ContainsKey(subnet.Id))
                _bySubnet.Add(subnet.Id, Boundaries(compiled[fallback.Id], subnet.Id));
        }
        foreach (var instance in estate.Instances)
            _clientPorts.TryAdd(instance.Id, instance.EphemeralPorts);
        foreach (var ports in _clientPorts.Values.Append(EphemeralPorts.Linux).Append(EphemeralPorts.Outside))
            _wholeRanges.TryAdd(ports, [new PortRange(ports.From, ports.To)]);
    }

    private EniSide SideOf(NetworkInterface eni)
    {
        var client = ClientPortsOf(eni);
        var (boundaryIn, boundaryOut) = eni.SubnetId is { } subnet && _bySubnet.TryGetValue(subnet, out var sides) ? sides : default;
        // Once per ENI and layer: a lock is cheap enough.
        lock (_sides)
        {
            if (!_sides.TryGetValue((boundaryIn, client), out var side))
            {
                var whole = _wholeRanges.TryGetValue(client, out var known) ? known : [new PortRange(client.From, client.To)];
                _sides.Add((boundaryIn, client), side = new EniSide(_token, boundaryIn, boundaryOut, client, whole));
            }
            return side;
        }
    }

    private EniSide? SideOf(Party party)
    {
        if (party.Eni is not { } info)
            return null;
        if (info.AclSide is { } known && ReferenceEquals(known.Layer, _token))
            return known;
        // Two threads may both work it out: the sides are alike, and either may stay.
        return info.AclSide = SideOf(info.Eni);
    }

    private static (AclBoundary In, AclBoundary Out) Boundaries((AclRules In, AclRules Out) rules, string subnetId) =>
        (new AclBoundary(rules.In, subnetId), new AclBoundary(rules.Out, subnetId));

    /// <summary>The layer of <paramref name="estate"/>, or null when it models no ACL (then every subnet allows everything).</summary>
    public static NetworkAclLayer? Of(Estate estate) => estate.NetworkAcls.IsDefaultOrEmpty ? null : new NetworkAclLayer(estate);

    /// <summary>
    /// The subnets holding ENIs whose ACL can deny some traffic between ENIs: rules that, in some direction, do not
    /// allow all traffic of the address families in use before any deny of that family.
    /// </summary>
    public IEnumerable<(string SubnetId, string AclId)> Restrictive(IReadOnlySet<string> subnetsWithEnis, IReadOnlyCollection<IpFamily> families) =>
        _bySubnet.Where(s => subnetsWithEnis.Contains(s.Key) && (!AllowsEverything(s.Value.In.Rules, families) || !AllowsEverything(s.Value.Out.Rules, families)))
            .Select(s => (s.Key, s.Value.In.Rules.Acl.Id));

    /// <summary>The rules of <paramref name="subnetId"/>'s ACL, or null when the subnet crosses no modelled ACL.</summary>
    internal (AclRules In, AclRules Out)? RulesOf(string? subnetId) =>
        subnetId is not null && _bySubnet.TryGetValue(subnetId, out var sides) ? (sides.In.Rules, sides.Out.Rules) : null;

    /// <summary>True when the ACL of <paramref name="subnetId"/> can drop some packet of <paramref name="families"/>.</summary>
    internal bool IsRestrictive(string? subnetId, IReadOnlyCollection<IpFamily> families) =>
        RulesOf(subnetId) is { } rules && (!AllowsEverything(rules.In, families) || !AllowsEverything(rules.Out, families));

    /// <summary>The client ports of an ENI's instance (Linux when it has none or did not say).</summary>
    internal EphemeralPorts ClientPortsOf(NetworkInterface eni) =>
        eni.InstanceId is { } id && _clientPorts.TryGetValue(id, out var ports) ? ports : EphemeralPorts.Linux;

    /// <summary>The ACL verdict of a connection A → B, or null when it crosses no modelled ACL.</summary>
    public AclVerdict? Evaluate(Party a, Party b, Traffic traffic)
    {
        var sa = SideOf(a);
        var sb = SideOf(b);
        // Within one subnet nothing is crossed: both sides hold its boundaries (a subnet's own objects), or none.
        if (sa is not null && sb is not null && ReferenceEquals(sa.In, sb.In))
            return null;
        var na = sa?.Out is null ? null : sa;
        var nb = sb?.In is null ? null : sb;
        if (na is null && nb is null)
            return null;

        // A request and a reply crossing per side with an ACL, at most.
        var crossings = new Crossings(2 * ((na is null ? 0 : 1) + (nb is null ? 0 : 1)));
        if (na is not null)
            crossings.Add(na.Out!.Decision(ConversationLeg.Request, na.Out.Rules.FirstMatchAt(b.Ip, traffic)));
        if (nb is not null)
            crossings.Add(nb.In!.Decision(ConversationLeg.Request, nb.In.Rules.FirstMatchAt(a.Ip, traffic)));
        if (crossings.Dropped is { } dropped)
            return AclText.Verdict(AclOutcome.Denied, crossings.Taken(), dropped, [], [], null, traffic);

        // The replies: B's subnet lets them out, A's lets them in.
        if (traffic.Protocol.HasPorts)
            return PortReplies(a, b, sa, nb?.Out, na?.In, traffic, ref crossings);
        var reply = ReplyOf(traffic);
        if (reply is null)
            return AclText.Verdict(AclOutcome.Allowed, crossings.Taken(), null, [], [], null, traffic);
        if (nb is not null)
            crossings.Add(nb.Out!.Decision(ConversationLeg.Reply, nb.Out.Rules.FirstMatchAt(a.Ip, reply.Value)));
        if (na is not null)
            crossings.Add(na.In!.Decision(ConversationLeg.Reply, na.In.Rules.FirstMatchAt(b.Ip, reply.Value)));
        return AclText.Verdict(crossings.Dropped is null ? AclOutcome.Allowed : AclOutcome.Denied, crossings.Taken(), crossings.Dropped, [], [], null, traffic);
    }

    // The replies to the client's ports: B's side out (to A), then A's side in (from B), each where there is an ACL.
    private AclVerdict PortReplies(Party a, Party b, EniSide? clientSide, AclBoundary? replyOut, AclBoundary? replyIn, Traffic traffic, ref Crossings crossings)
    {
        var client = clientSide?.Client ?? EphemeralPorts.Outside;
        var range = new PortRange(client.From, client.To);
        AclDecision? dropped = null;
        var outCovers = true;
        var inCovers = true;
        var outPorts = replyOut is null ? null : ReplyCrossing(replyOut, a.Ip, traffic.Protocol, range, ref crossings, ref dropped, out outCovers);
        var inPorts = replyIn is null ? null : ReplyCrossing(replyIn, b.Ip, traffic.Protocol, range, ref crossings, ref dropped, out inCovers);
        // The client's range is one stretch: when both crossings let all of it back, the ports both allow are not needed
        // (the sentence of an allowed verdict names the rules only).
        if (outCovers && inCovers)
        {
            var whole = clientSide?.WholeClientRange ?? _wholeRanges[EphemeralPorts.Outside];
            return AclText.Verdict(AclOutcome.Allowed, crossings.Taken(), null, whole, RangeSets.Full, client, traffic);
        }
        var outAllows = outPorts?.Allowed ?? RangeSets.Full;
        var inAllows = inPorts?.Allowed ?? RangeSets.Full;
        var allowed = RangeSets.Intersect(outAllows, inAllows);
        var reachable = RangeSets.Intersect(allowed, [range]);
        // The arrays of ranges are never changed once made: the verdict takes this one as it is.
        return AclText.Verdict(reachable.Length == 0 ? AclOutcome.Denied : AclOutcome.Partly, crossings.Taken(), dropped,
            ImmutableCollectionsMarshal.AsImmutableArray(reachable), allowed, client, traffic);
    }

    // One reply crossing: the ports it lets back, and its decision.
    private static PortDecisions ReplyCrossing(AclBoundary boundary, IpAddress peer, IpProtocol protocol, PortRange range,
        ref Crossings crossings, ref AclDecision? dropped, out bool covers)
    {
        var ports = boundary.Rules.PortsFor(peer, protocol);
        (var shown, covers) = ports.RepliesTo(range);
        var decision = boundary.Decision(ConversationLeg.Reply, shown);
        crossings.Add(decision);
        if (decision.Action == AclAction.Deny)
            dropped ??= decision;
        return ports;
    }

    // The decisions of one conversation, in order, and the first that drops it.
    private struct Crossings(int capacity)
    {
        private readonly AclDecision[] _items = new AclDecision[capacity];
        private int _count;

        public AclDecision? Dropped { get; private set; }

        public void Add(AclDecision decision)
        {
            _items[_count++] = decision;
            if (decision.Action == AclAction.Deny)
                Dropped ??= decision;
        }

        public readonly ImmutableArray<AclDecision> Taken() => _count == _items.Length
            ? ImmutableCollectionsMarshal.AsImmutableArray(_items)
            : ImmutableArray.Create(_items, 0, _count);
    }

    /// <summary>The ICMP reply to a request that has one (echo, timestamp, information, address mask); other ICMP none; other protocols themselves.</summary>
    internal static Traffic? ReplyOf(Traffic request)
    {
        if (!request.Protocol.IsIcmp)
            return request;
        int? type = (request.Protocol.Number, request.IcmpType) switch
        {
            (1, 8) => 0,
            (1, 13) => 14,
            (1, 15) => 16,
            (1, 17) => 18,
            (58, 128) => 129,
            _ => null,
        };
        return type is { } t ? new Traffic(request.Protocol, -1, t, 0) : null;
    }

    private static bool AllowsEverything(AclRules rules, IReadOnlyCollection<IpFamily> families) =>
        families.All(family =>
        {
            foreach (var e in rules.Sorted)
            {
                if (e.Cidr.Family != family)
                    continue;
                if (e.Action == AclAction.Deny)
                    return false;
                if (e.Protocol.IsAll && e.Cidr.PrefixLength == 0)
                    return true;
            }
            return false;
        });
}
