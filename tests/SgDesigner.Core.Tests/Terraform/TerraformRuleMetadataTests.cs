using System.Text.Json;
using CsCheck;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Core.Terraform;
using SgDesigner.Core.Tests.Documents;

namespace SgDesigner.Core.Tests.Terraform;

/// <summary>A rule's owner, justification, ticket and review-by date as <c>sgd:</c> tags of its Terraform rule resource.</summary>
public class TerraformRuleMetadataTests
{
    private static readonly RuleMetadata Payments = RuleMetadata.Create("team-payments", "PSP callbacks ${not_a_template}", "NET-42", new DateOnly(2027, 3, 31));

    private static Estate DemoWithMetadata()
    {
        var estate = DemoEstate.Build();
        var web = estate.FindGroup(DemoEstate.Web)!;
        return estate.WithGroup(web with { Rules = [.. web.Rules.Select((r, i) => i == 0 ? r with { Metadata = Payments } : r)] });
    }

    private static SecurityGroup Normalized(SecurityGroup group) => group with
    {
        Description = group.Name == "default" ? TerraformExporter.DefaultGroupDescription : group.Description,
        Rules = [.. group.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => string.IsNullOrEmpty(r.Description) ? r with { Description = null } : r)],
    };

    [Fact]
    public void RandomEstatesWithRandomMetadataComeBackWithEveryOwnerJustificationTicketAndDate()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var estate = RandomEstate.Create(new Random(seed), withMetadata: true);
            var json = TerraformExporter.Export(estate, TerraformStyle.Rules);
            var result = TerraformImporter.Import(json);
            Assert.True(result.IsOk, result.Error?.ToString());
            Assert.Empty(result.Warnings);
            DeepEqual.Assert(estate.Groups.Select(Normalized).ToList(), result.Estate!.Groups.Select(Normalized).ToList());
        }, iter: 200);
    }

    [Fact]
    public void TheTagsUseTheDocumentedKeysAndEscapeTemplateSequences()
    {
        var json = TerraformExporter.Export(DemoWithMetadata(), TerraformStyle.Rules);

        using var document = JsonDocument.Parse(json);
        var tagged = document.RootElement.GetProperty("resource").GetProperty("aws_vpc_security_group_ingress_rule").EnumerateObject()
            .Select(r => r.Value).Where(r => r.TryGetProperty("tags", out _)).ToList();
        var tags = Assert.Single(tagged).GetProperty("tags").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(["sgd:owner", "sgd:justification", "sgd:ticket", "sgd:review-by"], tags.Keys);
        Assert.Equal("PSP callbacks $${not_a_template}", tags["sgd:justification"]);
        Assert.Equal("2027-03-31", tags["sgd:review-by"]);
    }

    [Fact]
    public void InlineBlocksCannotCarryMetadataAndTheExportSaysSo()
    {
        // One group and no references: nothing forces rules style.
        var estate = Lint.TestEstate.Of(Lint.TestEstate.Group("sg-1", "web", Lint.TestEstate.In("sgr-1", "tcp", 443, 443, "0.0.0.0/0") with { Metadata = Payments }));

        var export = TerraformExporter.Write(estate, new TerraformExportOptions(TerraformStyle.Inline));

        var note = Assert.Single(export.Notes, n => n.Contains("inline blocks take no tags", StringComparison.Ordinal));
        Assert.Contains("sgr-1", note, StringComparison.Ordinal);
        Assert.DoesNotContain("sgd:owner", export.Content, StringComparison.Ordinal);
        Assert.Contains("sgd:owner", TerraformExporter.Write(estate, new TerraformExportOptions(TerraformStyle.Rules)).Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"sgd:review-by\": \"2027-03-31\"", "\"sgd:review-by\": \"next year\"", "sgd:review-by", "'next year' is not a date")]
    [InlineData("\"sgd:owner\": \"team-payments\"", "\"sgd:owner\": \"a\\tb\"", "sgd:owner", "control character U+0009")]
    public void ABadMetadataTagIsRefusedAtItsKey(string written, string tag, string key, string message)
    {
        var json = TerraformExporter.Export(DemoWithMetadata(), TerraformStyle.Rules).Replace(written, tag, StringComparison.Ordinal);

        var result = TerraformImporter.Import(json);

        Assert.False(result.IsOk);
        Assert.Contains(key, result.Error!.Path, StringComparison.Ordinal);
        Assert.Contains("tags", result.Error.Path, StringComparison.Ordinal);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherTagsOfARuleAreReportedAsNotKept()
    {
        var json = TerraformExporter.Export(DemoWithMetadata(), TerraformStyle.Rules)
            .Replace("\"sgd:review-by\": \"2027-03-31\"", "\"sgd:review-by\": \"2027-03-31\", \"CostCentre\": \"42\"", StringComparison.Ordinal);

        var result = TerraformImporter.Import(json);

        Assert.True(result.IsOk, result.Error?.ToString());
        Assert.Contains(result.Warnings, w => w.Message.Contains("not kept: CostCentre", StringComparison.Ordinal));
        Assert.Equal(Payments, result.Estate!.FindGroup(DemoEstate.Web)!.Rules.Single(r => !r.Metadata.IsEmpty).Metadata);
    }

    [Fact]
    public async Task TheRealTerraformPlansTheTagsOnTheRuleResources()
    {
        var terraform = TerraformCli.Find();
        if (terraform is null)
            Assert.Skip("terraform is not on PATH, so the tags were not planned");
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("sgd-terraform-metadata-").FullName;
        try
        {
            var cli = TerraformCli.Create(terraform, root);
            var module = Path.Combine(root, "demo");
            Directory.CreateDirectory(module);
            await File.WriteAllTextAsync(Path.Combine(module, "main.tf.json"), TerraformExporter.Export(DemoWithMetadata(), TerraformStyle.Rules), ct);
            await File.WriteAllTextAsync(Path.Combine(module, "provider.tf.json"), TerraformCli.FakeProvider, ct);
            var init = await cli.RunAsync(module, ct, "init", "-input=false", "-no-color", "-backend=false");
            Assert.True(init.ExitCode == 0, init.Output);
            var plan = await cli.RunAsync(module, ct, "plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=tfplan");
            Assert.True(plan.ExitCode == 0, plan.Output);
            var shown = await cli.RunAsync(module, ct, "show", "-json", "-no-color", "tfplan");
            Assert.True(shown.ExitCode == 0, shown.Output);

            using var planJson = JsonDocument.Parse(shown.Output);
            var tagged = planJson.RootElement.GetProperty("planned_values").GetProperty("root_module").GetProperty("resources").EnumerateArray()
                .Where(r => r.GetProperty("type").GetString() == "aws_vpc_security_group_ingress_rule")
                .Select(r => r.GetProperty("values"))
                .Where(v => v.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
                .ToList();
            var tags = Assert.Single(tagged).GetProperty("tags");
            Assert.Equal("team-payments", tags.GetProperty("sgd:owner").GetString());
            Assert.Equal("PSP callbacks ${not_a_template}", tags.GetProperty("sgd:justification").GetString());
            Assert.Equal("2027-03-31", tags.GetProperty("sgd:review-by").GetString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
