using System.Text;
using SgDesigner.Cli.Arguments;
using SgDesigner.Core.Lint;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd lint POLICY [--json] [--fail-on info|warning|error]</c>: findings; exit 1 at or above the threshold.</summary>
internal static class LintCommand
{
    public static CommandDefinition Definition { get; } = new(
        "lint",
        "findings with a stable id, severity, group, rule and why it matters",
        """
        Usage: sgd lint POLICY [--json] [--fail-on info|warning|error] [-o FILE]

        Checks the policy: administrative and database ports open to the world, rules shadowed by broader
        rules, duplicates, references to groups that do not exist, groups no ENI uses, quota overruns, ...
        Each finding has a stable id, a severity, the group and rule, and why it matters.

        Options:
          --json              one JSON object: {"findings": [...], "counts": {...}, "failed": bool}; each finding
                              has "checkov": the ids of Checkov's checks that report the same thing
          --fail-on LEVEL     exit 1 when a finding is at or above LEVEL (default: error)
          -o, --output FILE   write the report to FILE instead of stdout

        """,
        [OptionSpec.Switch("--json"), new("--fail-on"), OptionSpec.Output],
        Run);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        var threshold = Enum.Parse<Severity>(args.Choice("--fail-on", "error", "info", "warning", "error"), ignoreCase: true);
        var policy = PolicyFile.Load(args.Positionals[0], context);
        var findings = Linter.Lint(policy.Estate);
        var failed = findings.Any(f => f.Severity >= threshold);
        var text = args.Has("--json") ? Json(findings, failed) : Text(findings, threshold);
        context.WriteResult(text, args.Value("--output"));
        return failed ? 1 : 0;
    }

    private static string Text(IReadOnlyList<Finding> findings, Severity threshold)
    {
        var text = new StringBuilder();
        foreach (var f in findings)
        {
            var place = string.Join(' ', new[] { f.GroupId, f.RuleId, f.EniId }.Where(p => p is not null));
            text.AppendLine($"{f.Id} {Name(f.Severity)} {place}: {f.Message}");
            text.AppendLine($"    why: {f.Why}");
            if (!f.Checkov.IsEmpty)
                text.AppendLine($"    checkov: {string.Join(", ", f.Checkov)}");
        }
        var counts = Enum.GetValues<Severity>().Reverse().Select(s => $"{findings.Count(f => f.Severity == s)} {Name(s)}");
        text.AppendLine($"{findings.Count} finding(s): {string.Join(", ", counts)} (failing at {Name(threshold)} and above)");
        return text.ToString();
    }

    private static string Json(IReadOnlyList<Finding> findings, bool failed) => JsonText.Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("findings");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("severity", Name(f.Severity));
            w.WriteString("group", f.GroupId);
            w.WriteString("rule", f.RuleId);
            w.WriteString("eni", f.EniId);
            w.WriteString("message", f.Message);
            w.WriteString("why", f.Why);
            w.WriteStartArray("checkov");
            foreach (var id in f.Checkov)
                w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("counts");
        foreach (var s in Enum.GetValues<Severity>())
            w.WriteNumber(Name(s), findings.Count(f => f.Severity == s));
        w.WriteEndObject();
        w.WriteBoolean("failed", failed);
        w.WriteEndObject();
    });

    private static string Name(Severity s) => s.ToString().ToLowerInvariant();
}
