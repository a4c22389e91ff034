using SgDesigner.Core.Editing;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Features.Instances;

/// <summary>
/// One network interface (or an instance without one): its subnet and primary private IP, checked and stored when
/// the user commits the field (Enter or leaving it), never while typing; its groups as chips with an attach menu, warned at the quota.
/// </summary>
public sealed partial class EniRow
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>The instance, or null for an interface that belongs to none.</summary>
    [Parameter]
    public Instance? Instance { get; set; }

    /// <summary>The interface, or null for an instance that has none.</summary>
    [Parameter]
    public NetworkInterface? Eni { get; set; }

    /// <summary>True on the instance's first row, which shows its name and delete button.</summary>
    [Parameter]
    public bool FirstOfInstance { get; set; } = true;

    private NetworkInterface? _shown;

    private string? SubnetId { get; set; }

    private string? IpText { get; set; }

    private string? IpError { get; set; }

    private string? GroupError { get; set; }

    private string? NameError { get; set; }

    // Fields stay enabled while an edit is stored (the session stores one at a time, in order), so that the focus
    // stays where the user is.
    private bool Enabled => RendererInfo.IsInteractive && Session.CanEdit;

    private string? QuotaWarning => Eni is null ? null : InventoryRules.QuotaWarning(Session.Estate, Eni);

    private List<SecurityGroup> Attachable => Eni is null ? [] :
        [.. Session.Estate.Groups.Where(g => g.VpcId == Eni.VpcId && !Eni.GroupIds.Contains(g.Id)).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)];

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        // Show the stored address again after a change elsewhere, unless the user is fixing a refused one.
        if (ReferenceEquals(Eni, _shown) || IpError is not null)
            return;
        _shown = Eni;
        SubnetId = Eni?.SubnetId;
        IpText = Eni?.PrimaryIp?.ToString();
    }

    private string GroupName(string groupId) => Session.Estate.FindGroup(groupId)?.Name ?? groupId;

    private Task ChangeSubnetAsync(string? subnetId)
    {
        SubnetId = subnetId;
        return StoreAddressAsync();
    }

    private Task ChangeIpAsync(string? text)
    {
        IpText = text;
        return StoreAddressAsync();
    }

    private async Task StoreAddressAsync()
    {
        if (Eni is null)
            return;
        var ip = InventoryRules.CheckPrivateIp(Session.Estate, SubnetId, IpText, Eni.Id);
        IpError = ip.Error;
        if (!ip.IsOk || (SubnetId == Eni.SubnetId && ip.Value == Eni.PrimaryIp))
            return;
        IpError = await EditAsync(InventoryEdits.SetAddress(Eni.Id, SubnetId!, ip.Value), $"set the address of {Eni.Id} to {ip.Value}");
    }

    private async Task AttachAsync(string groupId)
    {
        if (Eni is null)
            return;
        GroupError = InventoryRules.CheckAttach(Session.Estate, Eni.Id, groupId)
            ?? await EditAsync(InventoryEdits.AttachGroup(Eni.Id, groupId), $"attach {GroupName(groupId)} to {Eni.Id}");
    }

    private async Task DetachAsync(string groupId)
    {
        if (Eni is not null)
            GroupError = await EditAsync(InventoryEdits.DetachGroup(Eni.Id, groupId), $"detach {GroupName(groupId)} from {Eni.Id}");
    }

    private async Task RenameAsync(string? name)
    {
        if (Instance is not null && (name ?? string.Empty).Trim() != (Instance.Name ?? string.Empty))
            NameError = await EditAsync(InventoryEdits.RenameInstance(Instance.Id, name ?? string.Empty), $"rename {Instance.Name ?? Instance.Id}");
    }

    private async Task DeleteAsync()
    {
        if (Instance is not null)
            NameError = await EditAsync(InventoryEdits.TerminateInstance(Instance.Id), $"delete instance {Instance.Name ?? Instance.Id}");
    }

    // Stores the edit; returns the message to show at the field when the store refused it.
    private async Task<string?> EditAsync(EstateEdit edit, string what) =>
        InstancesView.MessageOf(await Session.EditAsync(edit, what));

    // Escape: the stored address again.
    private void RevertIp()
    {
        IpError = null;
        IpText = Eni?.PrimaryIp?.ToString();
        SubnetId = Eni?.SubnetId;
    }
}
