using System.Diagnostics;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Core.Tests.Lint;

/// <summary>
/// Where a designer edit's lint time goes on the designer benchmark's 20,000-rule estate (2,500 instances, 1,000 groups,
/// seed 42): each check family over the whole estate, then a whole and an incremental lint after one rule edit.
/// Explicit: run it by name; it prints the times and asserts only that both lints agree.
/// </summary>
public class LintProfileBenchmark
{
    [Fact(Explicit = true)]
    public void ProfilesTheTwentyThousandRuleEstate()
    {
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(2_500, 1_000, 20_000, Seed: 42));
        var engine = ReachabilityEngine.Build(estate);
        engine.Matrix();
        var first = estate.Groups.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).First();
        var lines = new List<string>
        {
            $"the designer opens on {first.Id} ({first.Name}): {first.Inbound.Count()} inbound, {first.Outbound.Count()} outbound rules, " +
            $"{estate.NetworkInterfaces.Count(e => e.GroupIds.Contains(first.Id))} ENIs carry it; largest group {estate.Groups.Max(g => g.Rules.Length)} rules; " +
            $"most carried group on {estate.Groups.Max(g => estate.NetworkInterfaces.Count(e => e.GroupIds.Contains(g.Id)))} ENIs",
        };
        void Time(string what, Func<int> run)
        {
            run();
            var clock = Stopwatch.StartNew();
            var count = 0;
            for (var i = 0; i < 3; i++)
                count = run();
            lines.Add($"{what}: {clock.Elapsed.TotalMilliseconds / 3:F1} ms ({count} findings)");
        }
        Time("world exposure", () => estate.Groups.Sum(g => WorldExposureChecks.Run(estate, g).Count()));
        Time("rule overlap", () => estate.Groups.Sum(g => RuleOverlapChecks.Run(estate, g).Count()));
        Time("cidr width", () => estate.Groups.Sum(g => CidrWidthChecks.Run(estate, g).Count()));
        Time("icmp", () => estate.Groups.Sum(g => IcmpAndNameChecks.Icmp(g).Count()));
        Time("checkov", () => estate.Groups.Sum(g => CheckovChecks.Run(estate, g).Count()));
        Time("references", () => ReferenceChecks.Run(estate).Count());
        Time("quotas", () => QuotaChecks.Run(estate).Count());
        Time("duplicate names", () => IcmpAndNameChecks.DuplicateNames(estate).Count());
        Time("rule usage (designer's engine)", () => RuleUsageChecks.Run(estate, engine).Count());
        Time("Linter.Lint (designer's engine)", () => Linter.Lint(estate, engine).Length);

        var group = estate.Groups.First(g => g.Inbound.Any(r => r.Protocol == IpProtocol.Tcp));
        var rule = group.Inbound.First(r => r.Protocol == IpProtocol.Tcp);
        var edited = estate.WithGroup(group with { Rules = group.Rules.Replace(rule, rule with { FromPort = 3389, ToPort = 3389 }) });
        var updated = engine.Update(edited);
        var previous = Linter.Lint(estate, engine);
        Time("engine update + matrix", () => { var e = engine.Update(edited); e.Matrix(); return 0; });
        Time("Linter.Lint after one edit", () => Linter.Lint(edited, updated).Length);
        Time("IncrementalLint after one edit", () => IncrementalLint.After(estate, previous, edited, updated).Length);
        Assert.Equal(Linter.Lint(edited, updated), IncrementalLint.After(estate, previous, edited, updated));
        var affected = IncrementalLint.Scope(estate, previous, edited, new HashSet<string> { group.Id });
        Time($"  of which: scope of {group.Id} ({group.Name}): {affected.Groups.Count} groups, {affected.UsageGroups.Count} for usage, {affected.Rules.Count} more rules",
            () => IncrementalLint.Scope(estate, previous, edited, new HashSet<string> { group.Id }).Groups.Count);
        Time("  of which: checks of the affected groups", () => Linter.Run(edited, updated, affected, LintOptions.None).Count);
        Time("  of which: rule usage of the affected groups", () => RuleUsageChecks.Run(edited, updated, affected).Count());
        // The worst case: the group most ENIs carry (a shared one, such as "monitored").
        var shared = estate.Groups.MaxBy(g => estate.NetworkInterfaces.Count(e => e.GroupIds.Contains(g.Id)))!;
        var sharedEdited = estate.WithGroup(shared with { Description = shared.Description + " (edited)" });
        var sharedEngine = engine.Update(sharedEdited);
        Time($"IncrementalLint after editing the most carried group {shared.Id} ({shared.Name}), " +
             $"{IncrementalLint.Scope(estate, previous, sharedEdited, new HashSet<string> { shared.Id }).Groups.Count} groups re-checked", () => IncrementalLint.After(estate, previous, sharedEdited, sharedEngine).Length);
        // The designer benchmark's worst case: a port edit in that group's rule (not a description), which reaches its neighbours.
        if (shared.Rules.FirstOrDefault(r => r.Protocol == IpProtocol.Tcp) is { } sharedRule)
        {
            var port = sharedRule.FromPort == 65000 ? 65001 : 65000;
            var portEdited = estate.WithGroup(shared with { Rules = shared.Rules.Replace(sharedRule, sharedRule with { FromPort = port, ToPort = port }) });
            var portEngine = engine.Update(portEdited);
            var scope = IncrementalLint.Scope(estate, previous, portEdited, new HashSet<string> { shared.Id });
            Time($"IncrementalLint after a {sharedRule.Direction} port edit in {shared.Id} ({shared.Name}): {scope.Groups.Count} groups, {scope.Rules.Count} more rules",
                () => IncrementalLint.After(estate, previous, portEdited, portEngine).Length);
            Time("  of which: the scope", () => IncrementalLint.Scope(estate, previous, portEdited, new HashSet<string> { shared.Id }).Groups.Count);
            Time("  of which: checks of the affected groups", () => Linter.Run(portEdited, portEngine, scope, LintOptions.None).Count);
            Time("  of which: rule usage of the affected groups", () => RuleUsageChecks.Run(portEdited, portEngine, scope).Count());
            Time("Linter.Lint after that edit", () => Linter.Lint(portEdited, portEngine).Length);
            Assert.Equal(Linter.Lint(portEdited, portEngine), IncrementalLint.After(estate, previous, portEdited, portEngine));
        }
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', lines));
        Console.WriteLine(string.Join('\n', lines));
    }
}
