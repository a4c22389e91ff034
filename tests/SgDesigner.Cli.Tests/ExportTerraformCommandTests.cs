using System.Text.Json;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

public sealed class ExportTerraformCommandTests(Samples samples) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Rules_style_has_a_group_resource_per_group_and_a_rule_resource_per_rule()
    {
        // batfish-test-subnet: launch-wizard-1 and -2 (in tcp/22 from 0.0.0.0/0, out all) and default
        // (in all from itself, out all): three groups, six rules, three of them inbound.
        var output = _folder.File("main.tf.json");
        var run = SgdRun.Of("export", "terraform", samples.Policy("batfish-test-subnet"), "-o", output);

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var resources = doc.RootElement.GetProperty("resource");
        Assert.Equal(3, resources.GetProperty("aws_security_group").EnumerateObject().Count());
        var ingress = resources.GetProperty("aws_vpc_security_group_ingress_rule").EnumerateObject().Select(p => p.Value).ToList();
        Assert.Equal(3, ingress.Count);
        Assert.Equal(3, resources.GetProperty("aws_vpc_security_group_egress_rule").EnumerateObject().Count());
        Assert.Equal(2, ingress.Count(r => r.TryGetProperty("cidr_ipv4", out var c) && c.GetString() == "0.0.0.0/0"
            && r.GetProperty("from_port").GetInt32() == 22 && r.GetProperty("to_port").GetInt32() == 22));
        var self = Assert.Single(ingress, r => r.TryGetProperty("referenced_security_group_id", out _));
        Assert.Equal(self.GetProperty("security_group_id").GetString(), self.GetProperty("referenced_security_group_id").GetString());
        Assert.StartsWith("${aws_security_group.", self.GetProperty("referenced_security_group_id").GetString());
    }

    [Fact]
    public void Inline_style_puts_the_rules_inside_the_group_resources()
    {
        var run = SgdRun.Of("export", "terraform", samples.Policy("batfish-test-subnet"), "--style", "inline");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var resources = doc.RootElement.GetProperty("resource");
        Assert.False(resources.TryGetProperty("aws_vpc_security_group_ingress_rule", out _));
        Assert.All(resources.GetProperty("aws_security_group").EnumerateObject(), g => Assert.True(g.Value.TryGetProperty("ingress", out _)));
    }

    [Theory]
    [InlineData("rules")]
    [InlineData("inline")]
    public void Importing_the_export_back_gives_the_same_rules(string style)
    {
        var policy = samples.Policy("cloudmapper-demo");
        var tf = _folder.File($"{style}.tf.json");
        var back = _folder.File($"{style}-back.json");
        Assert.Equal(0, SgdRun.Of("export", "terraform", policy, "--style", style, "-o", tf).ExitCode);
        Assert.Equal(0, SgdRun.Of("import", "terraform", tf, "-o", back).ExitCode);

        var diff = SgdRun.Of("diff", policy, back, "--json");
        Assert.Equal(0, diff.ExitCode);
        using var doc = JsonDocument.Parse(diff.Stdout);
        Assert.Empty(doc.RootElement.GetProperty("rules").EnumerateArray());
        Assert.Empty(doc.RootElement.GetProperty("groupsAdded").EnumerateArray());
        Assert.Empty(doc.RootElement.GetProperty("groupsRemoved").EnumerateArray());
    }

    [Fact]
    public void An_unknown_style_is_a_usage_error()
    {
        var run = SgdRun.Of("export", "terraform", samples.Policy("batfish-test-subnet"), "--style", "modules");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--style: 'modules' is not one of rules, inline", run.ErrorLine);
    }

    public void Dispose() => _folder.Dispose();
}
