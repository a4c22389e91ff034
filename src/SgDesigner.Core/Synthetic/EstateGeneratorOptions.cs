namespace SgDesigner.Core.Synthetic;

/// <summary>The size and seed of a synthetic estate made by <see cref="EstateGenerator"/>.</summary>
/// <param name="Instances">Number of instances (each has a primary ENI; a few have a second one).</param>
/// <param name="Groups">Exact number of security groups.</param>
/// <param name="Rules">Exact number of rules over all groups (one peer each).</param>
/// <param name="Seed">The same seed and sizes always give the same estate.</param>
public sealed record EstateGeneratorOptions(int Instances, int Groups, int Rules, int Seed = 1)
{
    /// <summary>
    /// Also one network ACL per subnet with a few denies and an ephemeral reply rule, and some Windows instances
    /// (see <see cref="SyntheticAcls"/>); off by default, which gives exactly the estate without ACLs.
    /// </summary>
    public bool NetworkAcls { get; init; }

    /// <summary>The size <c>sgd bench</c> uses by default: 10,000 instances, 1,000 groups, 20,000 rules.</summary>
    public static EstateGeneratorOptions BenchDefault { get; } = new(10_000, 1_000, 20_000);

    /// <summary>Null when the sizes can make an estate, otherwise why not.</summary>
    public string? Problem =>
        Instances < 0 ? "instances must not be negative"
        : Groups < 1 ? "at least one group is needed"
        : Rules < 0 ? "rules must not be negative"
        : Instances > 1_000_000 ? "at most 1,000,000 instances"
        : null;
}
