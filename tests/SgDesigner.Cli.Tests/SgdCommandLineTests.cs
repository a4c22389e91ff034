using SgDesigner.Cli.Commands;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

/// <summary>What System.CommandLine brings: generated help, typo suggestions, response files, unknown options.</summary>
public sealed class SgdCommandLineTests(Samples samples) : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<string> Commands() => [.. CommandCatalog.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_of_every_command_lists_each_option_and_argument_with_its_description(string name)
    {
        var definition = CommandCatalog.All.Single(c => c.Name == name);
        var run = SgdRun.Of([.. name.Split(' '), "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
        var lines = run.Stdout.Split('\n').SkipWhile(l => l != "Options:").ToList();
        foreach (var option in definition.Options)
        {
            var label = (option.Alias is null ? option.Name : $"{option.Alias}, {option.Name}") + " ";
            var line = Assert.Single(lines, l => l.StartsWith("  " + label, StringComparison.Ordinal));
            Assert.Contains(option.Description!.Split(' ')[0], line);
        }
        foreach (var argument in definition.Arguments ?? [])
            Assert.Contains($"<{argument.Name}>", run.Stdout);
        Assert.Contains("--help", run.Stdout);
    }

    [Fact]
    public void A_group_lists_its_commands_and_a_group_alone_names_them()
    {
        var help = SgdRun.Of("import", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("sgd import aws", help.Stdout);
        Assert.Contains("sgd import terraform", help.Stdout);

        var bare = SgdRun.Of("import");
        Assert.Equal(2, bare.ExitCode);
        Assert.Equal("sgd import: a command is required: aws, terraform (see 'sgd import --help')", bare.ErrorLine);
    }

    [Fact]
    public void A_mistyped_command_exits_2_and_suggests_the_right_one()
    {
        var run = SgdRun.Of("rech", samples.Policy("batfish-test-subnet"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("sgd: unknown command 'rech ", run.ErrorLine);
        Assert.EndsWith("did you mean 'reach'?", run.ErrorLine);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void An_unknown_option_exits_2_naming_it_and_a_near_one()
    {
        var run = SgdRun.Of("lint", samples.Policy("batfish-test-subnet"), "--jsn");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("sgd lint: unknown option '--jsn' (see 'sgd lint --help'); did you mean '--json'?", run.ErrorLine);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void An_unknown_option_before_any_command_is_named()
    {
        var run = SgdRun.Of("--bogus");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("sgd: unknown option '--bogus' (see 'sgd --help')", run.ErrorLine);
    }

    [Fact]
    public void A_response_file_supplies_the_arguments()
    {
        var policy = samples.Policy("batfish-test-subnet");
        var rsp = _folder.Write("query.rsp", $"""
            # the flow a pipeline asks about
            {policy}
            --from 8.8.8.8 --to 10.10.1.44
            --protocol tcp
            --port 22
            --json
            """);
        var direct = SgdRun.Of("reach", policy, "--from", "8.8.8.8", "--to", "10.10.1.44", "--protocol", "tcp", "--port", "22", "--json");
        var viaFile = SgdRun.Of("reach", "@" + rsp);

        Assert.Equal(0, viaFile.ExitCode);
        Assert.Equal(direct.Stdout, viaFile.Stdout);
        Assert.Contains("\"allowed\": true", viaFile.Stdout);
    }

    [Fact]
    public void A_missing_response_file_is_a_usage_error_naming_it()
    {
        var run = SgdRun.Of("reach", "@" + _folder.File("nope.rsp"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.rsp", run.ErrorLine);
    }

    [Fact]
    public void The_suggest_directive_completes_command_names_for_shells()
    {
        var run = SgdRun.Of("[suggest:6]", "sgd re");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["reach"], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public void Dispose() => _folder.Dispose();
}
