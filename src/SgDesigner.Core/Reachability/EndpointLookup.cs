using System.Runtime.CompilerServices;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// The lookups <see cref="EndpointResolver"/> needs, built in one pass over an estate and kept with it (estates are
/// immutable), so that a batch of queries resolves each endpoint by hashing instead of scanning every instance and ENI.
/// Each lookup keeps what the scans it replaces would find first: the first instance or ENI of an id, the primary ENI
/// (lowest device index, the earlier one on a tie), the first ENI holding a private IP.
/// </summary>
internal sealed class EndpointLookup
{
    private static readonly ConditionalWeakTable<Estate, EndpointLookup> Cache = [];

    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkInterface> _primaryEnis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkInterface> _enis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Instance>> _named = new(StringComparer.Ordinal);
    private readonly Dictionary<IpAddress, NetworkInterface> _ipOwners = [];

    private EndpointLookup(Estate estate)
    {
        foreach (var instance in estate.Instances)
        {
            _instances.TryAdd(instance.Id, instance);
            if (instance.Name is { } name)
            {
                if (!_named.TryGetValue(name, out var list))
                    _named[name] = list = [];
                list.Add(instance);
            }
        }
        foreach (var eni in estate.NetworkInterfaces)
        {
            _enis.TryAdd(eni.Id, eni);
            if (eni.InstanceId is { } instanceId
                && (!_primaryEnis.TryGetValue(instanceId, out var primary) || DeviceOrder(eni) < DeviceOrder(primary)))
                _primaryEnis[instanceId] = eni;
            if (!eni.PrivateIps.IsDefault)
            {
                foreach (var ip in eni.PrivateIps)
                    _ipOwners.TryAdd(ip, eni);
            }
        }
    }

    /// <summary>The lookup of <paramref name="estate"/>, built on first use.</summary>
    public static EndpointLookup Of(Estate estate) => Cache.GetValue(estate, e => new EndpointLookup(e));

    public Instance? Instance(string id) => _instances.GetValueOrDefault(id);

    public NetworkInterface? Eni(string id) => _enis.GetValueOrDefault(id);

    /// <summary>The ENI at device index 0 of the instance, else the lowest index; null when it has none.</summary>
    public NetworkInterface? PrimaryEni(string instanceId) => _primaryEnis.GetValueOrDefault(instanceId);

    /// <summary>The instances whose Name tag is <paramref name="name"/>, in estate order.</summary>
    public IReadOnlyList<Instance> Named(string name) => _named.TryGetValue(name, out var list) ? list : [];

    /// <summary>The first ENI holding <paramref name="ip"/> as a private IP, or null.</summary>
    public NetworkInterface? OwnerOf(IpAddress ip) => _ipOwners.GetValueOrDefault(ip);

    private static int DeviceOrder(NetworkInterface eni) => eni.DeviceIndex ?? int.MaxValue;
}
