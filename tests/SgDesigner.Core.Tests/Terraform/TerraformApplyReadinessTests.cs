using System.Collections.Immutable;
using System.Text.Json;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Terraform;
using SgDesigner.Core.Tests.Validation;
using SgDesigner.Core.Validation;
using static SgDesigner.Core.Tests.Validation.SampleEstate;

namespace SgDesigner.Core.Tests.Terraform;

/// <summary>What makes an export apply (issue 13): default groups, cycles, the terraform block, empty estates,
/// literal text, cross-account references, validation first, stable bytes and names.</summary>
public class TerraformApplyReadinessTests
{
    private static readonly ImmutableSortedDictionary<string, string> NoTags = ImmutableSortedDictionary<string, string>.Empty;

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static Estate WithDefaultGroup() => SampleEstate.Build().WithGroup(new SecurityGroup("sg-dflt", "default", "default VPC security group", "vpc-1", NoTags,
    [
        new Rule("sgr-d1", Direction.Inbound, IpProtocol.All, -1, -1, new GroupPeer("sg-dflt")),
        new Rule("sgr-d2", Direction.Inbound, IpProtocol.Tcp, 22, 22, new GroupPeer("sg-web"), "SSH from web"),
        new Rule("sgr-d3", Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4)),
    ]));

    [Theory]
    [InlineData(TerraformStyle.Rules)]
    [InlineData(TerraformStyle.Inline)]
    public void TheDefaultGroupIsAdoptedWithItsRulesAsBlocksAndReadsBackAsTheDefaultGroup(TerraformStyle style)
    {
        var estate = WithDefaultGroup();
        var json = TerraformExporter.Export(estate, style);
        var root = Parse(json);
        var resources = root.GetProperty("resource");
        var adopted = resources.GetProperty("aws_default_security_group").GetProperty("default");
        Assert.False(adopted.TryGetProperty("name", out _));
        Assert.False(adopted.TryGetProperty("description", out _));
        Assert.False(resources.GetProperty("aws_security_group").TryGetProperty("default", out _));
        var ingress = adopted.GetProperty("ingress").EnumerateArray().ToList();
        Assert.True(ingress[0].GetProperty("self").GetBoolean());
        Assert.Equal(["${aws_security_group.web.id}"], ingress[1].GetProperty("security_groups").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("0.0.0.0/0", adopted.GetProperty("egress")[0].GetProperty("cidr_blocks")[0].GetString());
        Assert.Contains("aws_default_security_group", root.GetProperty("//").GetString());
        var back = TerraformImporter.Import(json);
        Assert.True(back.IsOk, back.Error?.ToString());
        Assert.Empty(back.Warnings);
        Assert.Equal(["sg-web", "sg-db", "sg-dflt"], back.Estate!.Groups.Select(g => g.Id));
        var dflt = back.Estate.FindGroup("sg-dflt")!;
        Assert.Equal(("default", "default VPC security group", 3), (dflt.Name, dflt.Description, dflt.Rules.Length));
    }

    [Fact]
    public void InlineGroupsInAReferenceCycleAreWrittenInRulesStyleAndTheExportSaysWhich()
    {
        // sg-db references sg-web; adding web → db closes a cycle. A third group referencing web stays inline.
        var estate = SampleEstate.Build()
            .WithRule("sg-web", Tcp("sgr-10", Direction.Outbound, 5432, 5432, new GroupPeer("sg-db")))
            .WithGroup(new SecurityGroup("sg-mon", "monitoring", "Monitoring", "vpc-1", NoTags, [Tcp("sgr-11", Direction.Outbound, 443, 443, new GroupPeer("sg-web"))]));
        var export = TerraformExporter.Write(estate, new TerraformExportOptions(TerraformStyle.Inline));
        Assert.Equal(["sg-db", "sg-web"], export.RulesStyleGroups);
        var root = Parse(export.Content!);
        var groups = root.GetProperty("resource").GetProperty("aws_security_group");
        Assert.False(groups.GetProperty("web").TryGetProperty("ingress", out _));
        Assert.False(groups.GetProperty("db").TryGetProperty("egress", out _));
        Assert.Single(groups.GetProperty("monitoring").GetProperty("egress").EnumerateArray());
        Assert.True(root.GetProperty("resource").GetProperty("aws_vpc_security_group_egress_rule").TryGetProperty("web_sgr-10", out _));
        Assert.Contains("web (sg-web)", root.GetProperty("//").GetString());
        Assert.Contains(export.Notes, n => n.Contains("db (sg-db), web (sg-web)", StringComparison.Ordinal));
        Assert.Empty(TerraformExporter.Write(estate, new TerraformExportOptions(TerraformStyle.Rules)).RulesStyleGroups);
    }

    [Fact]
    public void TheTerraformBlockNamesTheProviderAndTheProviderBlockComesOnlyOnRequest()
    {
        var plain = Parse(TerraformExporter.Export(SampleEstate.Build()));
        var aws = plain.GetProperty("terraform").GetProperty("required_providers").GetProperty("aws");
        Assert.Equal(("hashicorp/aws", ">= 5.100, < 6.0"), (aws.GetProperty("source").GetString(), aws.GetProperty("version").GetString()));
        Assert.False(plain.TryGetProperty("provider", out _));
        Assert.False(plain.GetProperty("variable").TryGetProperty("region", out _));

        var withProvider = Parse(TerraformExporter.Write(SampleEstate.Build(), new TerraformExportOptions(ProviderBlock: true)).Content!);
        Assert.Equal("${var.region}", withProvider.GetProperty("provider").GetProperty("aws").GetProperty("region").GetString());
        Assert.Equal("string", withProvider.GetProperty("variable").GetProperty("region").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(TerraformStyle.Rules)]
    [InlineData(TerraformStyle.Inline)]
    public void AnEmptyEstateGivesOnlyTheTerraformBlock(TerraformStyle style)
    {
        var root = Parse(TerraformExporter.Export(Estate.Empty, style));
        Assert.Equal(["terraform"], root.EnumerateObject().Select(p => p.Name));
        Assert.True(TerraformImporter.Import(TerraformExporter.Export(Estate.Empty, style)).Estate!.Groups.IsEmpty);
    }

    [Fact]
    public void VariableTextIsLiteralWhileResourceTextIsEscaped()
    {
        var estate = SampleEstate.Build() with { Vpcs = [new Vpc("vpc-1", "main ${x} %{y} \"q\"", [C("10.0.0.0/16")])] };
        estate = estate.WithGroupChanged("sg-web", g => g with { Tags = NoTags.Add("k ${a}", "%{b} \"c\"") });
        var json = TerraformExporter.Export(estate);
        var root = Parse(json);
        Assert.Equal("VPC for the groups of vpc-1 (main ${x} %{y} \"q\")", root.GetProperty("variable").GetProperty("vpc_id").GetProperty("description").GetString());
        var tags = root.GetProperty("resource").GetProperty("aws_security_group").GetProperty("web").GetProperty("tags");
        Assert.Equal("%%{b} \"c\"", tags.GetProperty("k $${a}").GetString());
        Assert.Equal("%{b} \"c\"", TerraformImporter.Import(json).Estate!.FindGroup("sg-web")!.Tags["k ${a}"]);
    }

    [Theory]
    [InlineData(TerraformStyle.Rules)]
    [InlineData(TerraformStyle.Inline)]
    public void AnotherAccountsGroupIsKeptFromAwsCliImportToExportAndBack(TerraformStyle style)
    {
        const string json = """
            {"SecurityGroups": [{"GroupId": "sg-0aaa1111", "GroupName": "api", "Description": "api", "OwnerId": "123456789012", "VpcId": "vpc-1",
              "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [
                {"GroupId": "sg-0bbb2222", "UserId": "111122223333"}, {"GroupId": "sg-0aaa1111", "UserId": "123456789012"}]}],
              "IpPermissionsEgress": []}]}
            """;
        var imported = AwsCliImporter.Import("SecurityGroups.json", json);
        Assert.True(imported.IsOk, imported.Error?.ToString());
        var peers = imported.Estate!.Groups.Single().Rules.Select(r => r.Peer).OfType<GroupPeer>().ToList();
        Assert.Equal(["111122223333/sg-0bbb2222", "sg-0aaa1111"], peers.Select(p => p.GroupId));
        Assert.Equal("111122223333", peers[0].AccountId);
        Assert.Equal("sg-0bbb2222", peers[0].LocalGroupId);
        Assert.True(EstateValidator.CheckGroups(imported.Estate).IsValid);
        Assert.DoesNotContain(Linter.Lint(imported.Estate), f => f.Id == LintCatalogue.StaleReference.Id);

        var export = TerraformExporter.TryExport(imported.Estate, new TerraformExportOptions(style));
        Assert.True(export.IsOk, string.Join("; ", export.Errors));
        Assert.Contains("\"111122223333/sg-0bbb2222\"", export.Content);
        var back = TerraformImporter.Import(export.Content);
        Assert.Contains(back.Estate!.Groups.Single().Rules, r => r.Peer == new GroupPeer("111122223333/sg-0bbb2222"));
    }

    [Fact]
    public void AnInvalidEstateIsRefusedWithTheEditorsNamedErrorsAndNoContent()
    {
        var estate = SampleEstate.Build()
            .WithGroupChanged("sg-web", g => g with { Name = "sg-web" })
            .WithRule("sg-db", new Rule("sgr-9", Direction.Inbound, IpProtocol.Icmp, -1, 9, new CidrPeer(C("10.0.0.0/8"))))
            .WithRule("sg-db", Tcp("sgr-10", Direction.Inbound, 22, 22, new GroupPeer("sg-gone"), "50% off"));
        var export = TerraformExporter.TryExport(estate, new TerraformExportOptions());
        Assert.False(export.IsOk);
        Assert.Null(export.Content);
        Assert.Equal(
            ["groups[sg-db].rules[sgr-10].description", "groups[sg-db].rules[sgr-10].peer", "groups[sg-db].rules[sgr-9].toPort", "groups[sg-web].name"],
            export.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(EstateValidator.Check(estate).Errors.Where(e => e.Path.StartsWith("groups", StringComparison.Ordinal)), export.Errors);
    }

    [Fact]
    public void TheSameEstateGivesTheSameBytesAndAnUnrelatedEditRenamesNothing()
    {
        var estate = WithDefaultGroup();
        var before = TerraformExporter.Export(estate, TerraformStyle.Inline);
        Assert.Equal(before, TerraformExporter.Export(estate, TerraformStyle.Inline));
        var edited = estate.WithRule("sg-web", Tcp("sgr-new", Direction.Inbound, 80, 80, new CidrPeer(Cidr.AnyV4)));
        static IEnumerable<string> Names(string json) => Parse(json).GetProperty("resource").EnumerateObject()
            .SelectMany(t => t.Value.EnumerateObject().Select(r => $"{t.Name}.{r.Name}"));
        var rulesBefore = Names(TerraformExporter.Export(estate)).ToList();
        var rulesAfter = Names(TerraformExporter.Export(edited)).ToList();
        Assert.Equal(["aws_vpc_security_group_ingress_rule.web_sgr-new"], rulesAfter.Except(rulesBefore));
        Assert.Empty(rulesBefore.Except(rulesAfter));
    }
}
