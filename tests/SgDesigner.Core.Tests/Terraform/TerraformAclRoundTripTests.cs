using CsCheck;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Terraform;
using SgDesigner.Core.Tests.AwsCli;
using SgDesigner.Core.Tests.Documents;
using SgDesigner.Core.Tests.NetworkAcls;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Tests.Terraform;

/// <summary>
/// Export then import gives back every network ACL (id, VPC, default flag, name, subnets, every rule) and the subnets
/// they are associated with; the order of an ACL's rules has no meaning (they are evaluated by number).
/// </summary>
public class TerraformAclRoundTripTests
{
    private static NetworkAcl Normalized(NetworkAcl acl) => acl with
    {
        Inbound = [.. acl.Inbound.OrderBy(e => e.RuleNumber)],
        Outbound = [.. acl.Outbound.OrderBy(e => e.RuleNumber)],
    };

    private static Estate RoundTrip(Estate estate, TerraformStyle style = TerraformStyle.Rules)
    {
        var json = TerraformExporter.Export(estate, style);
        var result = TerraformImporter.Import(json);
        Assert.True(result.IsOk, result.Error?.ToString());
        Assert.Empty(result.Warnings);
        Assert.Equal(json, TerraformExporter.Export(estate, style));
        return result.Estate!;
    }

    private static void AssertSameAcls(Estate expected, Estate actual)
    {
        DeepEqual.Assert(expected.NetworkAcls.Select(Normalized).OrderBy(a => a.Id, StringComparer.Ordinal).ToList(),
            actual.NetworkAcls.Select(Normalized).OrderBy(a => a.Id, StringComparer.Ordinal).ToList());
        var associated = expected.NetworkAcls.SelectMany(a => a.SubnetIds).ToHashSet(StringComparer.Ordinal);
        DeepEqual.Assert(expected.Subnets.Where(s => associated.Contains(s.Id)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList(),
            actual.Subnets.OrderBy(s => s.Id, StringComparer.Ordinal).ToList());
        // What the import gives is a policy that reads back: the ACLs' subnets and VPCs are there.
        Assert.Empty(EstateValidator.Check(actual, EstateValidationMode.Import).Errors.Where(e => e.Path.StartsWith("networkAcls", StringComparison.Ordinal)));
        Assert.True(PolicyDocumentJson.Read(PolicyDocumentJson.Write(new PolicyDocument("p", null, actual))).IsOk);
    }

    [Fact]
    public void RandomEstatesWithAclsReimportWithTheSameAcls()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 6]).Sample(x =>
        {
            var estate = RandomAcls.Make(x.Item1, x.Item2);
            AssertSameAcls(estate, RoundTrip(estate));
        }, iter: 200);
    }

    public static TheoryData<string> SamplesWithAcls() => new(AwsSamples.Datasets.Where(d => !AwsSamples.Import(d).Estate!.NetworkAcls.IsEmpty));

    [Theory]
    [MemberData(nameof(SamplesWithAcls))]
    public void ImportedAwsSamplesReimportWithTheSameAcls(string dataset)
    {
        var estate = AwsSamples.Import(dataset).Estate!;
        Assert.NotEmpty(estate.NetworkAcls);
        AssertSameAcls(estate, RoundTrip(estate, TerraformStyle.Inline));
    }

    [Fact]
    public void TheHandMadeEstateReimportsWithItsNameIpv6BlockAndEveryKindOfRule()
    {
        var estate = AclTerraformFixtures.HandMade();
        var back = RoundTrip(estate);
        AssertSameAcls(estate, back);
        Assert.Equal("app ${tier} acl", back.NetworkAcls.Single(a => !a.IsDefault).Name);
    }

    [Fact]
    public void TheExportWritesOneRuleResourcePerCustomEntryAndInlineBlocksForTheDefaultAcl()
    {
        var json = TerraformExporter.Export(AclTerraformFixtures.HandMade());
        Assert.Contains("\"aws_default_network_acl\": {", json, StringComparison.Ordinal);
        Assert.Contains("\"default_network_acl_id\": \"${var.default_network_acl_id_acl-0000000d}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"subnet_ids\": [\n          \"${var.subnet_id_subnet-b}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"app_tier_acl_ingress_32766\": {", json, StringComparison.Ordinal);
        Assert.Contains("\"Name\": \"app $${tier} acl\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("not exported", json, StringComparison.Ordinal);
        Assert.Equal(12, json.Split("\"network_acl_id\": \"${aws_network_acl.app_tier_acl.id}\"").Length - 1);
    }
}
