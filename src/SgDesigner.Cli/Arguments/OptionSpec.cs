namespace SgDesigner.Cli.Arguments;

/// <summary>An option a command accepts; <see cref="CommandLineTree"/> turns it into a System.CommandLine option.</summary>
/// <param name="Name">The long name with its dashes, e.g. <c>--port</c>.</param>
/// <param name="TakesValue">False for a switch such as <c>--json</c>.</param>
/// <param name="Many">True when it takes one or more values (<c>--prefix-lists A B</c>).</param>
/// <param name="Alias">A short name, e.g. <c>-o</c>.</param>
/// <param name="Description">Its line in the command's generated help.</param>
/// <param name="ValueName">The value's name in help (<c>--port N</c>); by default the name in capitals.</param>
/// <param name="EnvironmentVariable">
/// Read when the option is not given (e.g. <c>SGD_TOKEN</c>): <see cref="ParsedArguments"/> then reports that value.
/// </param>
/// <param name="Completions">The values shell completion offers (e.g. <c>json</c>, <c>csv</c>); checked by the command.</param>
internal sealed record OptionSpec(
    string Name,
    bool TakesValue = true,
    bool Many = false,
    string? Alias = null,
    string? Description = null,
    string? ValueName = null,
    string? EnvironmentVariable = null,
    IReadOnlyList<string>? Completions = null)
{
    public static OptionSpec Switch(string name, string? description = null) =>
        new(name, TakesValue: false, Description: description);

    public static OptionSpec Output { get; } = Writes("write the result to FILE instead of stdout");

    /// <summary><c>-o, --output FILE</c> with a description naming what is written.</summary>
    public static OptionSpec Writes(string description, string valueName = "FILE") =>
        new("--output", Alias: "-o", Description: description, ValueName: valueName);
}
