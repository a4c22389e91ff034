using CsCheck;
using SgDesigner.Core.Model;
using SgDesigner.Core.Terraform;
using SgDesigner.Core.Tests.AwsCli;
using SgDesigner.Core.Tests.Documents;

namespace SgDesigner.Core.Tests.Terraform;

public class TerraformRoundTripTests
{
    /// <summary>
    /// Rule order has no meaning and Terraform (like AWS) does not tell an empty description from none; a default
    /// group's description is AWS's own (aws_default_security_group cannot set it).
    /// </summary>
    private static SecurityGroup Normalized(SecurityGroup group) => group with
    {
        Description = group.Name == "default" ? TerraformExporter.DefaultGroupDescription : group.Description,
        Rules = [.. group.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => string.IsNullOrEmpty(r.Description) ? r with { Description = null } : r)],
    };

    private static void AssertSameGroups(Estate expected, Estate actual)
    {
        DeepEqual.Assert(expected.Groups.Select(Normalized).ToList(), actual.Groups.Select(Normalized).ToList());
        Assert.Equal(expected.Groups.Select(g => g.VpcId).Distinct().Order(), actual.Vpcs.Select(v => v.Id).Order());
    }

    [Theory]
    [InlineData(TerraformStyle.Rules)]
    [InlineData(TerraformStyle.Inline)]
    public void RandomEstatesReimportWithTheSameGroupsAndRules(TerraformStyle style)
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var estate = RandomEstate.Create(new Random(seed));
            var json = TerraformExporter.Export(estate, style);
            var result = TerraformImporter.Import(json);
            Assert.True(result.IsOk, result.Error?.ToString());
            Assert.Empty(result.Warnings);
            AssertSameGroups(estate, result.Estate!);
            Assert.Equal(json, TerraformExporter.Export(estate, style));
        }, iter: 100);
    }

    public static TheoryData<string, TerraformStyle> SamplesAndStyles() => new(
        AwsSamples.Datasets.SelectMany(d => new[] { (d, TerraformStyle.Rules), (d, TerraformStyle.Inline) }));

    [Theory]
    [MemberData(nameof(SamplesAndStyles))]
    public void ImportedAwsSamplesReimportWithTheSameGroupsAndRules(string dataset, TerraformStyle style)
    {
        var estate = AwsSamples.Import(dataset).Estate!;
        var result = TerraformImporter.Import(TerraformExporter.Export(estate, style));
        Assert.True(result.IsOk, result.Error?.ToString());
        AssertSameGroups(estate, result.Estate!);
    }
}
