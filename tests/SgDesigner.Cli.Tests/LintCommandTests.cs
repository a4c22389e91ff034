using System.Text.Json;
using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Model;
using static SgDesigner.Cli.Tests.Support.Policies;

namespace SgDesigner.Cli.Tests;

public sealed class LintCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // sg-web admits ssh from anywhere: an administrative port open to the world.
    private string OpenSsh() => Write(_folder, "open-ssh.json", Estate(
        [Group("sg-web", "web", Inbound("sgr-ssh", IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4)), EgressAll("sgr-out"))],
        [Eni("eni-1", "10.0.1.10", "sg-web")]));

    // Only a group that no ENI uses: worth knowing (info), nothing dangerous.
    private string UnusedGroup() => Write(_folder, "unused.json", Estate(
        [Group("sg-web", "web", EgressAll("sgr-out")), Group("sg-idle", "idle", EgressAll("sgr-idle"))],
        [Eni("eni-1", "10.0.1.10", "sg-web")]));

    [Fact]
    public void Ssh_open_to_the_world_is_an_error_finding_and_exit_1()
    {
        var run = SgdRun.Of("lint", OpenSsh());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("sg-web sgr-ssh", run.Stdout);
        Assert.Contains("why:", run.Stdout);
    }

    [Fact]
    public void The_json_report_names_the_check_severity_group_and_rule()
    {
        var run = SgdRun.Of("lint", OpenSsh(), "--json");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var ssh = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("rule").GetString() == "sgr-ssh" && f.GetProperty("severity").GetString() == "error");
        Assert.Equal("sg-web", ssh.GetProperty("group").GetString());
        Assert.StartsWith("SGD", ssh.GetProperty("id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(ssh.GetProperty("why").GetString()));
        Assert.Equal(["CKV_AWS_24"], ssh.GetProperty("checkov").EnumerateArray().Select(c => c.GetString()));
        Assert.True(doc.RootElement.GetProperty("failed").GetBoolean());
    }

    [Fact]
    public void Fail_on_sets_the_threshold_for_exit_1()
    {
        var policy = UnusedGroup();
        Assert.Equal(0, SgdRun.Of("lint", policy).ExitCode);
        Assert.Equal(0, SgdRun.Of("lint", policy, "--fail-on", "warning").ExitCode);
        var strict = SgdRun.Of("lint", policy, "--fail-on", "info", "--json");
        Assert.Equal(1, strict.ExitCode);
        using var doc = JsonDocument.Parse(strict.Stdout);
        Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("group").GetString() == "sg-idle");
    }

    [Fact]
    public void An_unknown_fail_on_level_is_a_usage_error_naming_the_flag()
    {
        var run = SgdRun.Of("lint", OpenSsh(), "--fail-on", "fatal");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--fail-on: 'fatal' is not one of info, warning, error", run.ErrorLine);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Output_goes_to_the_file_named_by_o()
    {
        var report = _folder.File("lint.json");
        var run = SgdRun.Of("lint", OpenSsh(), "--json", "-o", report);
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        Assert.NotEmpty(doc.RootElement.GetProperty("findings").EnumerateArray());
    }

    public void Dispose() => _folder.Dispose();
}
