using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using SgDesigner.Core.Validation;

namespace SgDesigner.Cli.Arguments;

/// <summary>
/// A failed parse as the one stderr line of cli.md ("sgd reach: --port needs a value (see 'sgd reach --help')"),
/// with System.CommandLine's typo suggestion when it has one ("did you mean 'reach'?").
/// </summary>
internal static partial class ParseErrorLine
{
    public static string Of(ParseResult result, CommandLineTree tree, IReadOnlyList<string> args)
    {
        if (args.FirstOrDefault(a => a.Length > 1 && a[0] == '@' && !File.Exists(a[1..])) is { } responseFile)
            return $"sgd: {responseFile[1..]}: response file not found";
        var command = result.CommandResult.Command;
        var definition = tree.DefinitionOf(command);
        if (definition is null && command is not RootCommand && result.UnmatchedTokens.Count == 0)
        {
            var names = string.Join(", ", command.Subcommands.Select(c => c.Name));
            return $"sgd {command.Name}: a command is required: {names} (see 'sgd {command.Name} --help')";
        }
        if (definition is null)
        {
            // The root or a group ("import") with no known command after it.
            var words = string.Join(' ', args.TakeWhile(a => !CommandLineTree.LooksLikeOption(a)).Take(2));
            var unknown = words.Length > 0 ? $"unknown command {QuotedValue.Of(words)}"
                : CommandLineTree.UnknownOption(result, result.UnmatchedTokens) is { } option ? $"unknown option {QuotedValue.Of(option)}"
                : "a command is required";
            var first = result.UnmatchedTokens.Count > 0 ? result.UnmatchedTokens[0] : null;
            return $"sgd: {unknown} (see 'sgd --help'){DidYouMean(result, first, wantOption: false)}";
        }
        var usage = new ParsedArguments($"sgd {definition.Name}", [], []);
        string? token = null;
        var problem = SwitchWithValue(command, args) ?? Problem(result, command, out token);
        return usage.Usage(problem).Line + DidYouMean(result, token, wantOption: true);
    }

    /// <summary>"--json=yes": System.CommandLine splits it into the switch and a stray argument; name the switch.</summary>
    internal static string? SwitchWithValue(Command command, IReadOnlyList<string> args)
    {
        var switches = command.Options.Where(o => o.Arity.MaximumNumberOfValues == 0).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet();
        var given = args.TakeWhile(a => a != "--").FirstOrDefault(a => a.IndexOf('=', StringComparison.Ordinal) is > 0 and var i && switches.Contains(a[..i]));
        return given is null ? null : $"{given[..given.IndexOf('=', StringComparison.Ordinal)]} takes no value";
    }

    private static string Problem(ParseResult result, Command command, out string? unknownOption)
    {
        var positionals = command.Arguments.SelectMany(a => result.GetResult(a)?.Tokens ?? []).Select(t => t.Value);
        unknownOption = CommandLineTree.UnknownOption(result, result.UnmatchedTokens.Concat(positionals));
        if (unknownOption is not null)
            return $"unknown option {QuotedValue.Of(unknownOption)}";
        foreach (var error in result.Errors)
        {
            switch (error.SymbolResult)
            {
                case OptionResult { IdentifierTokenCount: > 1 } o:
                    return $"{o.Option.Name} is given twice";
                case OptionResult { Tokens.Count: 0 } o:
                    return $"{o.Option.Name} needs a value";
                case ArgumentResult { Tokens.Count: 0 } a:
                    return $"{a.Argument.Name} is missing";
            }
        }
        if (result.UnmatchedTokens.Count > 0)
            return $"unexpected argument '{result.UnmatchedTokens[0]}'";
        return result.Errors[0].Message;
    }

    /// <summary>System.CommandLine's own suggestions for a mistyped token, as "; did you mean 'reach'?".</summary>
    private static string DidYouMean(ParseResult result, string? token, bool wantOption)
    {
        if (token is null || result.Action is not ParseErrorAction action)
            return "";
        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        var suggestions = new StringWriter();
        result.InvocationConfiguration.Output = suggestions;
        result.InvocationConfiguration.Error = TextWriter.Null;
        action.Invoke(result);
        // System.CommandLine's English text (InvariantGlobalization is on, so it is never translated): a header line
        // per unmatched token, then one suggestion a line.
        var lines = suggestions.ToString().ReplaceLineEndings("\n").Split('\n');
        var header = Array.IndexOf(lines, $"'{token}' was not matched. Did you mean one of the following?");
        var names = header < 0
            ? []
            : lines.Skip(header + 1).TakeWhile(l => l.Length > 0 && !Header().IsMatch(l)).Where(n => n.StartsWith('-') == wantOption).ToList();
        return names.Count > 0 ? $"; did you mean {string.Join(" or ", names.Select(n => $"'{n}'"))}?" : "";
    }

    [GeneratedRegex(@"^'.*' was not matched\. Did you mean one of the following\?$")]
    private static partial Regex Header();
}
