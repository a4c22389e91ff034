using SgDesigner.Cli.Arguments;

namespace SgDesigner.Cli.Commands;

/// <summary>One <c>sgd</c> command: its name (one or two words), help text, options and action.</summary>
/// <param name="Name">As typed after <c>sgd</c>, e.g. <c>import aws</c>.</param>
/// <param name="Summary">One line for <c>sgd --help</c>.</param>
/// <param name="Usage">The full help text of <c>sgd NAME --help</c>.</param>
/// <param name="Options">The options it accepts.</param>
/// <param name="Run">Runs it; returns the exit code or throws <see cref="CliError"/>.</param>
internal sealed record CommandDefinition(
    string Name,
    string Summary,
    string Usage,
    IReadOnlyList<OptionSpec> Options,
    Func<ParsedArguments, CommandContext, int> Run);
