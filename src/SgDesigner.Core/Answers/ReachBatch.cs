using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Answers;

/// <summary>One answer of a batch: its JSON line (without the newline), and the error when the query could not be answered.</summary>
/// <param name="Json">The verdict, or <c>{"error": "…"}</c>.</param>
/// <param name="Error">The error as in the JSON line (<c>line 3: to: …</c>), or null for a verdict.</param>
public sealed record BatchAnswer(string Json, string? Error);

/// <summary>One query of a batch as it was sent: where it is (for errors) and its JSON text.</summary>
/// <param name="Place">How errors name it: <c>line 3</c> in a JSON-lines file, <c>queries[2]</c> in a JSON array.</param>
/// <param name="Json">The query object, as JSON text.</param>
public sealed record BatchQuery(string Place, string Json);

/// <summary>
/// <c>sgd reach --batch</c> and its HTTP form: one JSON line per query, in order; a query that cannot be answered gives
/// <c>{"error": "PLACE: …"}</c> and the batch goes on.
/// </summary>
public static class ReachBatch
{
    /// <summary>The queries of a JSON-lines text: one per non-blank line, named <c>line N</c>.</summary>
    public static IEnumerable<BatchQuery> Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
                yield return new BatchQuery($"line {i + 1}", lines[i]);
        }
    }

    /// <summary>Answers each query in order (lazily, so a caller can stream the answers).</summary>
    public static IEnumerable<BatchAnswer> Answer(ReachabilityEngine engine, IEnumerable<BatchQuery> queries)
    {
        // No explanation: a batch answer carries the verdict and its rules only (the explainer runs for single queries).
        using var json = new JsonLineWriter();
        foreach (var item in queries)
        {
            var query = BatchLine.Parse(item.Json, out var error);
            var resolved = query?.Resolve(engine.Estate, ReachFieldNames.Json, out error);
            if (resolved is { } r)
            {
                var verdict = engine.Query(r.From, r.To, r.Traffic);
                yield return new BatchAnswer(json.Line((query!, verdict), static (w, s) => VerdictJson.Write(w, s.Item1, s.verdict, null)), null);
                continue;
            }
            var message = $"{item.Place}: {error}";
            yield return new BatchAnswer(json.Line(message, static (w, m) =>
            {
                w.WriteStartObject();
                w.WriteString("error", m);
                w.WriteEndObject();
            }), message);
        }
    }

    /// <summary>The answer of <c>sgd reach --json</c> to one query: the verdict, its rules, the explanation and the nearest misses.</summary>
    public static string OneQuery(ReachQuery query, Explanation explanation) =>
        AnswerJson.Document(w => VerdictJson.Write(w, query, explanation.Verdict, explanation));
}
