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

    private string? AttachError { get; set; }

    // Secondary addresses the store refused, kept in their fields with the reason (by index in PrivateIps).
    private Dictionary<int, string> SecondaryInputs { get; } = [];

    private Dictionary<int, string> SecondaryErrors { get; } = [];

    private string? NewIpText { get; set; }

    private string? NewIpError { get; set; }

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

    // Interfaces no instance holds, in the VPC of this instance's interfaces (any VPC when it has none).
    private List<NetworkInterface> FreeInterfaces => Instance is null ? [] :
        [.. Session.Estate.NetworkInterfaces.Where(n => n.InstanceId is null && (InstanceVpc is null || n.VpcId == InstanceVpc)).OrderBy(n => n.Id, StringComparer.Ordinal)];

    private List<Subnet> InstanceSubnets => Instance is null ? [] : [.. Session.Estate.Subnets.Where(s => InstanceVpc is null || s.VpcId == InstanceVpc)];

    private string? InstanceVpc => Instance is null ? null : Session.Estate.NetworkInterfaces.FirstOrDefault(n => n.InstanceId == Instance.Id)?.VpcId;

    private async Task AttachInterfaceAsync(string eniId)
    {
        if (Instance is null)
            return;
        var index = InventoryEdits.NextDeviceIndex(Session.Estate, Instance.Id);
        AttachError = await EditAsync(InventoryEdits.AttachInterface(eniId, Instance.Id, index), $"attach {eniId} to {Instance.Name ?? Instance.Id}");
    }

    private async Task AddInterfaceAsync(string subnetId)
    {
        if (Instance is not null)
            AttachError = await EditAsync(InventoryEdits.AddInterface(Session.Ids, Instance.Id, subnetId), $"add an interface to {Instance.Name ?? Instance.Id}");
    }

    private async Task DetachInterfaceAsync()
    {
        if (Eni is not null)
            IpError = await EditAsync(InventoryEdits.DetachInterface(Eni.Id), $"detach {Eni.Id}");
    }

    private async Task AddSecondaryAsync(string text)
    {
        if (Eni is null || string.IsNullOrWhiteSpace(text))
        {
            (NewIpText, NewIpError) = (null, null);
            return;
        }
        var ip = CheckSecondary(text, exceptIndex: null);
        NewIpError = ip.Error ?? await EditAsync(InventoryEdits.SetPrivateIps(Eni.Id, Eni.PrivateIps.Add(ip.Value)), $"add {ip.Value} to {Eni.Id}");
        NewIpText = NewIpError is null ? null : text;
    }

    private async Task ChangeSecondaryAsync(int index, string text)
    {
        if (Eni is null || index >= Eni.PrivateIps.Length)
            return;
        var ip = CheckSecondary(text, exceptIndex: index);
        var error = ip.Error;
        if (error is null && ip.Value != Eni.PrivateIps[index])
            error = await EditAsync(InventoryEdits.SetPrivateIps(Eni.Id, Eni.PrivateIps.SetItem(index, ip.Value)), $"change {Eni.PrivateIps[index]} of {Eni.Id} to {ip.Value}");
        if (error is null)
        {
            ForgetSecondary(index);
            return;
        }
        SecondaryInputs[index] = text;
        SecondaryErrors[index] = error;
    }

    private async Task RemoveSecondaryAsync(int index)
    {
        if (Eni is null || index < 1 || index >= Eni.PrivateIps.Length)
            return;
        var removed = Eni.PrivateIps[index];
        var error = await EditAsync(InventoryEdits.SetPrivateIps(Eni.Id, Eni.PrivateIps.RemoveAt(index)), $"remove {removed} from {Eni.Id}");
        if (error is not null)
        {
            SecondaryErrors[index] = error;
            return;
        }
        // The addresses below moved up one place: their refused inputs no longer match.
        SecondaryInputs.Clear();
        SecondaryErrors.Clear();
    }

    // A secondary address: as the primary one (inside the subnet, not reserved, free in the VPC) and not already on this interface.
    private ParseResult<IpAddress> CheckSecondary(string text, int? exceptIndex)
    {
        var ip = InventoryRules.CheckPrivateIp(Session.Estate, Eni!.SubnetId, text, Eni.Id);
        if (!ip.IsOk)
            return ip;
        var at = Eni.PrivateIps.IndexOf(ip.Value);
        return at >= 0 && at != exceptIndex ? ParseResult<IpAddress>.Fail($"{ip.Value} is already an address of {Eni.Id}") : ip;
    }

    private void ForgetSecondary(int index)
    {
        SecondaryInputs.Remove(index);
        SecondaryErrors.Remove(index);
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
