using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Output;
using SgDesigner.Cli.Remote;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd lint POLICY [--json] [--fail-on info|warning|error] [--today DATE] [--require-justification]</c>: findings; exit 1 at or above the threshold.</summary>
internal static class LintCommand
{
    public static CommandDefinition Definition { get; } = new(
        "lint",
        "findings with a stable id, severity, group, rule and why it matters",
        """
        Usage: sgd lint POLICY [--json] [--fail-on info|warning|error] [--today DATE] [--require-justification] [-o FILE]

        Checks the policy: administrative and database ports open to the world, rules shadowed by broader
        rules, duplicates, references to groups that do not exist, groups no ENI uses, quota overruns, ...
        Each finding has a stable id, a severity, the group and rule, and why it matters.

        Findings the document lists under "acceptedFindings" (check, groupId, ruleId, eniId, reason; optional
        expiresAt) are reported as accepted: they are not in "counts" and never fail the run. An acceptance
        whose finding no longer fires is ignored.

        Rules past their review-by date are SGD040 warnings (today is the UTC date unless --today says
        otherwise); with --require-justification, an inbound allow from 0.0.0.0/0 or ::/0 without a
        justification is an SGD041 error.

        """,
        [
            OptionSpec.Switch("--json", "one JSON object: {\"findings\": [...], \"counts\": {...}, \"failed\": bool}; each finding has \"flows\": the flows it is about (SGD021-SGD023, SGD031), \"checkov\": the ids of Checkov's checks that report the same thing, and \"accepted\": null, or {\"reason\": ...} when the document accepts it"),
            new("--fail-on", Description: "exit 1 when a finding is at or above LEVEL: info, warning or error (default: error)", ValueName: "LEVEL", Completions: ["info", "warning", "error"]),
            new("--today", Description: "the date review-by dates are compared with, yyyy-MM-dd (default: today, UTC)", ValueName: "DATE"),
            OptionSpec.Switch("--require-justification", "an inbound allow from 0.0.0.0/0 or ::/0 without a justification is an error (SGD041)"),
            OptionSpec.Writes("write the report to FILE instead of stdout"),
            .. ServerConnection.Options,
        ],
        Run,
        Arguments: [ArgumentSpec.Policy]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        var threshold = Enum.Parse<Severity>(args.Choice("--fail-on", "error", "info", "warning", "error"), ignoreCase: true);
        using var server = ServerConnection.From(args);
        if (server is not null)
            return RemoteCommands.Lint(server, args, threshold, context);
        var policy = PolicyFile.Load(args.Positionals[0], context);
        var now = DateTime.UtcNow;
        var report = LintReport.Of(policy.Estate, policy.AcceptedFindings, now, threshold, Options(args, now));
        context.WriteResult(args.Has("--json") ? report.Json() : LintText.From(report.Json(), threshold), args.Value("--output"));
        return report.Failed ? 1 : 0;
    }

    private static LintOptions Options(ParsedArguments args, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        if (args.Value("--today") is { } text)
        {
            var parsed = RuleMetadata.ParseDate(text);
            today = parsed.IsOk ? parsed.Value : throw args.Usage($"--today: {parsed.Error}");
        }
        return new LintOptions(today, args.Has("--require-justification"));
    }
}
