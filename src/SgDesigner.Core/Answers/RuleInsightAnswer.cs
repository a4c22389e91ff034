using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using SgDesigner.Core.Insight;

namespace SgDesigner.Core.Answers;

/// <summary><c>sgd explain-rule</c>'s answer: what one rule is for, as JSON or text, each list capped with a count.</summary>
public static class RuleInsightAnswer
{
    /// <summary>How many flows each list shows by default before saying how many more there are.</summary>
    public const int DefaultLimit = 50;

    /// <summary>
    /// <c>{"rule": {...}, "summary", "allowsNothing", "redundant", "nothingBecause", "onlyThis": {"total", "flows": [...]},
    /// "alsoAllowed": {"total", "flows": [...]}}</c>; a flow is <c>{"from", "to", "pairs", "traffic", "alsoAllowedBy"}</c>
    /// with parties as <c>sgd diff</c> writes them.
    /// </summary>
    public static string Json(RuleInsight insight, int limit = DefaultLimit) => AnswerJson.Document(w =>
    {
        ArgumentNullException.ThrowIfNull(insight);
        w.WriteStartObject();
        w.WritePropertyName("rule");
        RuleJson.Write(w, insight.Rule.Rule, insight.Rule.GroupId);
        w.WriteString("summary", insight.Summary);
        w.WriteBoolean("allowsNothing", insight.AllowsNothing);
        w.WriteBoolean("redundant", insight.IsRedundant);
        w.WriteString("nothingBecause", insight.NothingBecause);
        WriteList(w, "onlyThis", insight.OnlyThis, limit);
        WriteList(w, "alsoAllowed", insight.AlsoAllowed, limit);
        w.WriteEndObject();
    });

    /// <summary>The summary, then both lists, one flow a line, each capped at <paramref name="limit"/> with a count.</summary>
    public static string Text(RuleInsight insight, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(insight);
        var text = new StringBuilder();
        text.AppendLine($"{insight.Rule.GroupId} {insight.Rule.Rule.Id}: {insight.Rule.Rule}");
        text.AppendLine(insight.Summary);
        Section(text, "Only this rule allows (removing it closes):", insight.OnlyThis, limit);
        Section(text, "Other rules allow too (redundant for these):", insight.AlsoAllowed, limit);
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, ImmutableArray<RuleFlow> flows, int limit)
    {
        if (flows.IsEmpty)
            return;
        text.AppendLine(title);
        foreach (var f in flows.Take(limit))
            text.AppendLine($"  {f}");
        if (flows.Length > limit)
            text.AppendLine($"  … and {flows.Length - limit} more");
    }

    private static void WriteList(Utf8JsonWriter w, string name, ImmutableArray<RuleFlow> flows, int limit)
    {
        w.WriteStartObject(name);
        w.WriteNumber("total", flows.Length);
        w.WriteStartArray("flows");
        foreach (var f in flows.Take(limit))
        {
            w.WriteStartObject();
            DiffAnswer.WriteParty(w, "from", f.From);
            DiffAnswer.WriteParty(w, "to", f.To);
            w.WriteNumber("pairs", f.Pairs);
            TrafficJson.WriteArray(w, "traffic", f.Traffic);
            RuleJson.WriteRefs(w, "alsoAllowedBy", f.AlsoAllowedBy);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
