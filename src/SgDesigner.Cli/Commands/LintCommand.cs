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
                              has "checkov": the ids of Checkov's checks that report the same thing, and
                              "accepted": null, or {"reason": ...} when the document accepts it

        Findings the document lists under "acceptedFindings" (check, groupId, ruleId, eniId, reason; optional
        expiresAt) are reported as accepted: they are not in "counts" and never fail the run. An acceptance
        whose finding no longer fires is ignored.
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
        var triage = FindingTriage.Split(findings, policy.AcceptedFindings, DateTime.UtcNow);
        // Equal findings have equal keys, so a finding's value finds its acceptance.
        var accepted = new Dictionary<Finding, AcceptedFinding>();
        foreach (var (finding, acceptance) in triage.Accepted)
            accepted.TryAdd(finding, acceptance);
        var failed = triage.Active.Any(f => f.Severity >= threshold);
        var text = args.Has("--json") ? Json(findings, triage, accepted, failed) : Text(findings, triage, accepted, threshold);
        context.WriteResult(text, args.Value("--output"));
        return failed ? 1 : 0;
    }

    private static string Text(IReadOnlyList<Finding> findings, FindingTriage triage, Dictionary<Finding, AcceptedFinding> accepted, Severity threshold)
    {
        var text = new StringBuilder();
        foreach (var f in findings)
        {
            var place = string.Join(' ', new[] { f.GroupId, f.RuleId, f.EniId }.Where(p => p is not null));
            text.AppendLine($"{f.Id} {Name(f.Severity)} {place}: {f.Message}");
            text.AppendLine($"    why: {f.Why}");
            if (!f.Checkov.IsEmpty)
                text.AppendLine($"    checkov: {string.Join(", ", f.Checkov)}");
            if (accepted.TryGetValue(f, out var acceptance))
                text.AppendLine($"    accepted: {acceptance.Reason}");
        }
        var active = triage.Active;
        var counts = Enum.GetValues<Severity>().Reverse().Select(s => $"{active.Count(f => f.Severity == s)} {Name(s)}");
        var acceptedNote = triage.Accepted.Count > 0 ? $"; {triage.Accepted.Count} accepted" : "";
        text.AppendLine($"{active.Count} finding(s): {string.Join(", ", counts)}{acceptedNote} (failing at {Name(threshold)} and above)");
        return text.ToString();
    }

    private static string Json(IReadOnlyList<Finding> findings, FindingTriage triage, Dictionary<Finding, AcceptedFinding> accepted, bool failed) => JsonText.Document(w =>
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
            if (accepted.TryGetValue(f, out var acceptance))
            {
                w.WriteStartObject("accepted");
                w.WriteString("reason", acceptance.Reason);
                if (acceptance.AcceptedBy is { } by)
                    w.WriteString("acceptedBy", by);
                if (acceptance.ExpiresAt is { } end)
                    w.WriteString("expiresAt", DateTime.SpecifyKind(end, DateTimeKind.Utc));
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("accepted");
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        // Counts are of the findings that count: accepted ones are left out (and counted apart).
        w.WriteStartObject("counts");
        foreach (var s in Enum.GetValues<Severity>())
            w.WriteNumber(Name(s), triage.Active.Count(f => f.Severity == s));
        w.WriteEndObject();
        w.WriteNumber("accepted", triage.Accepted.Count);
        w.WriteBoolean("failed", failed);
        w.WriteEndObject();
    });

    private static string Name(Severity s) => s.ToString().ToLowerInvariant();
}
