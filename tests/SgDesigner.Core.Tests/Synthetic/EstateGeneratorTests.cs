using System.Text;
using SgDesigner.Core.Model;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Core.Tests.Synthetic;

public sealed class EstateGeneratorTests
{
    private static readonly Estate Mid = EstateGenerator.Generate(new EstateGeneratorOptions(2_000, 200, 4_000, Seed: 7));

    [Fact]
    public void The_estate_has_exactly_the_requested_instances_groups_and_rules()
    {
        Assert.Equal(2_000, Mid.Instances.Length);
        Assert.Equal(200, Mid.Groups.Length);
        Assert.Equal(4_000, Mid.Groups.Sum(g => g.Rules.Length));
    }

    [Fact]
    public void The_estate_is_one_AWS_would_accept()
    {
        Assert.Empty(SgDesigner.Core.Validation.EstateValidator.Validate(Mid));
    }

    [Fact]
    public void The_same_seed_gives_the_same_estate_and_another_seed_a_different_one()
    {
        var options = new EstateGeneratorOptions(300, 40, 600, Seed: 11);
        Assert.Equal(Fingerprint(EstateGenerator.Generate(options)), Fingerprint(EstateGenerator.Generate(options)));
        Assert.NotEqual(Fingerprint(EstateGenerator.Generate(options)), Fingerprint(EstateGenerator.Generate(options with { Seed = 12 })));
    }

    [Fact]
    public void Every_instance_has_a_primary_eni_and_every_eni_carries_one_to_three_existing_groups()
    {
        var groupIds = Mid.Groups.Select(g => g.Id).ToHashSet();
        Assert.All(Mid.NetworkInterfaces, eni =>
        {
            Assert.InRange(eni.GroupIds.Length, 1, 3);
            Assert.All(eni.GroupIds, id => Assert.Contains(id, groupIds));
            Assert.Equal(eni.GroupIds.Length, eni.GroupIds.Distinct().Count());
        });
        var primaries = Mid.NetworkInterfaces.Where(e => e.DeviceIndex == 0 && e.InstanceId is not null).Select(e => e.InstanceId).ToList();
        Assert.Equal(Mid.Instances.Select(i => i.Id).Order(), primaries.Order());
        Assert.Contains(Mid.NetworkInterfaces, e => e.InstanceId is null);
        Assert.Contains(Mid.NetworkInterfaces, e => e.DeviceIndex == 1);
    }

    [Fact]
    public void Ids_are_unique_and_private_ips_lie_in_their_subnet_and_are_unique()
    {
        Assert.Equal(Mid.NetworkInterfaces.Length, Mid.NetworkInterfaces.Select(e => e.Id).Distinct().Count());
        Assert.Equal(Mid.Groups.Length, Mid.Groups.Select(g => g.Id).Distinct().Count());
        var rules = Mid.Groups.SelectMany(g => g.Rules).ToList();
        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
        var subnets = Mid.Subnets.ToDictionary(s => s.Id);
        var ips = new HashSet<IpAddress>();
        foreach (var eni in Mid.NetworkInterfaces)
        {
            var subnet = subnets[eni.SubnetId!];
            Assert.Equal(subnet.VpcId, eni.VpcId);
            foreach (var ip in eni.PrivateIps)
            {
                Assert.True(ip.Family == IpFamily.V4 ? subnet.Cidr.Contains(ip) : subnet.Ipv6Cidr!.Value.Contains(ip), $"{ip} outside {subnet.Id}");
                Assert.True(ips.Add(ip), $"{ip} used twice");
            }
        }
    }

    [Fact]
    public void Most_rules_reference_groups_and_the_rest_use_cidrs_of_many_prefix_lengths()
    {
        var rules = Mid.Groups.SelectMany(g => g.Rules).ToList();
        Assert.True(rules.Count(r => r.Peer is GroupPeer) > rules.Count / 2, "most rules should reference groups");
        var v4Prefixes = rules.Select(r => r.Peer).OfType<CidrPeer>().Where(p => p.Block.Family == IpFamily.V4)
            .Select(p => p.Block.PrefixLength).ToHashSet();
        Assert.Superset(new HashSet<int> { 0, 8, 12, 16, 20, 24, 32 }, v4Prefixes);
        Assert.Contains(rules, r => r.Peer is CidrPeer { Block.Family: IpFamily.V6 });
        Assert.Contains(rules, r => r.Protocol == IpProtocol.Icmp);
        Assert.Contains(rules, r => r.Protocol == IpProtocol.Udp);
        Assert.Contains(rules, r => r.Protocol.Number is 50 or 47);
    }

    [Fact]
    public void Groups_reference_themselves_and_load_balancers_are_open_to_the_world_on_443()
    {
        Assert.Contains(Mid.Groups, g => g.Rules.Any(r => r.Peer is GroupPeer p && p.GroupId == g.Id));
        var lbs = Mid.Groups.Where(g => g.Tags["tier"] == "lb").ToList();
        Assert.NotEmpty(lbs);
        Assert.All(lbs, g => Assert.Contains(g.Inbound, r =>
            r.Protocol == IpProtocol.Tcp && r.FromPort == 443 && r.Peer == new CidrPeer(Cidr.AnyV4)));
    }

    [Fact]
    public void Every_group_stays_within_the_rule_quota_and_group_names_are_unique_per_vpc()
    {
        Assert.All(Mid.Groups, g =>
        {
            Assert.InRange(g.Inbound.Count(), 0, Mid.Quotas.RulesPerDirection);
            Assert.InRange(g.Outbound.Count(), 0, Mid.Quotas.RulesPerDirection);
        });
        Assert.Equal(60, Mid.Quotas.RulesPerDirection);
        Assert.Equal(Mid.Groups.Length, Mid.Groups.Select(g => (g.VpcId, g.Name.ToLowerInvariant())).Distinct().Count());
    }

    [Fact]
    public void Large_estates_spread_over_several_peered_vpcs_and_group_references_stay_reachable()
    {
        var big = EstateGenerator.Generate(new EstateGeneratorOptions(40_000, 400, 2_000, Seed: 3));
        Assert.Equal(3, big.Vpcs.Length);
        Assert.Equal(2, big.VpcConnections.Length);
        var vpcOf = big.Groups.ToDictionary(g => g.Id, g => g.VpcId);
        var shared = big.Vpcs[0].Id;
        Assert.All(big.Groups, g => Assert.All(g.Rules.Select(r => r.Peer).OfType<GroupPeer>(), p =>
            Assert.True(vpcOf[p.GroupId] == g.VpcId || vpcOf[p.GroupId] == shared || g.VpcId == shared)));
    }

    [Fact]
    public void A_rule_budget_beyond_the_quota_raises_the_quota_instead_of_dropping_rules()
    {
        var dense = EstateGenerator.Generate(new EstateGeneratorOptions(50, 2, 300, Seed: 5));
        Assert.Equal(300, dense.Groups.Sum(g => g.Rules.Length));
        Assert.All(dense.Groups, g => Assert.InRange(g.Inbound.Count(), 0, dense.Quotas.RulesPerDirection));
        Assert.True(dense.Quotas.RulesPerDirection > 60);
    }

    [Fact]
    public void Impossible_sizes_are_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => EstateGenerator.Generate(new EstateGeneratorOptions(10, 0, 10)));
        Assert.Contains("at least one group", e.Message);
    }

    private static string Fingerprint(Estate estate)
    {
        var text = new StringBuilder();
        foreach (var g in estate.Groups)
            text.Append(g.Id).Append(g.Name).AppendJoin(',', g.Rules).Append('\n');
        foreach (var e in estate.NetworkInterfaces)
            text.Append(e.Id).AppendJoin(',', e.PrivateIps).AppendJoin(',', e.GroupIds).Append('\n');
        return text.ToString();
    }
}
