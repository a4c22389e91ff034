using SgDesigner.Core.Documents;
using SgDesigner.Core.Synthetic;
using SgDesigner.Core.Terraform;

namespace SgDesigner.Core.Tests.Documents;

/// <summary>The formats on a large generated estate (the shape `sgd bench` uses), not just small random ones.</summary>
public class SyntheticEstateFormatsTests
{
    private static readonly Model.Estate Estate = EstateGenerator.Generate(new EstateGeneratorOptions(2_000, 200, 4_000, Seed: 7));

    [Fact]
    public void ThePolicyDocumentOfAGeneratedEstateRoundTrips()
    {
        var document = new PolicyDocument("bench", null, Estate);
        var read = PolicyDocumentJson.Read(PolicyDocumentJson.Write(document));
        Assert.True(read.IsOk, read.Error?.ToString());
        DeepEqual.Assert(document, read.Document);
    }

    [Fact]
    public void TheTerraformExportOfAGeneratedEstateReimportsTheSameRules()
    {
        var result = TerraformImporter.Import(TerraformExporter.Export(Estate));
        Assert.True(result.IsOk, result.Error?.ToString());
        Assert.Equal(Estate.Groups.Length, result.Estate!.Groups.Length);
        Assert.Equal(
            Estate.Groups.SelectMany(g => g.Rules).OrderBy(r => r.Id, StringComparer.Ordinal),
            result.Estate.Groups.SelectMany(g => g.Rules).OrderBy(r => r.Id, StringComparer.Ordinal));
    }
}
