using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Instances;

/// <summary>One row of the instances table: an interface with its instance, or an instance without interfaces.</summary>
/// <param name="Key">The interface's id, or the instance's when it has none.</param>
/// <param name="Instance">The instance, or null for an interface of none (load balancer, NAT gateway…).</param>
/// <param name="Eni">The interface, or null.</param>
/// <param name="FirstOfInstance">True on the first row of an instance (and on rows without one).</param>
public sealed record InventoryRow(string Key, Instance? Instance, NetworkInterface? Eni, bool FirstOfInstance)
{
    /// <summary>The rows of <paramref name="estate"/>: instances by name, their interfaces by device index, then interfaces of no instance.</summary>
    public static List<InventoryRow> Of(Estate estate)
    {
        var byInstance = estate.NetworkInterfaces.Where(n => n.InstanceId is not null).ToLookup(n => n.InstanceId!, StringComparer.Ordinal);
        var rows = new List<InventoryRow>();
        foreach (var instance in estate.Instances.OrderBy(i => i.Name ?? i.Id, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Id, StringComparer.Ordinal))
        {
            var enis = byInstance[instance.Id].OrderBy(n => n.DeviceIndex ?? int.MaxValue).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
            if (enis.Count == 0)
                rows.Add(new(instance.Id, instance, null, true));
            for (var i = 0; i < enis.Count; i++)
                rows.Add(new(enis[i].Id, instance, enis[i], i == 0));
        }
        var instanceIds = estate.Instances.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var eni in estate.NetworkInterfaces.Where(n => n.InstanceId is null || !instanceIds.Contains(n.InstanceId)).OrderBy(n => n.Id, StringComparer.Ordinal))
            rows.Add(new(eni.Id, null, eni, true));
        return rows;
    }
}
