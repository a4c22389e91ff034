using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SgDesigner.E2E.Tests.Accessibility;

/// <summary>One page's axe violations, counted in nodes as axe reports them.</summary>
/// <param name="Page">The page audited.</param>
/// <param name="Violations">Its violations; empty when it passes every rule.</param>
/// <param name="Failure">Why the page could not be audited (it never showed its content), or null.</param>
public sealed record PageAudit(AuditedPage Page, IReadOnlyList<AxeResultItem> Violations, string? Failure = null)
{
    /// <summary>Nodes with a violation of <paramref name="impact"/> ("critical", "serious", "moderate", "minor").</summary>
    public int Nodes(string impact) => Violations.Where(v => v.Impact == impact).Sum(v => v.Nodes.Length);
}

/// <summary>Runs axe-core on a page with the WCAG 2.0 and 2.1 A and AA rules, and reports what fails in words.</summary>
public static class AxeAudit
{
    /// <summary>The rule sets audited: WCAG 2.0 and 2.1, levels A and AA.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Audits <paramref name="page"/> as it is now.</summary>
    public static async Task<IReadOnlyList<AxeResultItem>> RunAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });
        return result.Violations;
    }

    /// <summary>Counts per page, as a markdown table (critical, serious, moderate, minor, and the rules that fail).</summary>
    public static string Table(IEnumerable<PageAudit> audits)
    {
        var text = new StringBuilder("| page | critical | serious | moderate | minor | rules (nodes) |\n|---|---:|---:|---:|---:|---|\n");
        var all = audits.ToList();
        foreach (var audit in all)
        {
            var rules = audit.Failure ?? string.Join(", ", audit.Violations.Select(v => $"{v.Id} ({v.Nodes.Length})"));
            text.Append($"| {audit.Page.Name} | {audit.Nodes("critical")} | {audit.Nodes("serious")} | {audit.Nodes("moderate")} | {audit.Nodes("minor")} | {rules} |\n");
        }
        text.Append($"| **total** | **{all.Sum(a => a.Nodes("critical"))}** | **{all.Sum(a => a.Nodes("serious"))}** | {all.Sum(a => a.Nodes("moderate"))} | {all.Sum(a => a.Nodes("minor"))} | |\n");
        return text.ToString();
    }

    /// <summary>Each critical or serious violation: page, rule, impact, how many nodes, and the first targets with axe's message.</summary>
    public static string Blocking(IEnumerable<PageAudit> audits)
    {
        var text = new StringBuilder();
        foreach (var audit in audits)
        {
            if (audit.Failure is not null)
                text.AppendLine($"{audit.Page.Name} ({audit.Page.Path}): {audit.Failure}");
            foreach (var violation in audit.Violations.Where(v => v.Impact is "critical" or "serious"))
            {
                text.AppendLine($"{audit.Page.Name}: {violation.Id} ({violation.Impact}) × {violation.Nodes.Length}: {violation.Help}");
                foreach (var node in violation.Nodes.Take(5))
                    text.AppendLine($"    {node.Target} — {Message(node)}");
            }
        }
        return text.ToString();
    }

    private static string Message(AxeResultNode node) =>
        node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).FirstOrDefault(m => !string.IsNullOrEmpty(m)) ?? "";
}
