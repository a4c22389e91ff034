using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Answers;

/// <summary>
/// <c>sgd lint</c>'s answer: every finding, the acceptances in force, the counts of the findings that count, and whether
/// one at or above the threshold fails the run.
/// </summary>
public sealed class LintReport
{
    private readonly Dictionary<Finding, AcceptedFinding> _accepted = [];

    private LintReport(IReadOnlyList<Finding> findings, FindingTriage triage, Severity threshold)
    {
        Findings = findings;
        Triage = triage;
        Threshold = threshold;
        // Equal findings have equal keys, so a finding's value finds its acceptance.
        foreach (var (finding, acceptance) in triage.Accepted)
            _accepted.TryAdd(finding, acceptance);
        Failed = triage.Active.Any(f => f.Severity >= threshold);
    }

    /// <summary>The names of the severities, lowest first, as <c>--fail-on</c> takes them.</summary>
    public static IReadOnlyList<string> SeverityNames { get; } = [.. Enum.GetValues<Severity>().Select(Name)];

    /// <summary>Every finding, in the linter's order.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The findings that count, and the accepted ones with their acceptance.</summary>
    public FindingTriage Triage { get; }

    /// <summary>The lowest severity that fails the run.</summary>
    public Severity Threshold { get; }

    /// <summary>Whether a finding that counts is at or above <see cref="Threshold"/>.</summary>
    public bool Failed { get; }

    /// <summary>Lints <paramref name="estate"/> with the acceptances in force at <paramref name="now"/>.</summary>
    /// <param name="estate">The estate.</param>
    /// <param name="accepted">The acceptances.</param>
    /// <param name="now">When the acceptances are judged.</param>
    /// <param name="threshold">The lowest severity that fails the run.</param>
    /// <param name="options">Today's date and the metadata choices (SGD040, SGD041); none by default.</param>
    public static LintReport Of(Estate estate, IEnumerable<AcceptedFinding> accepted, DateTime now, Severity threshold, LintOptions? options = null)
    {
        var findings = Linter.Lint(estate, null, options);
        return new LintReport(findings, FindingTriage.Split(findings, accepted, now), threshold);
    }

    /// <summary>The acceptance in force for <paramref name="finding"/>, or null when it counts.</summary>
    public AcceptedFinding? AcceptanceOf(Finding finding) => _accepted.GetValueOrDefault(finding);

    /// <summary>A severity as the output names it: info, warning, error.</summary>
    public static string Name(Severity s) => s.ToString().ToLowerInvariant();

    /// <summary><c>sgd lint --json</c>: <c>{"findings": [...], "counts": {...}, "accepted": n, "failed": bool}</c>.</summary>
    public string Json() => AnswerJson.Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("findings");
        foreach (var f in Findings)
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
            w.WriteStartArray("flows");
            foreach (var flow in f.Flows)
                w.WriteStringValue(flow);
            w.WriteEndArray();
            if (AcceptanceOf(f) is { } acceptance)
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
            w.WriteNumber(Name(s), Triage.Active.Count(f => f.Severity == s));
        w.WriteEndObject();
        w.WriteNumber("accepted", Triage.Accepted.Count);
        w.WriteBoolean("failed", Failed);
        w.WriteEndObject();
    });
}
