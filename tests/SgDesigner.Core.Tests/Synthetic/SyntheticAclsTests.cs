using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Core.Tests.Synthetic;

public sealed class SyntheticAclsTests
{
    private static readonly EstateGeneratorOptions Options = new(600, 60, 1_200, Seed: 3);

    [Fact]
    public void With_network_acls_every_subnet_has_its_own_acl_and_the_rest_of_the_estate_is_the_same()
    {
        var plain = EstateGenerator.Generate(Options);
        var withAcls = EstateGenerator.Generate(Options with { NetworkAcls = true });

        Assert.Empty(plain.NetworkAcls);
        Assert.Equal(plain.Subnets.Select(s => s.Id).Order(), withAcls.NetworkAcls.SelectMany(a => a.SubnetIds).Order());
        Assert.All(withAcls.Vpcs, v => Assert.Single(withAcls.NetworkAcls, a => a.IsDefault && a.VpcId == v.Id));
        static string Eni(NetworkInterface e) => $"{e.Id} {e.SubnetId} {e.PrimaryIp} {string.Join(",", e.GroupIds)}";
        Assert.Equal(plain.NetworkInterfaces.Select(Eni), withAcls.NetworkInterfaces.Select(Eni));
        Assert.Equal(plain.Groups.Select(g => g.Rules.Length), withAcls.Groups.Select(g => g.Rules.Length));
        Assert.Contains(withAcls.Instances, i => i.EphemeralPorts == EphemeralPorts.Windows);
        Assert.Empty(SgDesigner.Core.Validation.EstateValidator.Validate(withAcls));
    }

    [Fact]
    public void The_acls_drop_telnet_between_subnets_and_the_matrix_agrees_with_point_queries()
    {
        var estate = EstateGenerator.Generate(Options with { NetworkAcls = true });
        var engine = ReachabilityEngine.Build(estate);
        var matrix = engine.Matrix();
        var random = new Random(5);
        var enis = estate.NetworkInterfaces;
        for (var i = 0; i < 400; i++)
        {
            var (a, b) = (enis[random.Next(enis.Length)], enis[random.Next(enis.Length)]);
            if (a.Id == b.Id)
                continue;
            foreach (var traffic in new[] { Traffic.Tcp(23), Traffic.Tcp(443), Traffic.Tcp(5432), Traffic.Udp(161) })
            {
                var verdict = engine.Query(new EniEndpoint(a.Id, a.PrimaryIp!.Value), new EniEndpoint(b.Id, b.PrimaryIp!.Value), traffic);
                Assert.Equal(verdict.Allowed, matrix.Between(a.Id, b.Id).Contains(traffic));
                if (a.SubnetId != b.SubnetId && traffic == Traffic.Tcp(23))
                    Assert.False(verdict.Allowed);
            }
        }
    }
}
