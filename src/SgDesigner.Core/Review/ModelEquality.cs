using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Review;

/// <summary>
/// Content equality for the model records that hold arrays or dictionaries (records compare those by reference, and
/// two revisions loaded from storage share none).
/// </summary>
internal static class ModelEquality
{
    public static readonly IEqualityComparer<Vpc> Vpc = Comparer<Vpc>(
        (a, b) => a.Id == b.Id && a.Name == b.Name && Seq(a.Cidrs, b.Cidrs), v => v.Id);

    public static readonly IEqualityComparer<SecurityGroup> Group = Comparer<SecurityGroup>(
        (a, b) => a.Id == b.Id && a.Name == b.Name && a.Description == b.Description && a.VpcId == b.VpcId &&
                  SameTags(a.Tags, b.Tags) && Seq(a.Rules, b.Rules),
        g => g.Id);

    public static readonly IEqualityComparer<PrefixList> PrefixList = Comparer<PrefixList>(
        (a, b) => a.Id == b.Id && a.Name == b.Name && a.Family == b.Family && Seq(a.Entries, b.Entries), p => p.Id);

    public static readonly IEqualityComparer<Instance> Instance = Comparer<Instance>(
        (a, b) => a.Id == b.Id && a.Name == b.Name && SameTags(a.Tags, b.Tags) && a.EphemeralPorts == b.EphemeralPorts, i => i.Id);

    public static readonly IEqualityComparer<NetworkInterface> Eni = Comparer<NetworkInterface>(
        (a, b) => a.Id == b.Id && a.VpcId == b.VpcId && a.SubnetId == b.SubnetId && a.InstanceId == b.InstanceId &&
                  a.DeviceIndex == b.DeviceIndex && Seq(a.PrivateIps, b.PrivateIps) && a.PublicIp == b.PublicIp &&
                  Seq(a.GroupIds, b.GroupIds) && a.Description == b.Description,
        e => e.Id);

    public static readonly IEqualityComparer<NetworkAcl> NetworkAcl = Comparer<NetworkAcl>((a, b) => a.Equals(b), a => a.Id);

    /// <summary>Equal element by element; a default array counts as empty.</summary>
    public static bool Seq<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        (a.IsDefault ? [] : a).SequenceEqual(b.IsDefault ? [] : b);

    /// <summary>The equality comparer for ordered lists of values (an ENI's private IPs, primary first).</summary>
    public static readonly IEqualityComparer<ImmutableArray<IpAddress>> Ips = EqualityComparer<ImmutableArray<IpAddress>>.Create(
        (a, b) => Seq(a, b), a => a.IsDefaultOrEmpty ? 0 : a[0].GetHashCode());

    public static bool SameTags(ImmutableSortedDictionary<string, string>? a, ImmutableSortedDictionary<string, string>? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        if (ReferenceEquals(a, b))
            return true;
        return a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }

    private static IEqualityComparer<T> Comparer<T>(Func<T, T, bool> equals, Func<T, string> id) where T : class =>
        EqualityComparer<T>.Create(
            (a, b) => ReferenceEquals(a, b) || a is not null && b is not null && equals(a, b),
            x => id(x).GetHashCode(StringComparison.Ordinal));
}
