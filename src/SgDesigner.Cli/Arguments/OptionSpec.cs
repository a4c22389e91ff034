namespace SgDesigner.Cli.Arguments;

/// <summary>An option a command accepts.</summary>
/// <param name="Name">The long name with its dashes, e.g. <c>--port</c>.</param>
/// <param name="TakesValue">False for a switch such as <c>--json</c>.</param>
/// <param name="Many">True when it takes one or more values (<c>--prefix-lists A B</c>).</param>
/// <param name="Alias">A short name, e.g. <c>-o</c>.</param>
internal sealed record OptionSpec(string Name, bool TakesValue = true, bool Many = false, string? Alias = null)
{
    public static OptionSpec Switch(string name) => new(name, TakesValue: false);

    public static OptionSpec Output { get; } = new("--output", Alias: "-o");
}
