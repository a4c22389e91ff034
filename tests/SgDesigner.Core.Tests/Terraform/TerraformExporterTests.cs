using System.Collections.Immutable;
using System.Text.Json;
using SgDesigner.Core.Model;
using SgDesigner.Core.Terraform;
using SgDesigner.Core.Tests.Validation;
using static SgDesigner.Core.Tests.Validation.SampleEstate;

namespace SgDesigner.Core.Tests.Terraform;

public class TerraformExporterTests
{
    private static JsonElement Export(Estate estate, TerraformStyle style = TerraformStyle.Rules) =>
        JsonDocument.Parse(TerraformExporter.Export(estate, style)).RootElement.Clone();

    private static JsonElement Resources(JsonElement root, string type) => root.GetProperty("resource").GetProperty(type);

    [Fact]
    public void GroupsBecomeResourcesNamedAfterTheGroupInTheirVpcVariable()
    {
        var root = Export(SampleEstate.Build());
        var web = Resources(root, "aws_security_group").GetProperty("web");
        Assert.Equal("web", web.GetProperty("name").GetString());
        Assert.Equal("Web servers", web.GetProperty("description").GetString());
        Assert.Equal("${var.vpc_id}", web.GetProperty("vpc_id").GetString());
        Assert.Equal("vpc-1", root.GetProperty("variable").GetProperty("vpc_id").GetProperty("default").GetString());
        Assert.False(web.TryGetProperty("ingress", out _));
        Assert.Equal("sg-web", root.GetProperty("locals").GetProperty("sgd_ids").GetProperty("groups").GetProperty("web").GetString());
    }

    [Fact]
    public void RulesBecomeOneResourcePerRuleWithReferencesAsInterpolations()
    {
        var root = Export(SampleEstate.Build());
        var ingress = Resources(root, "aws_vpc_security_group_ingress_rule");
        var fromWeb = ingress.GetProperty("db_sgr-3");
        Assert.Equal("${aws_security_group.db.id}", fromWeb.GetProperty("security_group_id").GetString());
        Assert.Equal("${aws_security_group.web.id}", fromWeb.GetProperty("referenced_security_group_id").GetString());
        Assert.Equal(("tcp", 5432, 5432), (fromWeb.GetProperty("ip_protocol").GetString(), fromWeb.GetProperty("from_port").GetInt32(), fromWeb.GetProperty("to_port").GetInt32()));
        Assert.Equal("pl-office", ingress.GetProperty("db_sgr-4").GetProperty("prefix_list_id").GetString());
        Assert.Equal("HTTPS from anywhere", ingress.GetProperty("web_sgr-1").GetProperty("description").GetString());
    }

    [Fact]
    public void AllowAllEgressIsWrittenExplicitlyWithoutPorts()
    {
        var egress = Resources(Export(SampleEstate.Build()), "aws_vpc_security_group_egress_rule").GetProperty("web_sgr-2");
        Assert.Equal("-1", egress.GetProperty("ip_protocol").GetString());
        Assert.Equal("0.0.0.0/0", egress.GetProperty("cidr_ipv4").GetString());
        Assert.False(egress.TryGetProperty("from_port", out _));
        Assert.False(egress.TryGetProperty("to_port", out _));
    }

    [Fact]
    public void InlineStyleUsesZeroPortsForAllTrafficSelfForSelfReferencesAndEmptyEgress()
    {
        var estate = SampleEstate.Build().WithRule("sg-db", new Rule("sgr-self", Direction.Inbound, IpProtocol.All, -1, -1, new GroupPeer("sg-db")));
        var groups = Resources(Export(estate, TerraformStyle.Inline), "aws_security_group");
        var webEgress = Assert.Single(groups.GetProperty("web").GetProperty("egress").EnumerateArray());
        Assert.Equal(("-1", 0, 0), (webEgress.GetProperty("protocol").GetString(), webEgress.GetProperty("from_port").GetInt32(), webEgress.GetProperty("to_port").GetInt32()));
        Assert.Equal(["0.0.0.0/0"], webEgress.GetProperty("cidr_blocks").EnumerateArray().Select(e => e.GetString()));
        var db = groups.GetProperty("db");
        Assert.Equal(0, db.GetProperty("egress").GetArrayLength());
        var ingress = db.GetProperty("ingress").EnumerateArray().ToList();
        Assert.Equal(["${aws_security_group.web.id}"], ingress[0].GetProperty("security_groups").EnumerateArray().Select(e => e.GetString()));
        Assert.True(ingress[2].GetProperty("self").GetBoolean());
        Assert.Equal(0, ingress[2].GetProperty("security_groups").GetArrayLength());
    }

    [Fact]
    public void GroupNamesAreSanitisedAndClashesGetStableSuffixes()
    {
        var empty = ImmutableSortedDictionary<string, string>.Empty;
        var estate = Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-1", null, [C("10.0.0.0/16")]), new Vpc("vpc-2", null, [C("10.1.0.0/16")])],
            Groups =
            [
                new SecurityGroup("sg-b", "Web Tier (prod)", "d", "vpc-2", empty, []),
                new SecurityGroup("sg-a", "web tier prod", "d", "vpc-1", empty, []),
                new SecurityGroup("sg-c", "1st", "d", "vpc-1", empty, []),
            ],
        };
        var root = Export(estate);
        var names = Resources(root, "aws_security_group").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["web_tier_prod_sg-b", "web_tier_prod", "sg_1st"], names);
        Assert.Equal(["vpc_id_vpc-1", "vpc_id_vpc-2"], root.GetProperty("variable").EnumerateObject().Select(p => p.Name));
        var reordered = Export(estate with { Groups = [.. estate.Groups.Reverse()] });
        Assert.Equal("web_tier_prod_sg-b", Resources(reordered, "aws_security_group").EnumerateObject().Last().Name);
        // An unrelated group added later leaves every name as it was.
        var grown = Export(estate.WithGroup(new SecurityGroup("sg-0", "other", "d", "vpc-1", empty, [])));
        Assert.Equal(["web_tier_prod_sg-b", "web_tier_prod", "sg_1st", "other"], Resources(grown, "aws_security_group").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void AStaleReferenceStaysALiteralIdAndInterpolationSyntaxInTextIsEscaped()
    {
        var estate = SampleEstate.Build()
            .WithRule("sg-db", new Rule("sgr-9", Direction.Inbound, IpProtocol.Tcp, 22, 22, new GroupPeer("sg-gone"), "costs ${var.x} %{if}"));
        var json = TerraformExporter.Export(estate);
        var rule = Resources(JsonDocument.Parse(json).RootElement, "aws_vpc_security_group_ingress_rule").GetProperty("db_sgr-9");
        Assert.Equal("sg-gone", rule.GetProperty("referenced_security_group_id").GetString());
        Assert.Equal("costs $${var.x} %%{if}", rule.GetProperty("description").GetString());
        Assert.Equal("costs ${var.x} %{if}", TerraformImporter.Import(json).Estate!.FindGroup("sg-db")!.Rules.Single(r => r.Id == "sgr-9").Description);
    }

    [Fact]
    public void IcmpRulesCarryTypeAndCodeAsPorts()
    {
        var estate = SampleEstate.Build().WithRule("sg-web", new Rule("sgr-ping", Direction.Inbound, IpProtocol.Icmp, 8, -1, new CidrPeer(C("10.0.0.0/8"))));
        var rule = Resources(Export(estate), "aws_vpc_security_group_ingress_rule").GetProperty("web_sgr-ping");
        Assert.Equal(("icmp", 8, -1), (rule.GetProperty("ip_protocol").GetString(), rule.GetProperty("from_port").GetInt32(), rule.GetProperty("to_port").GetInt32()));
    }
}
