using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

public sealed class SgdFrameTests
{
    [Fact]
    public void No_arguments_prints_the_overview_on_stderr_and_exits_2()
    {
        var run = SgdRun.Of();
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Commands:", run.Stderr);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Help_lists_the_commands_and_exits_0()
    {
        var run = SgdRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exit codes", run.Stdout);
    }

    [Fact]
    public void An_unknown_command_is_one_usage_line_and_exit_2()
    {
        var run = SgdRun.Of("frobnicate", "x");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("sgd: unknown command 'frobnicate x' (see 'sgd --help')", run.ErrorLine);
    }

    [Theory]
    [InlineData("import aws")]
    [InlineData("import terraform")]
    [InlineData("reach")]
    [InlineData("matrix")]
    [InlineData("export terraform")]
    [InlineData("lint")]
    [InlineData("check")]
    [InlineData("diff")]
    [InlineData("bench")]
    public void Every_command_has_its_own_help(string command)
    {
        var run = SgdRun.Of([.. command.Split(' '), "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Usage: sgd {command}", run.Stdout);
        Assert.Contains(command, SgdRun.Of("--help").Stdout);
    }

    [Fact]
    public void Help_after_a_double_dash_is_an_argument_not_a_request_for_help()
    {
        var run = SgdRun.Of("lint", "--", "--help");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help: file not found", run.ErrorLine);
    }
}
