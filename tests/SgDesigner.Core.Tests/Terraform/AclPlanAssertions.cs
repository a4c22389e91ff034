using System.Text.Json;

namespace SgDesigner.Core.Tests.Terraform;

/// <summary>
/// What <c>terraform show -json</c> says the plan creates for the network ACLs, against what each module's export
/// wrote: every <c>aws_network_acl_rule</c> with its number, action and direction, and the default ACLs' inline rules.
/// </summary>
internal static class AclPlanAssertions
{
    public static void AssertPlannedAsExported(string root, string planJson)
    {
        using var plan = JsonDocument.Parse(planJson[planJson.IndexOf('{', StringComparison.Ordinal)..]);
        var changes = plan.RootElement.GetProperty("resource_changes").EnumerateArray().ToList();
        var plannedRules = changes.Where(c => c.GetProperty("type").GetString() == "aws_network_acl_rule")
            .Select(c => (c.GetProperty("address").GetString()!, Rule(c.GetProperty("change").GetProperty("after"), "rule_number", "rule_action")))
            .Order().ToList();
        var plannedDefaults = changes.Where(c => c.GetProperty("type").GetString() == "aws_default_network_acl")
            .Select(c => (c.GetProperty("address").GetString()!, Blocks(c.GetProperty("change").GetProperty("after"))))
            .OrderBy(d => d.Item1, StringComparer.Ordinal).ToList();

        var exportedRules = new List<(string, string)>();
        var exportedDefaults = new List<(string, string)>();
        foreach (var module in Directory.EnumerateDirectories(root).Where(d => File.Exists(Path.Combine(d, "main.tf.json"))))
        {
            using var export = JsonDocument.Parse(File.ReadAllText(Path.Combine(module, "main.tf.json")));
            if (!export.RootElement.TryGetProperty("resource", out var resources))
                continue;
            var prefix = $"module.{Path.GetFileName(module)}";
            if (resources.TryGetProperty("aws_network_acl_rule", out var rules))
                exportedRules.AddRange(rules.EnumerateObject().Select(r => ($"{prefix}.aws_network_acl_rule.{r.Name}", Rule(r.Value, "rule_number", "rule_action"))));
            if (resources.TryGetProperty("aws_default_network_acl", out var defaults))
                exportedDefaults.AddRange(defaults.EnumerateObject().Select(d => ($"{prefix}.aws_default_network_acl.{d.Name}", Blocks(d.Value))));
        }
        Assert.NotEmpty(exportedRules);
        Assert.NotEmpty(exportedDefaults);
        Assert.Equal(exportedRules.Order().ToList(), plannedRules);
        Assert.Equal(exportedDefaults.OrderBy(d => d.Item1, StringComparer.Ordinal).ToList(), plannedDefaults);
    }

    private static string Rule(JsonElement rule, string number, string action) =>
        $"{(rule.TryGetProperty("egress", out var egress) && egress.GetBoolean() ? "egress" : "ingress")} #{rule.GetProperty(number).GetInt32()} {rule.GetProperty(action).GetString()} " +
        $"{rule.GetProperty("protocol").GetString()} {Text(rule, "cidr_block")}{Text(rule, "ipv6_cidr_block")}";

    private static string Blocks(JsonElement acl) => string.Join(" | ", new[] { "ingress", "egress" }.SelectMany(direction =>
        acl.GetProperty(direction).EnumerateArray().Select(b => $"{direction} {Rule(b, "rule_no", "action")}").Order(StringComparer.Ordinal)));

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
