using System.Text.Json;
using System.Text.Json.Nodes;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Samples;
using SgDesigner.Core.Terraform;

namespace SgDesigner.Core.Tests.Terraform;

/// <summary>
/// Every export fixture, in both styles, given to the real Terraform 1.11 with the hashicorp/aws 5.100 provider
/// (offline: a local provider mirror, fake credentials, endpoints on 127.0.0.1:9), or refused with its reason.
/// Each export is a module of one root, so one <c>init</c> and one <c>plan</c> (which validates) cover them all:
/// the provider's schema, which costs 6–8 s of CPU to load, is loaded once.
/// </summary>
public sealed class TerraformPlanTests
{
    private static readonly TerraformStyle[] Styles = [TerraformStyle.Rules, TerraformStyle.Inline];

    public static TheoryData<string, TerraformStyle> ExportedFixtures() => new(
        TerraformFixtures.All().Where(f => f.Refusal is null).SelectMany(f => Styles.Select(s => (f.Name, s))));

    [Theory]
    [MemberData(nameof(ExportedFixtures))]
    public void ExportThenImportGivesBackTheSameReachability(string fixture, TerraformStyle style)
    {
        var full = TerraformFixtures.All().Single(f => f.Name == fixture).Estate;
        var export = TerraformExporter.TryExport(full, new TerraformExportOptions(style));
        Assert.True(export.IsOk, string.Join("; ", export.Errors));
        Assert.Equal(export.Content, TerraformExporter.TryExport(full, new TerraformExportOptions(style)).Content);
        var imported = TerraformImporter.Import(export.Content);
        Assert.True(imported.IsOk, imported.Error?.ToString());
        // The groups' reachability (the ACLs' round trip is TerraformAclRoundTripTests').
        var estate = full with { NetworkAcls = [] };
        var before = ReachabilityEngine.Build(estate).Matrix();
        var after = ReachabilityEngine.Build(estate with { Groups = imported.Estate!.Groups }).Matrix();
        var enis = estate.NetworkInterfaces.Select(n => n.Id).Distinct().ToList();
        foreach (var from in enis)
        {
            foreach (var to in enis.Where(e => e != from))
                Assert.True(before.Between(from, to) == after.Between(from, to), $"{from} → {to} differs after the round trip");
        }
        Assert.Equal(
            estate.Groups.Select(g => (g.Id, g.Rules.Length)).Order(),
            imported.Estate.Groups.Select(g => (g.Id, g.Rules.Length)).Order());
    }

    [Fact]
    public async Task EveryFixtureValidatesAndPlansInBothStylesOrIsRefusedWithItsReason()
    {
        var terraform = TerraformCli.Find();
        if (terraform is null)
            Assert.Skip("terraform is not on PATH, so the exports were not validated or planned");
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("sgd-terraform-").FullName;
        try
        {
            var cli = TerraformCli.Create(terraform, root);
            var all = Path.Combine(root, "all");
            var table = new List<string> { "| fixture | style | result |", "|---|---|---|" };
            var modules = new JsonObject();
            var resources = 0;
            foreach (var fixture in TerraformFixtures.All())
            {
                foreach (var style in Styles)
                {
                    var export = TerraformExporter.TryExport(fixture.Estate, new TerraformExportOptions(style));
                    var styleName = style.ToString().ToLowerInvariant();
                    if (fixture.Refusal is not null)
                    {
                        Assert.False(export.IsOk, $"{fixture.Name} ({styleName}) must be refused: {fixture.Refusal}");
                        var reason = export.Errors.FirstOrDefault(e => e.ToString().Contains(fixture.Refusal, StringComparison.Ordinal));
                        Assert.True(reason is not null, $"{fixture.Name} ({styleName}) is refused for another reason: {string.Join("; ", export.Errors)}");
                        table.Add($"| {fixture.Name} | {styleName} | refused: {reason} |");
                        continue;
                    }
                    Assert.True(export.IsOk, $"{fixture.Name} ({styleName}): {string.Join("; ", export.Errors)}");
                    var module = $"{fixture.Name}_{styleName}";
                    Directory.CreateDirectory(Path.Combine(all, module));
                    await File.WriteAllTextAsync(Path.Combine(all, module, "main.tf.json"), export.Content, ct);
                    modules[module] = new JsonObject { ["source"] = "./" + module };
                    var count = ResourceCount(export.Content!);
                    resources += count;
                    var note = export.RulesStyleGroups.IsEmpty ? "" : $"; in rules style (cycle): {string.Join(", ", export.RulesStyleGroups)}";
                    table.Add($"| {fixture.Name} | {styleName} | validated + planned ({count} resources{note}) |");
                }
            }
            await File.WriteAllTextAsync(Path.Combine(all, "main.tf.json"), new JsonObject { ["module"] = modules }.ToJsonString(), ct);
            await File.WriteAllTextAsync(Path.Combine(all, "provider.tf.json"), TerraformCli.FakeProvider, ct);

            // The provider block option: the export's own provider "aws", overridden by the fake one.
            var withProvider = Path.Combine(root, "provider-block");
            Directory.CreateDirectory(withProvider);
            var providerExport = TerraformExporter.TryExport(DemoEstate.Build(), new TerraformExportOptions(TerraformStyle.Rules, ProviderBlock: true));
            await File.WriteAllTextAsync(Path.Combine(withProvider, "main.tf.json"), providerExport.Content, ct);
            await File.WriteAllTextAsync(Path.Combine(withProvider, "provider_override.tf.json"), TerraformCli.FakeProvider, ct);

            await InitAsync(cli, all, ct);
            await InitAsync(cli, withProvider, ct);
            var plans = await Task.WhenAll(
                cli.RunAsync(all, ct, "plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=tfplan"),
                cli.RunAsync(withProvider, ct, "plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-var", "region=eu-west-1"));
            Assert.True(plans[0].ExitCode == 0, plans[0].Output);
            Assert.Contains($"Plan: {resources} to add, 0 to change, 0 to destroy.", plans[0].Output);
            Assert.True(plans[1].ExitCode == 0, plans[1].Output);
            Assert.Contains($"Plan: {ResourceCount(providerExport.Content!)} to add", plans[1].Output);
            table.Add("| demo with --provider-block | rules | validated + planned |");
            var shown = await cli.RunAsync(all, ct, "show", "-json", "-no-color", "tfplan");
            Assert.True(shown.ExitCode == 0, shown.Output);
            AclPlanAssertions.AssertPlannedAsExported(all, shown.Output);
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', table));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task InitAsync(TerraformCli cli, string directory, CancellationToken ct)
    {
        var init = await cli.RunAsync(directory, ct, "init", "-input=false", "-no-color", "-backend=false");
        Assert.True(init.ExitCode == 0, init.Output);
    }

    private static int ResourceCount(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("resource", out var resources)
            ? resources.EnumerateObject().Sum(type => type.Value.EnumerateObject().Count())
            : 0;
    }
}
