using System.Text;
using System.Text.Json;

namespace SgDesigner.Cli.Output;

/// <summary><c>sgd check</c>'s text, from its JSON answer.</summary>
internal static class CheckText
{
    /// <summary>PASS or FAIL per assertion (a failure with the engine's reason), then the counts.</summary>
    public static string From(string json)
    {
        using var document = JsonDocument.Parse(json);
        var answer = document.RootElement;
        var text = new StringBuilder();
        foreach (var r in answer.Items("results"))
        {
            var label = r.OptionalStr("name") is { } name ? $" ({name})" : "";
            var flow = $"line {r.Int("line")}{label}: {r.Str("from")} -> {r.Str("to")} {r.Str("traffic")}";
            var expected = r.Str("expect");
            if (r.Bool("passed"))
            {
                text.AppendLine($"PASS {flow}: {expected}");
                continue;
            }
            text.AppendLine($"FAIL {flow}: expected {expected}, but it is {(r.Bool("allowed") ? "allowed" : "denied")}");
            if (r.OptionalStr("explanation") is { } explanation)
                text.AppendLine($"    {explanation}");
        }
        text.AppendLine($"{answer.Int("passed")} passed, {answer.Int("failed")} failed");
        return text.ToString();
    }

    /// <summary>Whether every assertion held (exit 0) or one failed (exit 1).</summary>
    public static bool AllPassed(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Int("failed") == 0;
    }
}
