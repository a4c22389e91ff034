using System.Globalization;
using SgDesigner.Core.Validation;

namespace SgDesigner.Cli.Arguments;

/// <summary>
/// The positional arguments and options of one command line, with typed, checked access: what a command's
/// <c>Run</c> reads. <see cref="CommandLineTree.Read"/> fills it from System.CommandLine's parse (an option not given
/// holds its <see cref="OptionSpec.EnvironmentVariable"/>'s value when that is set).
/// </summary>
internal sealed class ParsedArguments(
    string command, List<string> positionals, Dictionary<string, List<string>> options, Func<string, string?>? environment = null)
{
    /// <summary>The command as the user would type it, e.g. <c>sgd reach</c>.</summary>
    public string Command { get; } = command;

    public IReadOnlyList<string> Positionals => positionals;

    public bool Has(string name) => options.ContainsKey(name);

    public string? Value(string name) => options.TryGetValue(name, out var v) ? v[0] : null;

    public IReadOnlyList<string> Values(string name) => options.TryGetValue(name, out var v) ? v : [];

    /// <summary>An environment variable as the host reads it (tests give their own), or null when unset or empty.</summary>
    public string? Environment(string name) => (environment ?? System.Environment.GetEnvironmentVariable)(name) is { Length: > 0 } value ? value : null;

    public string Required(string name) => Value(name) ?? throw Usage($"{name} is required");

    /// <summary>The integer value of <paramref name="name"/>, checked against its range, or null when absent.</summary>
    public int? Int(string name, int min, int max)
    {
        var text = Value(name);
        if (text is null)
            return null;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Usage($"{name}: {QuotedValue.Of(text)} is not a whole number in {min.ToString("N0", CultureInfo.InvariantCulture)}..{max.ToString("N0", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Checks the number of positional arguments, naming the missing or extra ones.</summary>
    public void ExpectPositionals(params string[] names)
    {
        if (positionals.Count < names.Length)
            throw Usage($"{names[positionals.Count]} is missing");
        if (positionals.Count > names.Length)
            throw Usage($"unexpected argument '{positionals[names.Length]}'");
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), or <paramref name="fallback"/> when absent.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        var text = Value(name);
        if (text is null)
            return fallback;
        return allowed.FirstOrDefault(a => a.Equals(text, StringComparison.OrdinalIgnoreCase))
            ?? throw Usage($"{name}: {QuotedValue.Of(text)} is not one of {string.Join(", ", allowed)}");
    }

    public CliError Usage(string problem) => new($"{Command}: {problem} (see '{Command} --help')", namesCommand: true);
}
