using System.Collections.Immutable;
using SgDesigner.Core.Model;
using Model = SgDesigner.Core.Model;

namespace SgDesigner.Core.Tests.Support;

/// <summary>Concise construction of estates for tests.</summary>
internal sealed class EstateBuilder
{
    private readonly List<Vpc> _vpcs = [];
    private readonly List<VpcConnection> _connections = [];
    private readonly List<SecurityGroup> _groups = [];
    private readonly List<PrefixList> _prefixLists = [];
    private readonly List<Instance> _instances = [];
    private readonly List<NetworkInterface> _enis = [];
    private int _ruleCounter;

    public static Model.Cidr Block(string text) => Model.Cidr.Parse(text).Value;

    public static IpAddress Ip(string text) => IpAddress.Parse(text).Value;

    public static Peer Cidr(string text) => new CidrPeer(Block(text));

    public static Peer Sg(string id) => new GroupPeer(id);

    public static Peer Pl(string id) => new PrefixListPeer(id);

    public Rule In(string protocol, int from, int to, Peer peer) => Make(Direction.Inbound, protocol, from, to, peer);

    public Rule Out(string protocol, int from, int to, Peer peer) => Make(Direction.Outbound, protocol, from, to, peer);

    public Rule Make(Direction direction, string protocol, int from, int to, Peer peer) =>
        new($"sgr-{++_ruleCounter}", direction, IpProtocol.Parse(protocol).Value, from, to, peer);

    public EstateBuilder Vpc(string id, params string[] cidrs)
    {
        _vpcs.Add(new Vpc(id, null, [.. cidrs.Select(Block)]));
        return this;
    }

    public EstateBuilder Connect(string a, string b, bool groupReferencing, VpcConnectionKind kind = VpcConnectionKind.Peering)
    {
        _connections.Add(new VpcConnection(a, b, kind, groupReferencing));
        return this;
    }

    public EstateBuilder Group(string id, string vpc, params Rule[] rules)
    {
        _groups.Add(new SecurityGroup(id, id + "-name", "test group", vpc, ImmutableSortedDictionary<string, string>.Empty, [.. rules]));
        return this;
    }

    public EstateBuilder PrefixList(string id, IpFamily family, params string[] entries)
    {
        _prefixLists.Add(new PrefixList(id, id + "-name", family, [.. entries.Select(Block)]));
        return this;
    }

    public EstateBuilder Instance(string id, string? name)
    {
        _instances.Add(new Instance(id, name, ImmutableSortedDictionary<string, string>.Empty));
        return this;
    }

    /// <summary>An ENI; <paramref name="ips"/> is "primary[,secondary…]".</summary>
    public EstateBuilder Eni(string id, string vpc, string ips, string[] groups, string? instance = null, int? deviceIndex = null, string? publicIp = null)
    {
        _enis.Add(new NetworkInterface(id, vpc, null, instance, instance is null ? null : deviceIndex ?? 0,
            [.. ips.Split(',').Select(Ip)], publicIp is null ? null : Ip(publicIp), [.. groups]));
        return this;
    }

    public Estate Build() => Estate.Empty with
    {
        Vpcs = [.. _vpcs],
        VpcConnections = [.. _connections],
        Groups = [.. _groups],
        PrefixLists = [.. _prefixLists],
        Instances = [.. _instances],
        NetworkInterfaces = [.. _enis],
    };
}
