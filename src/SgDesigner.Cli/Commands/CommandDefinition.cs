using SgDesigner.Cli.Arguments;

namespace SgDesigner.Cli.Commands;

/// <summary>One <c>sgd</c> command: its name (one or two words), help text, options and action.</summary>
/// <param name="Name">As typed after <c>sgd</c>, e.g. <c>import aws</c>.</param>
/// <param name="Summary">One line for <c>sgd --help</c>.</param>
/// <param name="Usage">
/// The hand-written top of <c>sgd NAME --help</c> (synopsis, explanation, examples); the generated
/// Arguments and Options sections follow it.
/// </param>
/// <param name="Options">The options it accepts.</param>
/// <param name="Run">Runs it; returns the exit code or throws <see cref="CliError"/>.</param>
/// <param name="Arguments">
/// Its positional arguments, for help and parsing. Null: any positionals are passed through for the command to check
/// with <see cref="ParsedArguments.ExpectPositionals"/>.
/// </param>
internal sealed record CommandDefinition(
    string Name,
    string Summary,
    string Usage,
    IReadOnlyList<OptionSpec> Options,
    Func<ParsedArguments, CommandContext, int> Run,
    IReadOnlyList<ArgumentSpec>? Arguments = null);
