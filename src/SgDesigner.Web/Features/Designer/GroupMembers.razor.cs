using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The network interfaces that carry a group, with their instances' names. A shared group is carried by half the estate
/// (1,400 interfaces at 20,000 rules): the list renders again only when the group or the interfaces and instances
/// changed, not on each rule edit.
/// </summary>
public sealed partial class GroupMembers
{
    /// <summary>
    /// The draft's content. A parameter, not the session: Blazor sets a component's parameters again on its parent's render
    /// only when one of them may have changed, and an unchanged string (the group id) is known not to have.
    /// </summary>
    [Parameter, EditorRequired]
    public Estate Estate { get; set; } = Estate.Empty;

    /// <summary>The group whose carriers are listed.</summary>
    [Parameter, EditorRequired]
    public string GroupId { get; set; } = "";

    private (string GroupId, ImmutableArray<NetworkInterface> Enis, ImmutableArray<Instance> Instances)? _rendered;

    // Instance names by id, made once per list of instances (a lookup per member was a scan of every instance).
    private (ImmutableArray<Instance> Of, Dictionary<string, string?> Names) _names = ([], []);

    private IEnumerable<NetworkInterface> Members => Estate.NetworkInterfaces.Where(n => n.GroupIds.Contains(GroupId));

    private string InstanceName(NetworkInterface eni)
    {
        if (eni.InstanceId is not { } id)
            return "no instance";
        if (_names.Of != Estate.Instances)
        {
            var names = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var instance in Estate.Instances)
                names.TryAdd(instance.Id, instance.Name);
            _names = (Estate.Instances, names);
        }
        return _names.Names.GetValueOrDefault(id) ?? id;
    }

    /// <inheritdoc />
    protected override bool ShouldRender()
    {
        var now = (GroupId, Estate.NetworkInterfaces, Estate.Instances);
        if (_rendered is { } shown && shown.GroupId == now.GroupId && shown.Enis == now.NetworkInterfaces && shown.Instances == now.Instances)
            return false;
        _rendered = now;
        return true;
    }
}
