using System.Text;
using System.Text.Json;

namespace SgDesigner.Cli.Output;

/// <summary><c>sgd drift</c>'s text, from its JSON answer.</summary>
internal static class DriftText
{
    public static string From(string json)
    {
        using var document = JsonDocument.Parse(json);
        var drift = document.RootElement;
        var text = new StringBuilder();
        foreach (var m in drift.GetProperty("matchedByName").EnumerateObject())
            text.AppendLine($"deployed {m.Name} is compared with designed {m.Value.GetString()} (same VPC and name)");
        if (drift.Bool("networkFromDesign"))
            text.AppendLine("The snapshot has no network interfaces: the design's instances are used with the deployed groups.");
        foreach (var g in drift.Items("groupsAdded"))
            text.AppendLine($"+ group {g.Str("id")} ({g.Str("name")}) deployed, not designed");
        foreach (var g in drift.Items("groupsRemoved"))
            text.AppendLine($"- group {g.Str("id")} ({g.Str("name")}) designed, not deployed");
        foreach (var r in drift.Items("groupsRenamed"))
            text.AppendLine($"~ group {r.Str("id")} named {r.Str("oldName")} in the design, {r.Str("newName")} deployed");
        foreach (var g in drift.Items("rules"))
        {
            text.AppendLine($"{g.Str("group")} ({g.Str("groupName")}):");
            foreach (var r in g.Items("added"))
                text.AppendLine($"  + {r.Str("id")} {r.Str("text")} (deployed, not designed)");
            foreach (var r in g.Items("removed"))
                text.AppendLine($"  - {r.Str("id")} {r.Str("text")} (designed, not deployed)");
            foreach (var c in g.Items("changed"))
                text.AppendLine($"  ~ {c.GetProperty("after").Str("id")} designed {c.GetProperty("before").Str("text")}, deployed {c.GetProperty("after").Str("text")}");
        }
        foreach (var change in drift.Items("reachability"))
        {
            text.AppendLine($"{DiffText.Party(change.GetProperty("from"))} -> {DiffText.Party(change.GetProperty("to"))} ({change.Long("pairs")} pair(s)):");
            foreach (var d in change.Items("opens"))
                text.AppendLine($"  deployed, not designed: {DiffText.Traffic(d)}{DiffText.Because(d)}");
            foreach (var d in change.Items("closes"))
                text.AppendLine($"  designed, not deployed: {DiffText.Traffic(d)}{DiffText.Because(d)}");
        }
        text.AppendLine(drift.Bool("inSync")
            ? "In sync: the deployment allows exactly what is designed."
            : $"Drift: {drift.Int("deployedNotDesigned")} flow(s) deployed but not designed, {drift.Int("designedNotDeployed")} designed but not deployed.");
        return text.ToString();
    }
}
