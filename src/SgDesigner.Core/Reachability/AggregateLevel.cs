using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>What an aggregated matrix groups ENIs by.</summary>
public enum AggregateBy
{
    /// <summary>Their VPC.</summary>
    Vpc,
    /// <summary>Their subnet.</summary>
    Subnet,
    /// <summary>The value of one tag of their instance (application, tier…).</summary>
    Tag,
    /// <summary>Their security groups: an ENI with several groups is in several aggregates.</summary>
    Group,
    /// <summary>No grouping: one aggregate per ENI, named after its instance.</summary>
    Instance,
}

/// <summary>Groups ENIs of an estate into <see cref="MatrixAggregate"/>s by VPC, subnet, tag value, group or instance.</summary>
public static class AggregateLevel
{
    /// <summary>The aggregates of <paramref name="enis"/> by <paramref name="by"/> (for <see cref="AggregateBy.Tag"/>, the value of <paramref name="tagKey"/>), ordered by label.</summary>
    public static ImmutableArray<MatrixAggregate> Of(Estate estate, IEnumerable<NetworkInterface> enis, AggregateBy by, string? tagKey = null)
    {
        var list = enis.ToList();
        IEnumerable<MatrixAggregate> aggregates = by switch
        {
            AggregateBy.Vpc => Grouped(list, e => [e.VpcId], VpcLabels(estate)),
            AggregateBy.Subnet => Grouped(list, e => [e.SubnetId ?? NoSubnet], SubnetLabels(estate)),
            AggregateBy.Tag => Grouped(list, TagOf(estate, tagKey ?? throw new ArgumentNullException(nameof(tagKey))), []),
            AggregateBy.Group => Grouped(list, e => e.GroupIds.IsDefaultOrEmpty ? [NoGroup] : e.GroupIds, GroupLabels(estate)),
            _ => PerEni(estate, list),
        };
        return [.. aggregates.OrderBy(a => a.Label, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Key, StringComparer.Ordinal)];
    }

    /// <summary>Every tag key of the estate's instances, sorted.</summary>
    public static ImmutableArray<string> TagKeys(Estate estate) =>
        [.. estate.Instances.SelectMany(i => i.Tags.Keys).Where(k => k != "Name").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The key of the aggregate that stands for the aggregates <see cref="Collapsed"/> left out.</summary>
    public const string Others = "(others)";

    /// <summary>
    /// At most <paramref name="limit"/> aggregates: all of them when they fit, otherwise the <paramref name="limit"/> − 1
    /// with the most ENIs (in their given order) and one more, keyed <see cref="Others"/> and labelled
    /// <paramref name="othersLabel"/>(how many), holding every ENI of the rest. A table of 962 groups stays a few dozen
    /// rows, and no ENI drops out of the counts.
    /// </summary>
    public static ImmutableArray<MatrixAggregate> Collapsed(IReadOnlyList<MatrixAggregate> aggregates, int limit, Func<int, string> othersLabel)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        ArgumentNullException.ThrowIfNull(othersLabel);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        if (aggregates.Count <= limit)
            return [.. aggregates];
        var kept = Enumerable.Range(0, aggregates.Count)
            .OrderByDescending(i => aggregates[i].EniIds.Length).ThenBy(i => i)
            .Take(limit - 1).ToHashSet();
        var rest = Enumerable.Range(0, aggregates.Count).Where(i => !kept.Contains(i)).ToList();
        var others = rest.SelectMany(i => aggregates[i].EniIds).Distinct(StringComparer.Ordinal).ToImmutableArray();
        return [.. Enumerable.Range(0, aggregates.Count).Where(kept.Contains).Select(i => aggregates[i]), new MatrixAggregate(Others, othersLabel(rest.Count), others)];
    }

    /// <summary>The key of ENIs without a subnet.</summary>
    public const string NoSubnet = "(no subnet)";

    /// <summary>The key of ENIs without a group.</summary>
    public const string NoGroup = "(no group)";

    /// <summary>The key of ENIs whose instance lacks the tag (or that have no instance).</summary>
    public const string NoTag = "(no tag)";

    private static IEnumerable<MatrixAggregate> Grouped(List<NetworkInterface> enis, Func<NetworkInterface, IEnumerable<string>> keys, Dictionary<string, string> labels)
    {
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var eni in enis)
        {
            foreach (var key in keys(eni).Distinct(StringComparer.Ordinal))
            {
                if (!members.TryGetValue(key, out var list))
                    members[key] = list = [];
                list.Add(eni.Id);
            }
        }
        return members.Select(m => new MatrixAggregate(m.Key, labels.GetValueOrDefault(m.Key) ?? m.Key, [.. m.Value]));
    }

    private static Func<NetworkInterface, IEnumerable<string>> TagOf(Estate estate, string tagKey)
    {
        var instances = estate.Instances.DistinctBy(i => i.Id).ToDictionary(i => i.Id, StringComparer.Ordinal);
        return e => [e.InstanceId is { } id && instances.TryGetValue(id, out var i) && i.Tags.TryGetValue(tagKey, out var v) ? v : NoTag];
    }

    private static Dictionary<string, string> VpcLabels(Estate estate) =>
        estate.Vpcs.DistinctBy(v => v.Id).ToDictionary(v => v.Id, v => Named(v.Name, v.Id), StringComparer.Ordinal);

    private static Dictionary<string, string> SubnetLabels(Estate estate) =>
        estate.Subnets.DistinctBy(s => s.Id).ToDictionary(s => s.Id, s => Named(s.Name, s.Id), StringComparer.Ordinal);

    private static Dictionary<string, string> GroupLabels(Estate estate) =>
        estate.Groups.DistinctBy(g => g.Id).ToDictionary(g => g.Id, g => Named(g.Name, g.Id), StringComparer.Ordinal);

    private static IEnumerable<MatrixAggregate> PerEni(Estate estate, List<NetworkInterface> enis)
    {
        var instances = estate.Instances.DistinctBy(i => i.Id).ToDictionary(i => i.Id, StringComparer.Ordinal);
        return enis.Select(e => new MatrixAggregate(e.Id,
            e.InstanceId is { } id && instances.TryGetValue(id, out var i) ? Named(i.Name, i.Id) : e.Id, [e.Id]));
    }

    private static string Named(string? name, string id) => string.IsNullOrEmpty(name) ? id : $"{name} ({id})";
}
