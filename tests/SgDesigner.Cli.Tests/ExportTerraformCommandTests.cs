using System.Text.Json;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

public sealed class ExportTerraformCommandTests(Samples samples) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Rules_style_has_a_group_resource_per_group_and_a_rule_resource_per_rule()
    {
        // batfish-test-subnet: launch-wizard-1 and -2 (in tcp/22 from 0.0.0.0/0, out all) and the VPC's default group
        // (in all from itself, out all), which is adopted with aws_default_security_group and keeps its rules as blocks.
        var output = _folder.File("main.tf.json");
        var run = SgdRun.Of("export", "terraform", samples.Policy("batfish-test-subnet"), "-o", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sgd: note: The default groups", run.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var resources = doc.RootElement.GetProperty("resource");
        Assert.Equal(2, resources.GetProperty("aws_security_group").EnumerateObject().Count());
        var adopted = Assert.Single(resources.GetProperty("aws_default_security_group").EnumerateObject()).Value;
        Assert.True(adopted.GetProperty("ingress")[0].GetProperty("self").GetBoolean());
        var ingress = resources.GetProperty("aws_vpc_security_group_ingress_rule").EnumerateObject().Select(p => p.Value).ToList();
        Assert.Equal(2, ingress.Count);
        Assert.Equal(2, resources.GetProperty("aws_vpc_security_group_egress_rule").EnumerateObject().Count());
        Assert.All(ingress, r => Assert.True(r.GetProperty("cidr_ipv4").GetString() == "0.0.0.0/0"
            && r.GetProperty("from_port").GetInt32() == 22 && r.GetProperty("to_port").GetInt32() == 22));
        Assert.StartsWith("${aws_security_group.", ingress[0].GetProperty("security_group_id").GetString());
        Assert.Equal("hashicorp/aws", doc.RootElement.GetProperty("terraform").GetProperty("required_providers").GetProperty("aws").GetProperty("source").GetString());
        Assert.False(doc.RootElement.TryGetProperty("provider", out _));
    }

    [Fact]
    public void An_invalid_policy_is_refused_naming_every_error_and_nothing_is_written()
    {
        var policy = Policies.Write(_folder, "bad.json", Policies.Estate(
            [
                Policies.Group("sg-1", "sg-web", Policies.Inbound("sgr-1", Core.Model.IpProtocol.Icmp, -1, 9, new Core.Model.CidrPeer(Policies.Block("10.0.0.0/8")))),
                Policies.Group("sg-2", "db", Policies.Inbound("sgr-2", Core.Model.IpProtocol.Tcp, 22, 22, new Core.Model.GroupPeer("sg-gone"))),
            ],
            []));
        var output = _folder.File("main.tf.json");
        var run = SgdRun.Of("export", "terraform", policy, "-o", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot export: 3 error(s)", run.ErrorLine);
        Assert.Contains("groups[sg-1].name: a group name cannot start with 'sg-'", run.ErrorLine);
        Assert.Contains("groups[sg-1].rules[sgr-1].toPort: ICMP code 9 needs a specific type", run.ErrorLine);
        Assert.Contains("groups[sg-2].rules[sgr-2].peer: security group 'sg-gone' does not exist", run.ErrorLine);
        Assert.Empty(run.Stdout);
        Assert.Empty(Directory.GetFiles(_folder.Path, "main.tf.json*"));
    }

    [Fact]
    public void Inline_groups_in_a_cycle_are_written_in_rules_style_with_a_note_and_the_provider_block_is_optional()
    {
        var policy = Policies.Write(_folder, "cycle.json", Policies.Estate(
            [
                Policies.Group("sg-a", "app", Policies.Inbound("sgr-1", Core.Model.IpProtocol.Tcp, 80, 80, new Core.Model.GroupPeer("sg-b"))),
                Policies.Group("sg-b", "lb", Policies.Outbound("sgr-2", Core.Model.IpProtocol.Tcp, 80, 80, new Core.Model.GroupPeer("sg-a")),
                    Policies.Inbound("sgr-3", Core.Model.IpProtocol.Tcp, 443, 443, new Core.Model.GroupPeer("sg-a"))),
            ],
            []));
        var run = SgdRun.Of("export", "terraform", policy, "--style", "inline", "--provider-block");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sgd: note: Groups app (sg-a), lb (sg-b) reference each other in a cycle", run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("resource").GetProperty("aws_vpc_security_group_ingress_rule").EnumerateObject().Count());
        Assert.Equal("${var.region}", doc.RootElement.GetProperty("provider").GetProperty("aws").GetProperty("region").GetString());
        Assert.Contains("rules style", doc.RootElement.GetProperty("//").GetString());
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
