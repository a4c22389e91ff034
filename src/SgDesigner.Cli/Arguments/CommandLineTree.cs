using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using SgDesigner.Cli.Commands;
using SgDesigner.Core.Validation;

namespace SgDesigner.Cli.Arguments;

/// <summary>
/// The System.CommandLine tree, built from the command definitions (<see cref="CommandCatalog.All"/>): a command per
/// definition under its first word ("import aws" under "import"), an option per <see cref="OptionSpec"/>, an argument
/// per <see cref="ArgumentSpec"/>. Commands keep reading their values through <see cref="ParsedArguments"/>.
/// </summary>
internal sealed class CommandLineTree
{
    private readonly Dictionary<Command, Leaf> _leaves = [];

    public CommandLineTree(IReadOnlyList<CommandDefinition> definitions, string overview)
    {
        Root = new RootCommand(overview);
        foreach (var definition in definitions)
        {
            var words = definition.Name.Split(' ');
            Command parent = Root;
            foreach (var word in words[..^1])
                parent = parent.Subcommands.FirstOrDefault(c => c.Name == word) ?? AddGroup(parent, word);
            var leaf = Leaf.Of(definition, words[^1]);
            parent.Subcommands.Add(leaf.Command);
            _leaves[leaf.Command] = leaf;
        }
        var help = Root.Options.OfType<HelpOption>().Single();
        // Wrapped at a width that reads well in a terminal and in a file alike.
        var generated = (HelpAction)help.Action!;
        generated.MaxWidth = 110;
        help.Action = new HelpLayout(generated, this, definitions);
    }

    /// <summary>The root, named after the running executable; its help is the overview.</summary>
    public RootCommand Root { get; }

    /// <summary>The definition a parsed command runs, or null for the root and groups such as <c>import</c>.</summary>
    public CommandDefinition? DefinitionOf(Command command) => _leaves.GetValueOrDefault(command)?.Definition;

    /// <summary>The values of a parse without errors, read as the command's <see cref="ParsedArguments"/>.</summary>
    public ParsedArguments Read(ParseResult result, IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var leaf = _leaves[result.CommandResult.Command];
        var usage = new ParsedArguments($"sgd {leaf.Definition.Name}", [], []);
        if (ParseErrorLine.SwitchWithValue(leaf.Command, args) is { } switchWithValue)
            throw usage.Usage(switchWithValue);
        var positionals = new List<string>();
        foreach (var argument in leaf.Arguments)
            positionals.AddRange(result.GetResult(argument)?.Tokens.Select(t => t.Value) ?? []);
        if (UnknownOption(result, positionals) is { } unknown)
            throw usage.Usage($"unknown option {QuotedValue.Of(unknown)}");
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (spec, option) in leaf.Options)
        {
            if (result.GetResult(option) is { Implicit: false } given)
                options[spec.Name] = [.. given.Tokens.Select(t => t.Value)];
            else if (spec.EnvironmentVariable is { } name && environment(name) is { Length: > 0 } value)
                options[spec.Name] = [value];
        }
        return new ParsedArguments(usage.Command, positionals, options, environment);
    }

    /// <summary>
    /// The first of <paramref name="tokens"/> (positionals, unmatched tokens) that is an option no command knows.
    /// Option values may start with '-' ("--icmp-type -1"), so only these are judged, and not after "--".
    /// </summary>
    internal static string? UnknownOption(ParseResult result, IEnumerable<string> tokens)
    {
        var literal = result.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Select(t => t.Value).ToHashSet();
        return tokens.FirstOrDefault(t => LooksLikeOption(t) && !literal.Contains(t));
    }

    internal static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]);

    private static Command AddGroup(Command parent, string word)
    {
        var group = new Command(word);
        parent.Subcommands.Add(group);
        return group;
    }

    private sealed record Leaf(CommandDefinition Definition, Command Command, IReadOnlyList<(OptionSpec Spec, Option Option)> Options, IReadOnlyList<Argument> Arguments)
    {
        public static Leaf Of(CommandDefinition definition, string word)
        {
            var command = new Command(word, definition.Summary);
            var options = definition.Options.Select(spec => (spec, OptionOf(spec))).ToList();
            foreach (var (_, option) in options)
                command.Options.Add(option);
            List<Argument> arguments = definition.Arguments is null
                // No declared positionals: pass any through, for the command's own ExpectPositionals to judge.
                ? [new Argument<string[]>("ARGUMENTS") { Arity = ArgumentArity.ZeroOrMore, Hidden = true }]
                : [.. definition.Arguments.Select(a => new Argument<string>(a.Name) { Description = a.Description, HelpName = a.Name })];
            foreach (var argument in arguments)
                command.Arguments.Add(argument);
            return new Leaf(definition, command, options, arguments);
        }

        private static Option OptionOf(OptionSpec spec)
        {
            string[] aliases = spec.Alias is null ? [] : [spec.Alias];
            var description = spec.EnvironmentVariable is null ? spec.Description : $"{spec.Description} (default: ${spec.EnvironmentVariable})";
            if (!spec.TakesValue)
                return new Option<bool>(spec.Name, aliases) { Arity = ArgumentArity.Zero, Description = description };
            var valueName = spec.ValueName ?? spec.Name.TrimStart('-').ToUpperInvariant();
            Option option = spec.Many
                ? new Option<string[]>(spec.Name, aliases)
                {
                    Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true, Description = description, HelpName = valueName,
                }
                : new Option<string>(spec.Name, aliases) { Description = description, HelpName = valueName };
            if (spec.Completions is { } values)
                option.CompletionSources.Add([.. values]);
            return option;
        }
    }
}
