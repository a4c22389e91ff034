using System.Text;
using System.Text.Json;
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
        added, removed and changed (matched by rule id); and the flows the change opens and closes,
        between classes of alike ENIs and to/from the internet and declared external endpoints, with
        the rules responsible; closed flows say whether existing connections are cut at once
        (untracked, 0.0.0.0/0 both ways) or live until idle (tracked).

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
        var flows = ReachabilityDiff.Compare(before, after);
        var text = args.Has("--json") ? Json(rules, flows) : Text(rules, flows);
        context.WriteResult(text, args.Value("--output"));
        return 0;
    }

    private static string Text(RuleDiff diff, ReachabilityDiff flows)
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
        foreach (var change in flows.Changes)
        {
            text.AppendLine($"{change.From} -> {change.To} ({change.Pairs} pair(s)):");
            foreach (var d in change.OpenedDetail)
                text.AppendLine($"  opens  {d.Traffic}{Because(d)}");
            foreach (var d in change.ClosedDetail)
                text.AppendLine($"  closes {d.Traffic}{Because(d)}{(d.Untracked ? " (untracked: existing connections are cut at once)" : " (tracked: existing connections live until idle)")}");
        }
        text.AppendLine(flows.IsEmpty
            ? "Reachability unchanged."
            : $"Reachability: {flows.Opening.Count()} flow(s) opened, {flows.Closing.Count()} closed.");
        return text.ToString();
    }

    private static string Json(RuleDiff diff, ReachabilityDiff flows) => JsonText.Document(w =>
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
        w.WriteStartArray("reachability");
        foreach (var change in flows.Changes)
        {
            w.WriteStartObject();
            WriteParty(w, "from", change.From);
            WriteParty(w, "to", change.To);
            w.WriteNumber("pairs", change.Pairs);
            WriteDetails(w, "opens", change.OpenedDetail);
            WriteDetails(w, "closes", change.ClosedDetail);
            w.WriteBoolean("cutsUntracked", change.CutsUntracked);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string Because(FlowDetail d) =>
        d.Rules.IsEmpty ? "" : $" by {string.Join(", ", d.Rules.Select(r => $"{r.GroupId} {r.Rule.Id}"))}";

    private static void WriteParty(Utf8JsonWriter w, string name, FlowParty party)
    {
        w.WriteStartObject(name);
        w.WriteString("label", party.Label);
        WriteStrings(w, "groups", party.GroupIds);
        WriteStrings(w, "groupsBefore", party.GroupIdsBefore);
        WriteStrings(w, "sampleEnis", party.SampleEniIds);
        w.WriteNumber("eniCount", party.EniCount);
        w.WriteString("outside", party.Outside?.ToString());
        w.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter w, string name, IEnumerable<FlowDetail> details)
    {
        w.WriteStartArray(name);
        foreach (var d in details)
        {
            w.WriteStartObject();
            TrafficJson.WriteFields(w, d.Traffic);
            RuleJson.WriteRefs(w, "rules", d.Rules);
            w.WriteBoolean("untracked", d.Untracked);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void WriteGroupName(Utf8JsonWriter w, string id, string name)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("name", name);
        w.WriteEndObject();
    }
}
