using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Insight;

/// <summary>
/// What one rule is for: the flows only it allows (removing it closes them) and the flows it allows that other rules
/// allow too (it is redundant for those). A flow is a connection the estate allows, both sides' rules included, that
/// the rule matches on its own side. Computed on demand for one rule (<see cref="Of"/>): two incremental engine
/// updates and a pass over the class pairs of the ENIs carrying the rule's group.
/// </summary>
/// <param name="Rule">The rule and its group.</param>
/// <param name="OnlyThis">Flows no other rule allows: removing the rule closes them.</param>
/// <param name="AlsoAllowed">Flows the rule allows that other rules allow too.</param>
/// <param name="NothingBecause">When the rule allows nothing, why (no ENI carries its group, no peer exists, or the
/// other side never lets the connection through); otherwise null.</param>
public sealed record RuleInsight(RuleRef Rule, ImmutableArray<RuleFlow> OnlyThis, ImmutableArray<RuleFlow> AlsoAllowed, string? NothingBecause)
{
    /// <summary>True when the rule allows no flow at all.</summary>
    public bool AllowsNothing => OnlyThis.IsEmpty && AlsoAllowed.IsEmpty;

    /// <summary>True when the rule allows flows and every one of them is allowed by another rule too.</summary>
    public bool IsRedundant => OnlyThis.IsEmpty && !AlsoAllowed.IsEmpty;

    /// <summary>One sentence: what removing the rule would do.</summary>
    public string Summary => (OnlyThis.Length, AlsoAllowed.Length) switch
    {
        (0, 0) => $"Rule {Rule.Rule.Id} allows nothing: {NothingBecause}.",
        (0, var also) => $"Rule {Rule.Rule.Id} is redundant: other rules allow all {Count(also)} it allows; removing it closes nothing.",
        (var only, 0) => $"Removing rule {Rule.Rule.Id} closes {Count(only)}; no other rule allows any of them.",
        var (only, also) => $"Removing rule {Rule.Rule.Id} closes {Count(only)}; other rules also allow {Count(also)} it allows.",
    };

    /// <summary>The rule with <paramref name="ruleId"/> and its group, or null when no group has it.</summary>
    public static RuleRef? Find(Estate estate, string ruleId)
    {
        ArgumentNullException.ThrowIfNull(estate);
        foreach (var group in estate.Groups)
        {
            foreach (var rule in group.Rules)
            {
                if (string.Equals(rule.Id, ruleId, StringComparison.Ordinal))
                    return new RuleRef(group.Id, rule);
            }
        }
        return null;
    }

    /// <summary>
    /// Up to <paramref name="count"/> rule ids of the estate closest to <paramref name="ruleId"/> (sharing the longest
    /// prefix, then the fewest edits), for an error about an unknown id.
    /// </summary>
    public static ImmutableArray<string> Closest(Estate estate, string ruleId, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(estate);
        return
        [
            .. estate.Groups.SelectMany(g => g.Rules).Select(r => r.Id).Distinct(StringComparer.Ordinal)
                .Select(id => (Id: id, Prefix: CommonPrefix(id, ruleId), Edits: Edits(id, ruleId)))
                .Where(x => x.Edits <= Math.Max(2, ruleId.Length / 3))
                .OrderBy(x => x.Edits).ThenByDescending(x => x.Prefix).ThenBy(x => x.Id, StringComparer.Ordinal)
                .Take(count).Select(x => x.Id),
        ];
    }

    /// <summary>The insight of rule <paramref name="ruleId"/>; throws <see cref="ArgumentException"/> for an unknown id.</summary>
    public static RuleInsight Of(ReachabilityEngine engine, string ruleId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var rule = Find(engine.Estate, ruleId) ?? throw new ArgumentException($"no group has a rule {ruleId}", nameof(ruleId));
        return RuleFlows.Compute(engine, rule, ct);
    }

    private static string Count(int n) => $"{n} flow{(n == 1 ? "" : "s")}";

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && char.ToLowerInvariant(a[n]) == char.ToLowerInvariant(b[n]))
            n++;
        return n;
    }

    // Levenshtein distance, case-insensitive: ids are short, two rows suffice.
    private static int Edits(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (same ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
