using System.Collections.Immutable;
using SgDesigner.Core.Lint;

namespace SgDesigner.Core.Review;

/// <summary>
/// Lint findings that a change introduces or resolves. Findings are matched by check id and subject (group, rule,
/// ENI), never by message: an edit that rewords a message (a renamed group, a widened port range on the same rule)
/// leaves the same problem in place, while the same check on another rule is a new problem.
/// </summary>
/// <param name="New">Findings of the proposed estate with no counterpart in the base.</param>
/// <param name="Resolved">Findings of the base with no counterpart in the proposed estate.</param>
public sealed record FindingDelta(ImmutableArray<Finding> New, ImmutableArray<Finding> Resolved)
{
    /// <summary>Compares two lint runs; a subject reported twice by one check counts twice.</summary>
    public static FindingDelta Compare(IEnumerable<Finding> before, IEnumerable<Finding> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var beforeList = before.ToList();
        var afterList = after.ToList();
        return new FindingDelta(Unmatched(afterList, beforeList), Unmatched(beforeList, afterList));
    }

    /// <summary>The findings of <paramref name="items"/> left over once each is paired with one of <paramref name="others"/>.</summary>
    private static ImmutableArray<Finding> Unmatched(List<Finding> items, List<Finding> others)
    {
        var available = others.GroupBy(Subject).ToDictionary(g => g.Key, g => g.Count());
        var result = ImmutableArray.CreateBuilder<Finding>();
        foreach (var finding in items)
        {
            var key = Subject(finding);
            if (available.TryGetValue(key, out var count) && count > 0)
                available[key] = count - 1;
            else
                result.Add(finding);
        }
        return result.ToImmutable();
    }

    private static (string Id, string? Group, string? Rule, string? Eni) Subject(Finding f) => (f.Id, f.GroupId, f.RuleId, f.EniId);
}
