using System.Text.Json;
using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Commands;
using SgDesigner.Cli.Output;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Cli.Remote;

/// <summary>
/// reach, matrix, lint, check and diff on a server (cli.md "Against a server"): POLICY is <c>NAME[@REVISION]</c>, the
/// server answers with sgd's JSON, and the output (text or <c>--json</c>) and exit codes are those of the file mode.
/// </summary>
internal static class RemoteCommands
{
    public static int Reach(ServerConnection server, ParsedArguments args, ReachQuery query, Traffic traffic, CommandContext context)
    {
        var policy = PolicyLocator.Locate(server, args.Positionals[0]);
        var json = RemoteAnswers.Reach(server, policy, query);
        context.WriteResult(args.Has("--json") ? json : ReachText.From(json, traffic), args.Value("--output"));
        return 0;
    }

    public static int ReachBatch(ServerConnection server, ParsedArguments args, string file, string lines, CommandContext context)
    {
        var policy = PolicyLocator.Locate(server, args.Positionals[0]);
        var answers = RemoteAnswers.ReachBatch(server, policy, lines);
        context.WriteResult(answers, args.Value("--output"));
        var errors = answers.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ErrorOf).OfType<string>().ToList();
        return ReachCommand.ReportBatchErrors(file, errors, context);
    }

    public static int Matrix(ServerConnection server, ParsedArguments args, string format, CommandContext context)
    {
        var policy = PolicyLocator.Locate(server, args.Positionals[0]);
        context.WriteResult(RemoteAnswers.Matrix(server, policy, format), args.Value("--output"));
        return 0;
    }

    public static int Lint(ServerConnection server, ParsedArguments args, Severity threshold, CommandContext context)
    {
        var policy = PolicyLocator.Locate(server, args.Positionals[0]);
        var json = RemoteAnswers.Lint(server, policy, LintReport.Name(threshold));
        context.WriteResult(args.Has("--json") ? json : LintText.From(json, threshold), args.Value("--output"));
        using var report = JsonDocument.Parse(json);
        return report.RootElement.GetProperty("failed").GetBoolean() ? 1 : 0;
    }

    /// <summary>On a server <c>--assertions</c> may be left out: the policy's own assertions (its settings) are checked.</summary>
    public static int Check(ServerConnection server, ParsedArguments args, CommandContext context)
    {
        string? assertions = null;
        if (args.Value("--assertions") is { } file)
        {
            assertions = CommandContext.ReadFile(file);
            // Read here first, so a bad file gets the file mode's message (the file, the line, the problem).
            var parsed = AssertionParser.Parse(assertions);
            if (!parsed.IsOk)
            {
                var more = parsed.Errors.Length > 1 ? $" (and {parsed.Errors.Length - 1} more problem(s))" : "";
                throw CliError.InFile(file, parsed.Errors[0].Path, parsed.Errors[0].Message + more);
            }
        }
        var policy = PolicyLocator.Locate(server, args.Positionals[0]);
        var json = RemoteAnswers.Check(server, policy, assertions);
        context.WriteResult(args.Has("--json") ? json : CheckText.From(json), args.Value("--output"));
        return CheckText.AllPassed(json) ? 0 : 1;
    }

    /// <summary>Two revisions of one policy: <c>sgd diff NAME@3 NAME@5</c> (or <c>NAME@3 NAME</c> for the latest).</summary>
    public static int Diff(ServerConnection server, ParsedArguments args, CommandContext context)
    {
        var before = PolicyLocator.Locate(server, args.Positionals[0]);
        var after = PolicyLocator.Locate(server, args.Positionals[1]);
        if (before.PolicyId != after.PolicyId)
            throw args.Usage($"on a server, diff compares two revisions of one policy ('{args.Positionals[0]}' and '{args.Positionals[1]}' are two policies): sgd diff NAME@3 NAME@5");
        var json = RemoteAnswers.Diff(server, before, after.Revision);
        context.WriteResult(args.Has("--json") ? json : DiffText.From(json), args.Value("--output"));
        return 0;
    }

    private static string? ErrorOf(string line)
    {
        using var answer = JsonDocument.Parse(line);
        return answer.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
    }
}
