using System.Text;
using SgDesigner.Cli.Arguments;
using SgDesigner.Core.Answers;
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

        """,
        [OptionSpec.Switch("--json", "one JSON object instead of text"), OptionSpec.Writes("write the report to FILE instead of stdout")],
        Run,
        Arguments: [new("OLD_POLICY", "the policy before the change"), new("NEW_POLICY", "the policy after the change")]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("OLD_POLICY", "NEW_POLICY");
        var before = PolicyFile.Load(args.Positionals[0], context).Estate;
        var after = PolicyFile.Load(args.Positionals[1], context).Estate;
        var (rules, flows) = DiffAnswer.Compare(before, after);
        var text = args.Has("--json") ? DiffAnswer.Json(rules, flows) : Text(rules, flows);
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

    private static string Because(FlowDetail d) =>
        d.Rules.IsEmpty ? "" : $" by {string.Join(", ", d.Rules.Select(r => $"{r.GroupId} {r.Rule.Id}"))}";
}
