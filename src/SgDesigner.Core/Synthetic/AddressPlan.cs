using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Synthetic;

/// <summary>
/// Hands out VPCs, subnets and private IPs for a synthetic estate: a /12 of address space per VPC (as sixteen
/// /16 blocks, since AWS accepts VPC blocks of /16../28 only), /24 subnets per (tier, availability zone)
/// allocated as they fill, IPv6 /64s on load-balancer subnets.
/// </summary>
internal sealed class AddressPlan
{
    // AWS reserves the first four addresses and the last one of every subnet.
    private const int ReservedLow = 4;
    private const int UsablePerSubnet = 256 - ReservedLow - 1;
    private const int SubnetsPerVpc = 4096;
    private static readonly string[] Zones = ["us-east-1a", "us-east-1b", "us-east-1c"];

    private readonly List<Subnet> _subnets = [];
    private readonly Dictionary<(int Vpc, string Tier, int Zone), (Subnet Subnet, int Used)> _open = [];
    private readonly int[] _nextSubnetSlot;
    private readonly int[] _nextV6Slot;

    public AddressPlan(int vpcCount)
    {
        Vpcs = [.. Enumerable.Range(0, vpcCount).Select(k => new Vpc(
            $"vpc-{k + 1:x17}",
            k == 0 ? "shared-services" : $"workloads-{k}",
            [.. Enumerable.Range(0, 16).Select(j => V4(10u << 24 | (uint)(16 * k + j) << 16, 16)), V6Block(k, 0, 56)]))];
        _nextSubnetSlot = new int[vpcCount];
        _nextV6Slot = new int[vpcCount];
    }

    public ImmutableArray<Vpc> Vpcs { get; }

    public IReadOnlyList<Subnet> Subnets => _subnets;

    public static int ZoneCount => Zones.Length;

    /// <summary>The /12 that the VPC's IPv4 blocks make up together (what internal CIDR rules name).</summary>
    public Cidr VpcBlock(int vpc) => new(Vpcs[vpc].Cidrs[0].First, 12);

    /// <summary>The next free private address in the (VPC, tier, zone) subnet, opening a new /24 when it is full.</summary>
    public (Subnet Subnet, IpAddress Ip, IpAddress? Ipv6) Allocate(int vpc, string tier, int zone)
    {
        var key = (vpc, tier, zone);
        if (!_open.TryGetValue(key, out var open) || open.Used == UsablePerSubnet)
            open = (OpenSubnet(vpc, tier, zone), 0);
        _open[key] = (open.Subnet, open.Used + 1);
        var offset = (uint)(ReservedLow + open.Used);
        var ip = new IpAddress(IpFamily.V4, open.Subnet.Cidr.Network + offset);
        IpAddress? v6 = open.Subnet.Ipv6Cidr is { } block ? new IpAddress(IpFamily.V6, block.Network + offset) : null;
        return (open.Subnet, ip, v6);
    }

    private Subnet OpenSubnet(int vpc, string tier, int zone)
    {
        var slot = _nextSubnetSlot[vpc]++;
        if (slot >= SubnetsPerVpc)
            throw new InvalidOperationException($"VPC {Vpcs[vpc].Id} has no free /24 left");
        var block = V4(VpcBlock(vpc).Network + ((UInt128)slot << 8), 24);
        // Load-balancer subnets are dual-stack while the VPC's /56 has /64s left.
        var ipv6 = tier == "lb" && _nextV6Slot[vpc] < 256 ? V6Block(vpc, _nextV6Slot[vpc]++, 64) : (Cidr?)null;
        var subnet = new Subnet($"subnet-{_subnets.Count + 1:x17}", Vpcs[vpc].Id, block, ipv6, Zones[zone], $"{tier}-{Zones[zone][^1]}-{slot}");
        _subnets.Add(subnet);
        return subnet;
    }

    private static Cidr V4(UInt128 network, int prefix) => new(new IpAddress(IpFamily.V4, network), prefix);

    // 2600:1f18:<vpc>::/56 per VPC (documentation-like, stable), /64 per subnet slot in its last byte.
    private static Cidr V6Block(int vpc, int slot, int prefix)
    {
        UInt128 high = ((UInt128)0x2600_1f18UL << 32) | ((UInt128)(uint)vpc << 16) | (uint)slot;
        return new Cidr(new IpAddress(IpFamily.V6, high << 64), prefix);
    }
}
