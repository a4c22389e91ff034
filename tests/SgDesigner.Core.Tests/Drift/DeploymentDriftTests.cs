using System.Collections.Immutable;
using CsCheck;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Drift;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Core.Tests.AwsCli;
using SgDesigner.Core.Tests.Documents;

namespace SgDesigner.Core.Tests.Drift;

public sealed class DeploymentDriftTests
{
    [Fact]
    public void A_snapshot_written_from_the_same_estate_has_no_drift()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var estate = RandomEstate.Create(new Random(seed));
            var snapshot = AwsCliImporter.Import(AwsCliJsonWriter.Write(estate));
            Assert.True(snapshot.IsOk, snapshot.Error?.ToString());
            var drift = DeploymentDrift.Between(estate, snapshot.Estate!);
            Assert.True(drift.InSync, $"seed {seed}: {drift.Rules.Groups.Length} group(s) with rule changes, {drift.Flows.Changes.Length} flow change(s): {string.Join("; ", drift.Flows.Changes.Select(c => $"{c.From} -> {c.To}: +{c.Opened} -{c.Closed}"))}");
        }, iter: 60);
    }

    [Fact]
    public void A_rule_opened_in_the_console_is_deployed_not_designed_and_a_rule_removed_by_hand_designed_not_deployed()
    {
        var designed = DemoEstate.Build();
        var db = designed.FindGroup(DemoEstate.Db)!;
        var web = designed.FindGroup(DemoEstate.Web)!;
        var deployed = designed
            .WithGroup(db with { Rules = db.Rules.Add(new Rule("sgr-console", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new CidrPeer(Cidr.AnyV4))) })
            .WithGroup(web with { Rules = web.Rules.RemoveAll(r => r.Id == "sgr-0a1b0000000000011") });

        var drift = DeploymentDrift.Between(designed, deployed);

        Assert.False(drift.InSync);
        var opened = Assert.Single(drift.Flows.Opening);
        Assert.Equal(Cidr.AnyV4, opened.From.Outside);
        Assert.Contains(DemoEstate.Db, opened.To.GroupIds);
        Assert.Contains(opened.OpenedDetail, d => d.Rules.Any(r => r.Rule.Id == "sgr-console"));
        var closed = Assert.Single(drift.Flows.Closing);
        Assert.Contains(DemoEstate.Web, closed.To.GroupIds);
        Assert.Equal(1, drift.DeployedNotDesigned);
        Assert.Equal(1, drift.DesignedNotDeployed);
    }

    [Fact]
    public void Groups_deployed_under_their_AWS_ids_are_matched_by_VPC_and_name_and_rules_by_content()
    {
        var designed = DemoEstate.Build();
        var ids = designed.Groups.ToDictionary(g => g.Id, g => "sg-real" + g.Id[^6..]);
        string Real(string id) => ids.GetValueOrDefault(id, id);
        var n = 0;
        // What AWS holds for the design once applied: other group ids, other rule ids, same content; no instances.
        var deployed = Estate.Empty with
        {
            Vpcs = designed.Vpcs,
            Groups = [.. designed.Groups.Select(g => g with
            {
                Id = Real(g.Id),
                Rules = [.. g.Rules.Select(r => r with
                {
                    Id = $"sgr-real{++n}",
                    Peer = r.Peer is GroupPeer p ? new GroupPeer(Real(p.GroupId)) : r.Peer,
                })],
            })],
        };

        var drift = DeploymentDrift.Between(designed, deployed);

        Assert.True(drift.InSync);
        Assert.True(drift.NetworkFromDesign);
        Assert.Equal(designed.Groups.Length, drift.MatchedByName.Count);
        Assert.Equal(DemoEstate.Db, drift.MatchedByName[Real(DemoEstate.Db)]);
    }

    [Fact]
    public void A_deployed_group_the_design_lacks_is_reported_with_its_flows()
    {
        var designed = DemoEstate.Build();
        var extra = new SecurityGroup("sg-extra", "debug", "opened for a test", designed.Vpcs[0].Id, ImmutableSortedDictionary<string, string>.Empty,
            [new Rule("sgr-x", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4))]);
        var eni = designed.NetworkInterfaces.First(e => e.GroupIds.Contains(DemoEstate.App));
        var deployed = (designed with
        {
            NetworkInterfaces = designed.NetworkInterfaces.Replace(eni, eni with { GroupIds = eni.GroupIds.Add("sg-extra") }),
        }).WithGroup(extra);

        var drift = DeploymentDrift.Between(designed, deployed);

        Assert.Equal("sg-extra", Assert.Single(drift.Rules.GroupsAdded).Id);
        Assert.Contains(drift.Flows.Opening, f => f.From.Outside == Cidr.AnyV4 && f.OpenedDetail.Any(d => d.Traffic.ToString() == "tcp 22"));
    }
}
