using System.Text;
using System.Text.Json;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Lint;

namespace SgDesigner.Cli.Output;

/// <summary><c>sgd lint</c>'s text, from its JSON answer.</summary>
internal static class LintText
{
    /// <summary>Each finding with why, Checkov ids and acceptance, then the counts and the threshold.</summary>
    public static string From(string json, Severity threshold)
    {
        using var document = JsonDocument.Parse(json);
        var report = document.RootElement;
        var text = new StringBuilder();
        foreach (var f in report.Items("findings"))
        {
            var place = string.Join(' ', new[] { f.OptionalStr("group"), f.OptionalStr("rule"), f.OptionalStr("eni") }.Where(p => p is not null));
            text.AppendLine($"{f.Str("id")} {f.Str("severity")} {place}: {f.Str("message")}");
            text.AppendLine($"    why: {f.Str("why")}");
            var checkov = f.Items("checkov").Select(c => c.GetString()).ToList();
            if (checkov.Count > 0)
                text.AppendLine($"    checkov: {string.Join(", ", checkov)}");
            if (f.TryGetProperty("flows", out var flows))
            {
                foreach (var flow in flows.EnumerateArray())
                    text.AppendLine($"    flow: {flow.GetString()}");
            }
            if (f.TryGetProperty("accepted", out var acceptance) && acceptance.ValueKind == JsonValueKind.Object)
                text.AppendLine($"    accepted: {acceptance.Str("reason")}");
        }
        var counts = report.GetProperty("counts");
        var severities = Enum.GetValues<Severity>().Reverse().Select(LintReport.Name).ToList();
        var active = severities.Sum(s => counts.Int(s));
        var accepted = report.Int("accepted");
        var acceptedNote = accepted > 0 ? $"; {accepted} accepted" : "";
        var summary = string.Join(", ", severities.Select(s => $"{counts.Int(s)} {s}"));
        text.AppendLine($"{active} finding(s): {summary}{acceptedNote} (failing at {LintReport.Name(threshold)} and above)");
        return text.ToString();
    }
}
