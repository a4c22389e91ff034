namespace SgDesigner.Core.Lint;

/// <summary>
/// The order findings are listed in: most severe first, then by check id, group, rule and ENI (ordinal), so the order
/// is stable across runs and a whole lint and an incremental one list the same findings alike.
/// </summary>
internal sealed class FindingOrder : IComparer<Finding>
{
    public static FindingOrder Instance { get; } = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var order = y.Severity.CompareTo(x.Severity);
        if (order == 0)
            order = string.CompareOrdinal(x.Id, y.Id);
        if (order == 0)
            order = string.CompareOrdinal(x.GroupId, y.GroupId);
        if (order == 0)
            order = string.CompareOrdinal(x.RuleId, y.RuleId);
        if (order == 0)
            order = string.CompareOrdinal(x.EniId, y.EniId);
        return order;
    }
}
