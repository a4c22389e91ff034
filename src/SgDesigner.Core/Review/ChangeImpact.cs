using System.Collections.Immutable;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Review;

/// <summary>
/// What a change request does, for its reviewer: the rules it edits, the flows it opens and closes (with the rules
/// responsible), the lint findings it introduces and resolves, and the policy's assertions it breaks.
/// </summary>
/// <param name="Rules">The rule-by-rule diff per group (added, removed, changed with before and after).</param>
/// <param name="Reachability">The engine's what-if diff, one entry per class pair.</param>
/// <param name="Flows">The same diff grouped by source and destination.</param>
/// <param name="Findings">Lint findings new in the proposed estate, and those it resolves.</param>
/// <param name="Assertions">Every assertion checked on both estates, in the given order.</param>
public sealed record ChangeImpact(
    RuleDiff Rules,
    ReachabilityDiff Reachability,
    ImmutableArray<FlowImpact> Flows,
    FindingDelta Findings,
    ImmutableArray<AssertionImpact> Assertions)
{
    /// <summary>For each rule the change removes, the flows its removal closes (empty when nothing is removed).</summary>
    public ImmutableArray<RemovedRuleImpact> RemovedRules { get; init; } = [];

    /// <summary>
    /// The network ACLs and ACL rules the change adds, changes or removes (kinds <c>network-acl</c> and
    /// <c>network-acl-rule</c>), a row each.
    /// </summary>
    public ImmutableArray<ObjectChange> NetworkAclChanges { get; init; } = [];

    /// <summary>Source/destination pairs between which something is newly allowed.</summary>
    public IEnumerable<FlowImpact> Opened => Flows.Where(f => !f.Opened.IsEmpty);

    /// <summary>Source/destination pairs between which something is newly denied.</summary>
    public IEnumerable<FlowImpact> Closed => Flows.Where(f => !f.Closed.IsEmpty);

    /// <summary>Assertions that hold on the base and fail on the proposed estate.</summary>
    public IEnumerable<AssertionImpact> Broken => Assertions.Where(a => a.Change == AssertionChange.Breaks);

    /// <summary>Assertions that fail on both estates.</summary>
    public IEnumerable<AssertionImpact> FailingOnBoth => Assertions.Where(a => a.Change == AssertionChange.StillFails);

    /// <summary>Analyses a proposed estate against its base, without assertions.</summary>
    public static ChangeImpact Analyze(Estate baseEstate, Estate proposed) => Analyze(baseEstate, proposed, []);

    /// <summary>Analyses a proposed estate against its base and checks <paramref name="assertions"/> on both.</summary>
    public static ChangeImpact Analyze(Estate baseEstate, Estate proposed, IEnumerable<FlowAssertion> assertions) =>
        Analyze(baseEstate, proposed, assertions, CancellationToken.None);

    /// <summary>As above; <paramref name="ct"/> stops the analysis between its stages and during the reachability diff.</summary>
    public static ChangeImpact Analyze(Estate baseEstate, Estate proposed, IEnumerable<FlowAssertion> assertions, CancellationToken ct) =>
        Analyze(baseEstate, proposed, assertions, LintOptions.None, ct);

    /// <summary>As above, linting both estates with <paramref name="lint"/> (the policy's metadata checks, SGD040/SGD041).</summary>
    public static ChangeImpact Analyze(Estate baseEstate, Estate proposed, IEnumerable<FlowAssertion> assertions, LintOptions lint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(baseEstate);
        ArgumentNullException.ThrowIfNull(proposed);
        var before = ReachabilityEngine.Build(baseEstate);
        ct.ThrowIfCancellationRequested();
        var after = ReachabilityEngine.Build(proposed);
        ct.ThrowIfCancellationRequested();
        return Analyze(before, after, assertions, lint, ct);
    }

    /// <summary>
    /// Analyses with engines already built (a designer session keeps one per estate, so their matrices are reused).
    /// The cost is the reachability diff's: it follows the number of class pairs the edit touches.
    /// </summary>
    public static ChangeImpact Analyze(ReachabilityEngine before, ReachabilityEngine after, IEnumerable<FlowAssertion> assertions) =>
        Analyze(before, after, assertions, CancellationToken.None);

    /// <summary>As above; <paramref name="ct"/> stops the analysis during the reachability diff and after it.</summary>
    public static ChangeImpact Analyze(
        ReachabilityEngine before, ReachabilityEngine after, IEnumerable<FlowAssertion> assertions, CancellationToken ct) =>
        Analyze(before, after, assertions, LintOptions.None, ct);

    /// <summary>As above, linting both estates with <paramref name="lint"/> (the policy's metadata checks, SGD040/SGD041).</summary>
    public static ChangeImpact Analyze(
        ReachabilityEngine before, ReachabilityEngine after, IEnumerable<FlowAssertion> assertions, LintOptions lint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lint);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(assertions);
        var list = assertions.ToList();
        var rules = RuleDiff.Compare(before.Estate, after.Estate);
        var assertionImpacts = AssertionImpact.Pair(AssertionChecker.Check(before, list), AssertionChecker.Check(after, list));
        var aclChanges = AclChanges(before.Estate, after.Estate);
        var reachability = ReachabilityDiff.Compare(before, after, ct);
        ct.ThrowIfCancellationRequested();
        var removed = RemovedRuleImpact.Of(before, after, rules, ct);
        return new ChangeImpact(rules, reachability, FlowImpact.Group(reachability),
            FindingDelta.Compare(Linter.Lint(before.Estate, null, lint), Linter.Lint(after.Estate, null, lint)), assertionImpacts)
        {
            RemovedRules = removed,
            NetworkAclChanges = aclChanges,
        };
    }

    /// <summary>
    /// One line for a reviewer, e.g. "2 rules added, 1 changed in 1 group; opens 2 flows, closes 1;
    /// 1 new finding (1 error); breaks 1 assertion". A "flow" is one source/destination pair.
    /// </summary>
    public string Summary => string.Join("; ", new[] { RulesPart(), AclPart(), FlowsPart(), FindingsPart(), AssertionsPart() }.Where(p => p.Length > 0));

    private string RulesPart()
    {
        var added = Rules.Groups.Sum(g => g.Added.Length);
        var removed = Rules.Groups.Sum(g => g.Removed.Length);
        var changed = Rules.Groups.Sum(g => g.Changed.Length);
        var parts = new List<string>();
        if (added > 0)
            parts.Add($"{Count(added, "rule")} added");
        if (removed > 0)
            parts.Add($"{(parts.Count == 0 ? Count(removed, "rule") : removed)} removed");
        if (changed > 0)
            parts.Add($"{(parts.Count == 0 ? Count(changed, "rule") : changed)} changed");
        var groups = new List<string>();
        if (!Rules.GroupsAdded.IsEmpty)
            groups.Add($"{Count(Rules.GroupsAdded.Length, "group")} added");
        if (!Rules.GroupsRemoved.IsEmpty)
            groups.Add($"{Count(Rules.GroupsRemoved.Length, "group")} removed");
        if (!Rules.GroupsRenamed.IsEmpty)
            groups.Add($"{Count(Rules.GroupsRenamed.Length, "group")} renamed");
        var rules = parts.Count == 0 ? "" : $"{string.Join(", ", parts)} in {Count(Rules.Groups.Length, "group")}";
        return string.Join(", ", new[] { rules }.Concat(groups).Where(p => p.Length > 0));
    }

    private static ImmutableArray<ObjectChange> AclChanges(Estate before, Estate after) =>
        before.NetworkAcls == after.NetworkAcls
            ? []
            : [.. ObjectChanges.Between(before with { Groups = [] }, after with { Groups = [] })
                .Where(c => c.Kind is "network-acl" or "network-acl-rule")];

    private string AclPart()
    {
        var rules = NetworkAclChanges.Count(c => c.Kind == "network-acl-rule");
        var acls = NetworkAclChanges.Count(c => c.Kind == "network-acl");
        var parts = new List<string>();
        if (rules > 0)
            parts.Add($"{Count(rules, "network ACL rule")} changed");
        if (acls > 0)
            parts.Add($"{Count(acls, "network ACL")} changed");
        return string.Join(", ", parts);
    }

    private string FlowsPart()
    {
        var opened = Opened.Count();
        var closed = Closed.Count();
        // Flows from the whole internet are what a reviewer looks for first.
        var fromInternet = Opened.Count(f => f.FromInternet);
        var openedText = $"opens {Count(opened, "flow")}{(fromInternet > 0 && fromInternet < opened ? $" ({fromInternet} from the internet)" : fromInternet > 0 ? " from the internet" : "")}";
        return (opened, closed) switch
        {
            (0, 0) => "no flow opened or closed",
            (_, 0) => openedText,
            (0, _) => $"closes {Count(closed, "flow")}",
            _ => $"{openedText}, closes {closed}",
        };
    }

    private string FindingsPart()
    {
        var parts = new List<string>();
        if (!Findings.New.IsEmpty)
        {
            var bySeverity = Findings.New.GroupBy(f => f.Severity).OrderByDescending(g => g.Key)
                .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
            parts.Add($"{Count(Findings.New.Length, "new finding")} ({string.Join(", ", bySeverity)})");
        }
        if (!Findings.Resolved.IsEmpty)
            parts.Add($"resolves {Count(Findings.Resolved.Length, "finding")}");
        return string.Join(", ", parts);
    }

    private string AssertionsPart()
    {
        var parts = new List<string>();
        var broken = Broken.Count();
        if (broken > 0)
            parts.Add($"breaks {Count(broken, "assertion")}");
        var failing = FailingOnBoth.Count();
        if (failing > 0)
            parts.Add($"{Count(failing, "assertion")} still {(failing == 1 ? "fails" : "fail")}");
        var repaired = Assertions.Count(a => a.Change == AssertionChange.Repairs);
        if (repaired > 0)
            parts.Add($"repairs {Count(repaired, "assertion")}");
        var unresolvable = Assertions.Count(a => a.Change == AssertionChange.Unresolvable);
        if (unresolvable > 0)
            parts.Add($"{Count(unresolvable, "assertion")} cannot be evaluated");
        return string.Join(", ", parts);
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
