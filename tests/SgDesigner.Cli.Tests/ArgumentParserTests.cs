using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Commands;

namespace SgDesigner.Cli.Tests;

/// <summary>The System.CommandLine tree built from command definitions, read back through <see cref="ParsedArguments"/>.</summary>
public sealed class ArgumentParserTests
{
    private static readonly CommandDefinition Probe = new(
        "t", "a probe", "Usage: sgd t ARG [options]\n",
        [new("--port"), new("--icmp-type"), OptionSpec.Switch("--json"), new("--prefix-lists", Many: true), OptionSpec.Output,
         new("--token", EnvironmentVariable: "SGD_TEST_TOKEN")],
        (_, _) => 0);

    private static ParsedArguments Parse(string[] args, Func<string, string?>? environment = null)
    {
        var tree = new CommandLineTree([Probe], "overview");
        var result = tree.Root.Parse(["t", .. args]);
        if (result.Errors.Count > 0)
            throw new CliError(ParseErrorLine.Of(result, tree, ["t", .. args]), namesCommand: true);
        return tree.Read(result, ["t", .. args], environment ?? (_ => null));
    }

    [Fact]
    public void Values_switches_aliases_and_equals_forms_are_read()
    {
        var parsed = Parse(["policy.json", "--port=22", "--json", "-o", "out.txt", "--icmp-type", "-1"]);
        Assert.Equal(["policy.json"], parsed.Positionals);
        Assert.Equal(22, parsed.Int("--port", 0, 65535));
        Assert.Equal(-1, parsed.Int("--icmp-type", -1, 255));
        Assert.True(parsed.Has("--json"));
        Assert.Equal("out.txt", parsed.Value("--output"));
        Assert.False(parsed.Has("--token"));
    }

    [Fact]
    public void An_option_with_several_values_takes_every_value_up_to_the_next_option()
    {
        var parsed = Parse(["--prefix-lists", "a.json", "b.json", "--json", "c"]);
        Assert.Equal(["a.json", "b.json"], parsed.Values("--prefix-lists"));
        Assert.Equal(["c"], parsed.Positionals);
    }

    [Fact]
    public void A_definition_without_argument_specs_passes_positionals_through_for_ExpectPositionals()
    {
        var parsed = Parse(["a", "b"]);
        Assert.Equal(["a", "b"], parsed.Positionals);
        var e = Assert.Throws<CliError>(() => parsed.ExpectPositionals("POLICY"));
        Assert.Equal("sgd t: unexpected argument 'b' (see 'sgd t --help')", e.Message);
    }

    [Fact]
    public void An_option_not_given_falls_back_to_its_environment_variable()
    {
        var environment = (string name) => name == "SGD_TEST_TOKEN" ? "from-env" : null;
        Assert.Equal("from-env", Parse([], environment).Value("--token"));
        Assert.True(Parse([], environment).Has("--token"));
        Assert.Equal("given", Parse(["--token", "given"], environment).Value("--token"));
    }

    [Theory]
    [InlineData(new[] { "--nope" }, "unknown option '--nope'")]
    [InlineData(new[] { "--port" }, "--port needs a value")]
    [InlineData(new[] { "--port", "1", "--port", "2" }, "--port is given twice")]
    [InlineData(new[] { "--json=yes" }, "--json takes no value")]
    public void Bad_options_are_usage_errors_naming_the_flag(string[] args, string expected)
    {
        var e = Assert.Throws<CliError>(() => Parse(args));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("sgd t: ", e.Message);
    }

    [Fact]
    public void A_number_out_of_range_names_the_flag_and_the_range()
    {
        var parsed = Parse(["--port", "70000"]);
        var e = Assert.Throws<CliError>(() => parsed.Int("--port", 0, 65535));
        Assert.Contains("--port: '70000' is not a whole number in 0..65,535", e.Message);
    }
}
