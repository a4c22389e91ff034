using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>A level of the aggregated matrix: by VPC, subnet, group, one tag key, or instance (the heat map of single instances).</summary>
/// <param name="By">What the instances are grouped by.</param>
/// <param name="TagKey">The tag key when <paramref name="By"/> is <see cref="AggregateBy.Tag"/>, else null.</param>
public sealed record AggregateChoice(AggregateBy By, string? TagKey = null)
{
    /// <summary>Each instance on its own: the heat map.</summary>
    public static AggregateChoice Instance { get; } = new(AggregateBy.Instance);

    /// <summary>By VPC.</summary>
    public static AggregateChoice Vpc { get; } = new(AggregateBy.Vpc);

    /// <summary>By subnet.</summary>
    public static AggregateChoice Subnet { get; } = new(AggregateBy.Subnet);

    /// <summary>By security group (an instance with several groups is in several rows).</summary>
    public static AggregateChoice Group { get; } = new(AggregateBy.Group);

    /// <summary>The value of the selector's option: "vpc", "subnet", "group", "instance" or "tag:KEY".</summary>
    public string Value => By == AggregateBy.Tag ? "tag:" + TagKey : By.ToString().ToLowerInvariant();

    /// <summary>How the selector and the breadcrumb name it.</summary>
    public string Label => By switch
    {
        AggregateBy.Tag => $"tag {TagKey}",
        AggregateBy.Vpc => "VPC",
        AggregateBy.Group => "security group",
        _ => By.ToString().ToLowerInvariant(),
    };

    /// <summary>The label of the row and column standing for <paramref name="count"/> aggregates left out: "902 other security groups", "12 other values of tag app".</summary>
    public string OthersLabel(int count) => By == AggregateBy.Tag
        ? $"{count:N0} other values of tag {TagKey}"
        : $"{count:N0} other {Label}s";

    /// <summary>Whether cells are aggregated (every level but the instance one).</summary>
    public bool IsAggregated => By != AggregateBy.Instance;

    /// <summary>The level a zoom into one of this level's aggregates shows: a VPC's subnets, otherwise its instances.</summary>
    public AggregateChoice Next => By == AggregateBy.Vpc ? Subnet : Instance;

    /// <summary>The choice an option value stands for, or null.</summary>
    public static AggregateChoice? Parse(string? value) => value switch
    {
        "vpc" => Vpc,
        "subnet" => Subnet,
        "group" => Group,
        "instance" => Instance,
        ['t', 'a', 'g', ':', .. var key] when key.Length > 0 => new AggregateChoice(AggregateBy.Tag, key),
        _ => null,
    };
}
