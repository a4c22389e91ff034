using System.Text.Json;

namespace SgDesigner.Cli.Output;

/// <summary>
/// Small reads of an answer's JSON for the text renderers. The text is made from the JSON answer, whether sgd computed
/// it from a file or the server sent it, so both modes print the same text (cli.md "Against a server").
/// </summary>
internal static class AnswerReader
{
    public static string Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    public static string? OptionalStr(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool Bool(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static int Int(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;

    public static long Long(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    /// <summary>Rules as <c>group id: text</c> (with their group) or <c>id text</c>.</summary>
    public static string RuleLine(this JsonElement rule) => $"{rule.Str("group")} {rule.Str("id")}: {rule.Str("text")}";
}
