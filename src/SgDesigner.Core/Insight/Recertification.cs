using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Insight;

/// <summary>A rule whose review-by date falls within the window (or has passed).</summary>
/// <param name="GroupId">Its group.</param>
/// <param name="GroupName">Its group's name.</param>
/// <param name="Rule">The rule.</param>
/// <param name="DaysLeft">Days from today to its review-by date; negative when overdue.</param>
public sealed record DueRule(string GroupId, string GroupName, Rule Rule, int DaysLeft);

/// <summary>The rules one owner must re-certify.</summary>
/// <param name="Owner">The owner, or null for rules nobody owns.</param>
/// <param name="Rules">Their rules, soonest due first.</param>
public sealed record OwnerDueRules(string? Owner, ImmutableArray<DueRule> Rules);

/// <summary>
/// The Recertification page's list (issue 18): the rules due for review within the next days, by owner. Core reads no
/// clock, so the caller gives "today".
/// </summary>
public static class Recertification
{
    /// <summary>
    /// Rules whose review-by date is at most <paramref name="days"/> days after <paramref name="today"/> (overdue ones
    /// included), grouped by owner in name order (unowned last), soonest due first within an owner.
    /// </summary>
    public static ImmutableArray<OwnerDueRules> Due(Estate estate, DateOnly today, int days)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var until = today.AddDays(days);
        return
        [
            .. estate.Groups
                .SelectMany(g => g.Rules.Where(r => r.Metadata.ReviewBy is { } due && due <= until)
                    .Select(r => new DueRule(g.Id, g.Name, r, r.Metadata.ReviewBy!.Value.DayNumber - today.DayNumber)))
                .GroupBy(d => d.Rule.Metadata.Owner)
                .OrderBy(o => o.Key is null)
                .ThenBy(o => o.Key, StringComparer.OrdinalIgnoreCase)
                .Select(o => new OwnerDueRules(o.Key, [.. o.OrderBy(d => d.DaysLeft).ThenBy(d => d.Rule.Id, StringComparer.Ordinal)])),
        ];
    }
}
