using System.Text.Json;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

/// <summary>
/// Expected answers come from the samples' rules: in batfish-test-subnet both instances admit tcp/22 from
/// 0.0.0.0/0 and allow all out; in cloudmapper-demo Web1/Web2 (sg-00000004) admit tcp/8000 from the
/// Bastion group sg-00000002, and the Bastion admits tcp/22 only from 1.1.1.1/32 and 2.2.2.0/28.
/// </summary>
public sealed class ReachCommandTests(Samples samples) : IDisposable
{
    private const string Wizard2 = "i-08ef86e76fceabd8d";   // 10.10.1.228
    private const string Wizard1 = "i-07519d6ba3f9497e4";   // 10.10.1.44
    private readonly TempFolder _folder = new();

    private string Subnet => samples.Policy("batfish-test-subnet");

    private string Demo => samples.Policy("cloudmapper-demo");

    [Fact]
    public void Ssh_between_the_two_subnet_instances_is_allowed_with_the_deciding_rules()
    {
        var run = SgdRun.Of("reach", Subnet, "--from", Wizard2, "--to", Wizard1, "--protocol", "tcp", "--port", "22", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("allowed").GetBoolean());
        var egress = Assert.Single(root.GetProperty("egress").EnumerateArray());
        Assert.Equal("all", egress.GetProperty("protocol").GetString());
        Assert.Equal("0.0.0.0/0", egress.GetProperty("cidr").GetString());
        var ingress = Assert.Single(root.GetProperty("ingress").EnumerateArray());
        Assert.Equal(22, ingress.GetProperty("fromPort").GetInt32());
        Assert.Equal("0.0.0.0/0", ingress.GetProperty("cidr").GetString());
        Assert.True(root.GetProperty("returnTrafficAllowed").GetBoolean());
    }

    [Fact]
    public void The_text_answer_gives_the_verdict_the_rules_and_the_stateful_reply()
    {
        var run = SgdRun.Of("reach", Subnet, "--from", "10.10.1.44", "--to", "10.10.1.228", "--protocol", "tcp", "--port", "22");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("ALLOWED", run.Stdout);
        Assert.Contains("inbound tcp 22 from 0.0.0.0/0", run.Stdout);
        Assert.Contains("stateful", run.Stdout);
    }

    [Fact]
    public void Http_is_denied_by_the_destination_ingress()
    {
        var run = SgdRun.Of("reach", Subnet, "--from", "8.8.8.8", "--to", Wizard1, "--protocol", "tcp", "--port", "80");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("DENIED", run.Stdout);
        Assert.Contains("22", run.Stdout);
    }

    [Fact]
    public void A_denial_names_the_denying_side_and_the_nearest_miss()
    {
        // launch-wizard-1's only inbound rule is tcp/22 from 0.0.0.0/0: it covers the source, not the port.
        var run = SgdRun.Of("reach", Subnet, "--from", "8.8.8.8", "--to", Wizard1, "--protocol", "tcp", "--port", "80", "--json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("allowed").GetBoolean());
        Assert.Equal("destinationIngress", root.GetProperty("deniedBy").GetString());
        var miss = Assert.Single(root.GetProperty("nearestMisses").EnumerateArray());
        Assert.Equal(22, miss.GetProperty("rule").GetProperty("fromPort").GetInt32());
        Assert.Equal("0.0.0.0/0", miss.GetProperty("rule").GetProperty("cidr").GetString());
    }

    [Fact]
    public void The_bastion_group_reaches_the_internal_web_on_8000_by_instance_name()
    {
        var run = SgdRun.Of("reach", Demo, "--from", "Bastion", "--to", "Web1", "--protocol", "tcp", "--port", "8000", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.True(doc.RootElement.GetProperty("allowed").GetBoolean());
        var ingress = Assert.Single(doc.RootElement.GetProperty("ingress").EnumerateArray());
        Assert.Equal("sg-00000004", ingress.GetProperty("group").GetString());
        Assert.Equal("sg-00000002", ingress.GetProperty("groupId").GetString());
    }

    [Theory]
    [InlineData("Web1", "Bastion", 22, false)]     // the Bastion admits ssh only from 1.1.1.1/32 and 2.2.2.0/28
    [InlineData("1.1.1.1", "Bastion", 22, true)]
    [InlineData("2.2.2.5", "Bastion", 22, true)]   // inside 2.2.2.0/28, the masked 2.2.2.2/28
    [InlineData("2.2.2.20", "Bastion", 22, false)]
    [InlineData("Web1", "Web2", 8000, false)]      // sg-00000004 admits 8000 from sg-00000002/3, not from itself
    public void Demo_verdicts_follow_the_rules(string from, string to, int port, bool allowed)
    {
        var run = SgdRun.Of("reach", Demo, "--from", from, "--to", to, "--protocol", "tcp", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(allowed, doc.RootElement.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public void A_batch_answers_every_line_in_order_and_an_error_line_makes_exit_2()
    {
        var batch = _folder.Write("queries.jsonl", string.Join('\n',
            $$"""{"from": "{{Wizard2}}", "to": "{{Wizard1}}", "protocol": "tcp", "port": 22}""",
            """{"from": "i-nope", "to": "10.10.1.44", "protocol": "tcp", "port": 22}""",
            $$"""{"from": "{{Wizard1}}", "to": "{{Wizard2}}", "protocol": "udp", "port": 53}""",
            """{"from": "8.8.8.8", "to": "10.10.1.228", "protocol": "icmp", "icmpType": 8, "icmpCode": 0}""",
            """{"from": "8.8.8.8", "to": "10.10.1.228", "protocol": "tcp", "port": "http"}""",
            ""));
        var run = SgdRun.Of("reach", Subnet, "--batch", batch);

        Assert.Equal(2, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, lines.Count);
        Assert.True(lines[0].GetProperty("allowed").GetBoolean());
        Assert.Equal(Wizard2, lines[0].GetProperty("from").GetString());
        Assert.Equal("tcp", lines[0].GetProperty("protocol").GetString());
        Assert.Contains("i-nope", lines[1].GetProperty("error").GetString());
        Assert.StartsWith("line 2:", lines[1].GetProperty("error").GetString());
        Assert.False(lines[2].GetProperty("allowed").GetBoolean());
        Assert.Empty(lines[2].GetProperty("ingress").EnumerateArray());
        Assert.False(lines[3].GetProperty("allowed").GetBoolean());
        Assert.Contains("port", lines[4].GetProperty("error").GetString());
        Assert.StartsWith($"sgd: {batch}: line 2: ", run.ErrorLine);
    }

    [Fact]
    public void A_batch_line_that_gives_a_field_twice_is_an_error_not_the_last_value()
    {
        var batch = _folder.Write("twice.jsonl", $$"""{"from": "{{Wizard2}}", "to": "{{Wizard1}}", "protocol": "tcp", "port": 22, "port": 23}""" + "\n");
        var run = SgdRun.Of("reach", Subnet, "--batch", batch);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("line 1: the property 'port' appears twice in one object; give it once",
            JsonDocument.Parse(run.Stdout).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void A_clean_batch_exits_0()
    {
        var batch = _folder.Write("ok.jsonl", $$"""{"from": "{{Wizard2}}", "to": "{{Wizard1}}", "protocol": "6", "port": 22}""" + "\n");
        var run = SgdRun.Of("reach", Subnet, "--batch", batch);
        Assert.Equal(0, run.ExitCode);
        Assert.True(JsonDocument.Parse(run.Stdout).RootElement.GetProperty("allowed").GetBoolean());
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void An_unknown_endpoint_is_exit_2_naming_the_policy_and_the_flag()
    {
        var run = SgdRun.Of("reach", Subnet, "--from", "i-0000", "--to", Wizard1, "--protocol", "tcp", "--port", "22");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {Subnet}: --from: ", run.ErrorLine);
        Assert.Contains("i-0000", run.ErrorLine);
        Assert.Empty(run.Stdout);
    }

    [Theory]
    [InlineData("--port", "x", "--port: 'x' is not a whole number")]
    [InlineData("--protocol", "tcpp", "--protocol: unknown protocol 'tcpp'")]
    [InlineData("--icmp-type", "8", "--icmp-type applies to icmp and icmpv6 only")]
    public void Bad_flags_are_usage_errors_naming_the_flag(string flag, string value, string expected)
    {
        var args = new List<string> { "reach", Subnet, "--from", Wizard1, "--to", Wizard2, "--protocol", "tcp", "--port", "22" };
        var i = args.IndexOf(flag);
        if (i >= 0)
            args[i + 1] = value;
        else
            args.AddRange([flag, value]);
        var run = SgdRun.Of([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.ErrorLine);
    }

    [Fact]
    public void Tcp_without_a_port_is_a_usage_error()
    {
        var run = SgdRun.Of("reach", Subnet, "--from", Wizard1, "--to", Wizard2, "--protocol", "tcp");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--port is required for tcp", run.ErrorLine);
    }

    public void Dispose() => _folder.Dispose();
}
