using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Output;
using SgDesigner.Cli.Remote;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd check POLICY --assertions FILE</c>: expected flows; exit 1 naming every one that does not hold.</summary>
internal static class CheckCommand
{
    public static CommandDefinition Definition { get; } = new(
        "check",
        "check expected flows (allow or deny); exit 1 naming every one that does not hold",
        """
        Usage: sgd check POLICY --assertions FILE [--json] [-o FILE]

        FILE lists expected flows, one JSON object per line:
          {"from": "web-1", "to": "db-1", "protocol": "tcp", "port": 5432, "expect": "allow"}
          {"from": "i-0abc", "to": "203.0.113.9", "protocol": "icmp", "icmpType": 8, "icmpCode": 0, "expect": "deny"}
        from/to: instance id, ENI id, instance Name tag, private IP or any other IP; "allow": true|false
        may replace "expect"; "name" labels a line; blank lines and lines starting with # are skipped.
        Exit 0 when every assertion holds, 1 naming each one that does not (with the engine's reasons),
        2 when the file or an endpoint in it is wrong.

        """,
        [
            new("--assertions", Description: "the expected flows (required)", ValueName: "FILE"),
            OptionSpec.Switch("--json", "one JSON object: {\"results\": [...], \"passed\": n, \"failed\": n}"),
            OptionSpec.Writes("write the report to FILE instead of stdout"),
            .. ServerConnection.Options,
        ],
        Run,
        Arguments: [ArgumentSpec.Policy]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        using var server = ServerConnection.From(args);
        if (server is not null)
            return RemoteCommands.Check(server, args, context);
        var file = args.Required("--assertions");
        var parsed = AssertionParser.Parse(CommandContext.ReadFile(file));
        if (!parsed.IsOk)
        {
            var more = parsed.Errors.Length > 1 ? $" (and {parsed.Errors.Length - 1} more problem(s))" : "";
            throw CliError.InFile(file, parsed.Errors[0].Path, parsed.Errors[0].Message + more);
        }
        var estate = PolicyFile.Load(args.Positionals[0], context).Estate;
        var results = AssertionChecker.Check(ReachabilityEngine.Build(estate), parsed.Assertions);
        if (CheckAnswer.Error(results) is { } error)
            throw CliError.InFile(file, error.Place, error.Message);
        var json = CheckAnswer.Json(results);
        var text = args.Has("--json") ? json : CheckText.From(json);
        context.WriteResult(text, args.Value("--output"));
        return results.All(r => r.Passed) ? 0 : 1;
    }

}
