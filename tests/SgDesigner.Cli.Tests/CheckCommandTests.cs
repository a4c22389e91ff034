using System.Text.Json;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

/// <summary>On batfish-test-subnet both instances admit only tcp/22 (from 0.0.0.0/0) and send anything.</summary>
public sealed class CheckCommandTests(Samples samples) : IDisposable
{
    private const string Wizard2 = "i-08ef86e76fceabd8d";
    private const string Wizard1 = "i-07519d6ba3f9497e4";
    private readonly TempFolder _folder = new();

    private string Policy => samples.Policy("batfish-test-subnet");

    [Fact]
    public void Assertions_that_all_hold_exit_0()
    {
        var file = _folder.Write("ok.jsonl", $$"""
            # ssh is open between the instances, http is not
            {"from": "{{Wizard2}}", "to": "{{Wizard1}}", "protocol": "tcp", "port": 22, "expect": "allow"}
            {"from": "{{Wizard2}}", "to": "{{Wizard1}}", "protocol": "tcp", "port": 80, "expect": "deny"}
            {"from": "203.0.113.7", "to": "10.10.1.228", "protocol": "tcp", "port": 22, "allow": true}
            """);
        var run = SgdRun.Of("check", Policy, "--assertions", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3 passed, 0 failed", run.Stdout);
    }

    [Fact]
    public void A_failed_assertion_is_exit_1_naming_it_with_the_reason()
    {
        var file = _folder.Write("fail.jsonl", $$"""
            {"from": "{{Wizard2}}", "to": "{{Wizard1}}", "protocol": "tcp", "port": 22, "expect": "allow"}
            {"from": "{{Wizard2}}", "to": "{{Wizard1}}", "protocol": "tcp", "port": 443, "expect": "allow", "name": "https"}
            {"from": "{{Wizard1}}", "to": "{{Wizard2}}", "protocol": "tcp", "port": 22, "expect": "deny"}
            """);
        var run = SgdRun.Of("check", Policy, "--assertions", file, "--json");

        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var failed = doc.RootElement.GetProperty("results").EnumerateArray().Where(r => !r.GetProperty("passed").GetBoolean()).ToList();
        Assert.Equal([2, 3], failed.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("https", failed[0].GetProperty("name").GetString());
        Assert.False(failed[0].GetProperty("allowed").GetBoolean());
        Assert.True(failed[1].GetProperty("allowed").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(failed[0].GetProperty("explanation").GetString()));
        Assert.Equal(1, doc.RootElement.GetProperty("passed").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("failed").GetInt32());
    }

    [Fact]
    public void The_text_report_names_every_failed_line()
    {
        var file = _folder.Write("fail.jsonl", $$"""
            {"from": "{{Wizard2}}", "to": "{{Wizard1}}", "protocol": "udp", "port": 53, "expect": "allow"}
            {"from": "{{Wizard1}}", "to": "{{Wizard2}}", "protocol": "tcp", "port": 22, "expect": "deny"}
            """);
        var run = SgdRun.Of("check", Policy, "--assertions", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL line 1", run.Stdout);
        Assert.Contains("FAIL line 2", run.Stdout);
    }

    [Fact]
    public void A_malformed_line_is_exit_2_naming_the_file_and_line()
    {
        var file = _folder.Write("bad.jsonl", $$"""
            {"from": "{{Wizard2}}", "to": "{{Wizard1}}", "protocol": "tcp", "port": 22, "expect": "allow"}
            {"from": "{{Wizard2}}", "protocol": "tcp", "port": 22, "expect": "allow"}
            """);
        var run = SgdRun.Of("check", Policy, "--assertions", file);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {file}: line 2", run.ErrorLine);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void An_unknown_endpoint_is_exit_2_naming_the_line()
    {
        var file = _folder.Write("unknown.jsonl", $$"""
            {"from": "i-0000000", "to": "{{Wizard1}}", "protocol": "tcp", "port": 22, "expect": "allow"}
            """);
        var run = SgdRun.Of("check", Policy, "--assertions", file);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {file}: line 1: ", run.ErrorLine);
        Assert.Contains("i-0000000", run.ErrorLine);
    }

    [Fact]
    public void Assertions_are_required()
    {
        var run = SgdRun.Of("check", Policy);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--assertions is required", run.ErrorLine);
    }

    public void Dispose() => _folder.Dispose();
}
