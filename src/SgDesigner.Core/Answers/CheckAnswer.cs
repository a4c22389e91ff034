using SgDesigner.Core.Assertions;

namespace SgDesigner.Core.Answers;

/// <summary><c>sgd check --json</c>'s answer: each assertion with its outcome, and the counts.</summary>
public static class CheckAnswer
{
    /// <summary><c>{"results": [...], "passed": n, "failed": n}</c>.</summary>
    public static string Json(IReadOnlyList<AssertionResult> results) => AnswerJson.Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("results");
        foreach (var r in results)
        {
            var a = r.Assertion;
            w.WriteStartObject();
            w.WriteNumber("line", a.Line);
            if (a.Name is not null)
                w.WriteString("name", a.Name);
            w.WriteString("from", a.From);
            w.WriteString("to", a.To);
            w.WriteString("traffic", a.Traffic.ToString());
            w.WriteString("expect", a.ExpectAllowed ? "allow" : "deny");
            if (r.Allowed is { } allowed)
                w.WriteBoolean("allowed", allowed);
            w.WriteBoolean("passed", r.Passed);
            if (r.Explanation is { } e)
            {
                w.WriteString("explanation", e.Summary);
                RuleJson.WriteRefs(w, "egress", e.Verdict.Egress);
                RuleJson.WriteRefs(w, "ingress", e.Verdict.Ingress);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("passed", results.Count(r => r.Passed));
        w.WriteNumber("failed", results.Count(r => !r.Passed));
        w.WriteEndObject();
    });

    /// <summary>
    /// Why the check cannot be answered (an assertion names an endpoint the policy does not have, …), as
    /// <c>sgd check</c> reports it: the first such assertion's line and error, and how many more; null when every one was evaluated.
    /// </summary>
    public static (string Place, string Message)? Error(IReadOnlyList<AssertionResult> results)
    {
        if (results.FirstOrDefault(r => r.Outcome == AssertionOutcome.Error) is not { } error)
            return null;
        var count = results.Count(r => r.Outcome == AssertionOutcome.Error);
        var more = count > 1 ? $" (and {count - 1} more line(s) with errors)" : "";
        return ($"line {error.Assertion.Line}", error.Error + more);
    }
}
