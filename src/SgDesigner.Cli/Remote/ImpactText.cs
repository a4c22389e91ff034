using System.Text;
using SgDesigner.Cli.Remote.Client.Models;

namespace SgDesigner.Cli.Remote;

/// <summary>What <c>sgd propose</c> prints about a change request's impact, and whether it blocks (exit 1).</summary>
internal static class ImpactText
{
    /// <summary>The summary, flows opened and closed, new findings and the assertions the change affects.</summary>
    public static string From(ImpactView impact)
    {
        var text = new StringBuilder();
        text.AppendLine(impact.Summary);
        Flows(text, "opens", impact.Opened, impact.OpenedNotListed);
        Flows(text, "closes", impact.Closed, impact.ClosedNotListed);
        var findings = impact.NewFindings ?? [];
        if (findings.Count > 0)
            text.AppendLine("new findings:");
        foreach (var f in findings)
        {
            var place = string.Join(' ', new[] { f.GroupId, f.RuleId }.Where(p => p is not null));
            text.AppendLine($"  {f.Id} {f.Severity} {place}: {f.Message}");
        }
        var assertions = impact.Assertions ?? [];
        if (assertions.Count > 0)
            text.AppendLine("assertions:");
        foreach (var a in assertions)
            text.AppendLine($"  line {a.Line} {a.Change}: {a.Assertion}: {a.Result}");
        return text.ToString();
    }

    /// <summary>Why the change should not merge as it is (a broken assertion, a new error finding), or null.</summary>
    public static string? Blocking(ImpactView impact)
    {
        var broken = (impact.Assertions ?? []).Count(a => a.Change == "breaks");
        var errors = (impact.NewFindings ?? []).Count(f => f.Severity == "error");
        var reasons = new List<string>();
        if (broken > 0)
            reasons.Add($"it breaks {broken} assertion(s)");
        if (errors > 0)
            reasons.Add($"it adds {errors} error finding(s)");
        return reasons.Count == 0 ? null : string.Join(" and ", reasons);
    }

    private static void Flows(StringBuilder text, string verb, List<FlowView>? flows, int? notListed)
    {
        foreach (var f in flows ?? [])
        {
            var rules = f.Rules is { Count: > 0 } r ? $" by {string.Join(", ", r.Select(x => $"{x.GroupId} {x.RuleId}"))}" : "";
            text.AppendLine($"{verb} {f.From} -> {f.To}: {f.Traffic}{rules}");
        }
        if (notListed is > 0)
            text.AppendLine($"{verb} … and {notListed} more pair(s)");
    }
}
