using SgDesigner.Cli.Arguments;

namespace SgDesigner.Cli.Tests;

public sealed class ArgumentParserTests
{
    private static readonly OptionSpec[] Specs =
        [new("--port"), new("--icmp-type"), OptionSpec.Switch("--json"), new("--prefix-lists", Many: true), OptionSpec.Output];

    [Fact]
    public void Values_switches_aliases_and_equals_forms_are_read()
    {
        var parsed = ArgumentParser.Parse("sgd t", ["policy.json", "--port=22", "--json", "-o", "out.txt", "--icmp-type", "-1"], Specs);
        Assert.Equal(["policy.json"], parsed.Positionals);
        Assert.Equal(22, parsed.Int("--port", 0, 65535));
        Assert.Equal(-1, parsed.Int("--icmp-type", -1, 255));
        Assert.True(parsed.Has("--json"));
        Assert.Equal("out.txt", parsed.Value("--output"));
    }

    [Fact]
    public void An_option_with_several_values_takes_every_value_up_to_the_next_option()
    {
        var parsed = ArgumentParser.Parse("sgd t", ["--prefix-lists", "a.json", "b.json", "--json", "c"], Specs);
        Assert.Equal(["a.json", "b.json"], parsed.Values("--prefix-lists"));
        Assert.Equal(["c"], parsed.Positionals);
    }

    [Theory]
    [InlineData(new[] { "--nope" }, "unknown option '--nope'")]
    [InlineData(new[] { "--port" }, "--port needs a value")]
    [InlineData(new[] { "--port", "1", "--port", "2" }, "--port is given twice")]
    [InlineData(new[] { "--json=yes" }, "--json takes no value")]
    public void Bad_options_are_usage_errors_naming_the_flag(string[] args, string expected)
    {
        var e = Assert.Throws<CliError>(() => ArgumentParser.Parse("sgd t", args, Specs));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("sgd t: ", e.Message);
    }

    [Fact]
    public void A_number_out_of_range_names_the_flag_and_the_range()
    {
        var parsed = ArgumentParser.Parse("sgd t", ["--port", "70000"], Specs);
        var e = Assert.Throws<CliError>(() => parsed.Int("--port", 0, 65535));
        Assert.Contains("--port: '70000' is not a whole number in 0..65,535", e.Message);
    }
}
