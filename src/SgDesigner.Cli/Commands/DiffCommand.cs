using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Output;
using SgDesigner.Cli.Remote;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Diff;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd diff OLD NEW [--json]</c>: rules added, removed and changed, and the reachability opened and closed.</summary>
internal static class DiffCommand
{
    public static CommandDefinition Definition { get; } = new(
        "diff",
        "rules added, removed and changed, and the reachability the change opens and closes",
        """
        Usage: sgd diff OLD_POLICY NEW_POLICY [--json] [-o FILE]

        Compares two versions of a policy: groups added, removed and renamed; per group the rules
        added, removed and changed (matched by rule id); and the flows the change opens and closes,
        between classes of alike ENIs and to/from the internet and declared external endpoints, with
        the rules responsible; closed flows say whether existing connections are cut at once
        (untracked, 0.0.0.0/0 both ways) or live until idle (tracked).

        """,
        [OptionSpec.Switch("--json", "one JSON object instead of text"), OptionSpec.Writes("write the report to FILE instead of stdout"), .. ServerConnection.Options],
        Run,
        Arguments: [new("OLD_POLICY", "the policy before the change"), new("NEW_POLICY", "the policy after the change")]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("OLD_POLICY", "NEW_POLICY");
        using var server = ServerConnection.From(args);
        if (server is not null)
            return RemoteCommands.Diff(server, args, context);
        var before = PolicyFile.Load(args.Positionals[0], context).Estate;
        var after = PolicyFile.Load(args.Positionals[1], context).Estate;
        var (rules, flows) = DiffAnswer.Compare(before, after);
        var json = DiffAnswer.Json(rules, flows);
        var text = args.Has("--json") ? json : DiffText.From(json);
        context.WriteResult(text, args.Value("--output"));
        return 0;
    }


}
