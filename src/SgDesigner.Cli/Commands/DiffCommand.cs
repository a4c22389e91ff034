using System.Text;
using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Output;
using SgDesigner.Core.Diff;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd diff OLD NEW [--json]</c>: rules added, removed and changed, and the reachability opened and closed.</summary>
internal static class DiffCommand
{
    public static CommandDefinition Definition { get; } = new(
        "diff",
        "rules added, removed and changed, and the reachability the change opens and closes",
        """
        Usage: sgd diff OLD_POLICY NEW_POLICY [--json] [-o FILE]

        Compares two versions of a policy: groups added, removed and renamed; per group the rules
        added, removed and changed (matched by rule id); and the flows the change opens and closes.

        Options:
          --json              one JSON object instead of text
          -o, --output FILE   write the report to FILE instead of stdout

        """,
        [OptionSpec.Switch("--json"), OptionSpec.Output],
        Run);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("OLD_POLICY", "NEW_POLICY");
        var before = PolicyFile.Load(args.Positionals[0], context).Estate;
        var after = PolicyFile.Load(args.Positionals[1], context).Estate;
        var rules = RuleDiff.Compare(before, after);
        var text = args.Has("--json") ? Json(rules) : Text(rules);
        context.WriteResult(text, args.Value("--output"));
        return 0;
    }

    private static string Text(RuleDiff diff)
    {
        var text = new StringBuilder();
        foreach (var g in diff.GroupsAdded)
            text.AppendLine($"+ group {g.Id} ({g.Name})");
        foreach (var g in diff.GroupsRemoved)
            text.AppendLine($"- group {g.Id} ({g.Name})");
        foreach (var r in diff.GroupsRenamed)
            text.AppendLine($"~ group {r.GroupId} renamed {r.OldName} -> {r.NewName}");
        foreach (var g in diff.Groups)
        {
            text.AppendLine($"{g.GroupId} ({g.GroupName}):");
            foreach (var r in g.Added)
                text.AppendLine($"  + {r.Id} {r}");
            foreach (var r in g.Removed)
                text.AppendLine($"  - {r.Id} {r}");
            foreach (var c in g.Changed)
                text.AppendLine($"  ~ {c.After.Id} {c.Before} -> {c.After}");
        }
        var ruleCount = diff.Groups.Sum(g => g.Added.Length + g.Removed.Length + g.Changed.Length);
        text.AppendLine(diff.IsEmpty ? "No rule changes." : $"{ruleCount} rule change(s) in {diff.Groups.Length} group(s).");
        return text.ToString();
    }

    private static string Json(RuleDiff diff) => JsonText.Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("groupsAdded");
        foreach (var g in diff.GroupsAdded)
            WriteGroupName(w, g.Id, g.Name);
        w.WriteEndArray();
        w.WriteStartArray("groupsRemoved");
        foreach (var g in diff.GroupsRemoved)
            WriteGroupName(w, g.Id, g.Name);
        w.WriteEndArray();
        w.WriteStartArray("groupsRenamed");
        foreach (var r in diff.GroupsRenamed)
        {
            w.WriteStartObject();
            w.WriteString("id", r.GroupId);
            w.WriteString("oldName", r.OldName);
            w.WriteString("newName", r.NewName);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("rules");
        foreach (var g in diff.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.GroupId);
            w.WriteString("groupName", g.GroupName);
            RuleJson.WriteArray(w, "added", g.Added);
            RuleJson.WriteArray(w, "removed", g.Removed);
            w.WriteStartArray("changed");
            foreach (var c in g.Changed)
            {
                w.WriteStartObject();
                w.WritePropertyName("before");
                RuleJson.Write(w, c.Before);
                w.WritePropertyName("after");
                RuleJson.Write(w, c.After);
                w.WriteBoolean("affectsTraffic", c.AffectsTraffic);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteGroupName(System.Text.Json.Utf8JsonWriter w, string id, string name)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("name", name);
        w.WriteEndObject();
    }
}
