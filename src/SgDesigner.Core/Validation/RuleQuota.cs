using SgDesigner.Core.Model;

namespace SgDesigner.Core.Validation;

/// <summary>
/// How AWS counts a group's rules against the rules-per-direction quota: one per peer, except that a rule referencing a
/// managed prefix list counts as the list's maximum entries
/// (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups).
/// </summary>
public static class RuleQuota
{
    /// <summary>The rules of <paramref name="direction"/> in <paramref name="rules"/>, as counted against the quota.</summary>
    public static int Count(IEnumerable<Rule> rules, Direction direction, IReadOnlyList<PrefixList> prefixLists)
    {
        var count = 0;
        foreach (var rule in rules)
        {
            if (rule.Direction == direction)
                count += Weight(rule, prefixLists);
        }
        return count;
    }

    /// <summary>What one rule counts as: the referenced list's maximum entries, otherwise 1 (also for a list not in the estate).</summary>
    public static int Weight(Rule rule, IReadOnlyList<PrefixList> prefixLists)
    {
        if (rule.Peer is not PrefixListPeer p)
            return 1;
        foreach (var list in prefixLists)
        {
            if (list.Id == p.PrefixListId)
                return list.RuleWeight;
        }
        return 1;
    }
}
