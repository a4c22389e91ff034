using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using SgDesigner.Cli.Commands;

namespace SgDesigner.Cli.Arguments;

/// <summary>
/// <c>--help</c>: for a command, its hand-written text (synopsis, explanation, examples) followed by the Arguments and
/// Options sections that System.CommandLine generates from its specs; for <c>sgd</c> itself, the overview of every
/// command; for a group such as <c>import</c>, the commands under it.
/// </summary>
internal sealed class HelpLayout(HelpAction generated, CommandLineTree tree, IReadOnlyList<CommandDefinition> definitions) : SynchronousCommandLineAction
{
    private static readonly string[] GeneratedSections = ["Arguments:", "Options:"];

    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var command = parseResult.CommandResult.Command;
        if (command is RootCommand root)
            output.Write(root.Description);
        else if (tree.DefinitionOf(command) is { } definition)
            output.Write(definition.Usage.TrimEnd() + Environment.NewLine + Environment.NewLine + Generated(parseResult));
        else
            output.Write(Group(command.Name));
        return 0;
    }

    /// <summary>System.CommandLine's help from its Arguments section on (its Description and Usage repeat the hand-written text).</summary>
    private string Generated(ParseResult parseResult)
    {
        var text = new StringWriter();
        var output = parseResult.InvocationConfiguration.Output;
        parseResult.InvocationConfiguration.Output = text;
        try
        {
            generated.Invoke(parseResult);
        }
        finally
        {
            parseResult.InvocationConfiguration.Output = output;
        }
        var lines = text.ToString().Split('\n');
        var first = Array.FindIndex(lines, l => GeneratedSections.Contains(l.TrimEnd()));
        return first < 0 ? "" : string.Join(Environment.NewLine, lines[first..].Select(l => l.TrimEnd())).TrimEnd() + Environment.NewLine;
    }

    private string Group(string group)
    {
        var members = definitions.Where(d => d.Name.StartsWith(group + " ", StringComparison.Ordinal)).ToList();
        var width = members.Max(d => d.Name.Length);
        var nl = Environment.NewLine;
        return $"Usage: sgd {group} {string.Join('|', members.Select(d => d.Name[(group.Length + 1)..]))} ...{nl}{nl}Commands:{nl}"
            + string.Concat(members.Select(d => $"  sgd {d.Name.PadRight(width)}  {d.Summary}{nl}"))
            + $"{nl}Run 'sgd {group} COMMAND --help' for a command's options.{nl}";
    }
}
