using System.Text;
using System.Text.Json;

namespace SgDesigner.Cli.Output;

/// <summary><c>sgd impact</c>'s text, from its JSON answer: the plan's resources, then <c>sgd diff</c>'s text, then the gates.</summary>
internal static class ImpactText
{
    public static string From(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var plan = root.GetProperty("plan");
        var text = new StringBuilder();
        var changes = plan.Items("changes").ToList();
        var counts = changes.GroupBy(c => c.Str("action")).Select(g => $"{g.Count()} {g.Key}");
        text.AppendLine(changes.Count == 0
            ? "Plan: no security-group or network-ACL resource changes."
            : $"Plan: {changes.Count} security-group/network-ACL resource(s) change ({string.Join(", ", counts)}).");
        foreach (var c in changes)
            text.AppendLine($"  {Sign(c.Str("action"))} {c.Str("address")}");
        var notRead = plan.Items("notRead").ToList();
        if (notRead.Count > 0)
            text.AppendLine($"Not modelled: {notRead.Count} other resource change(s): {string.Join(", ", notRead.Take(5).Select(r => r.Str("address")))}{(notRead.Count > 5 ? ", …" : "")}.");
        foreach (var g in root.GetProperty("groupAddresses").EnumerateObject().Where(g => g.Name != g.Value.GetString()))
            text.AppendLine($"  {g.Name} is {g.Value.GetString()}");
        foreach (var a in root.GetProperty("aclAddresses").EnumerateObject().Where(a => a.Name != a.Value.GetString()))
            text.AppendLine($"  {a.Name} is {a.Value.GetString()}");
        text.Append(DiffText.From(json));
        foreach (var a in root.Items("brokenAssertions"))
            text.AppendLine($"BROKEN line {a.Int("line")}: {a.Str("assertion")}{(a.OptionalStr("explanation") is { } why ? $": {why}" : "")}");
        foreach (var f in root.Items("newErrors"))
            text.AppendLine($"NEW ERROR {f.Str("id")}: {f.Str("message")}");
        text.AppendLine(root.Str("verdict") switch
        {
            "blocked" => "Blocked: the plan breaks an assertion or adds an error finding.",
            "opens" => "The plan opens flows: review them.",
            _ => "The plan opens nothing.",
        });
        return text.ToString();
    }

    private static string Sign(string action) => action switch
    {
        "create" => "+",
        "delete" => "-",
        "replace" => "-/+",
        _ => "~",
    };
}
