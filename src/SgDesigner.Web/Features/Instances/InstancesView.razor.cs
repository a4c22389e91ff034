using SgDesigner.Core.Editing;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Instances;

/// <summary>
/// The draft's instances and network interfaces as a table (one row per interface), a form to add an instance
/// in a subnet at a checked private IP, and the subnets with a form to add one. Every edit is stored at once.
/// </summary>
public sealed partial class InstancesView : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    private string? NewName { get; set; }

    private string? NewNameError { get; set; }

    private string? NewSubnetId { get; set; }

    private string? NewIp { get; set; }

    private string? NewIpError { get; set; }

    private string? NewSubnetCidr { get; set; }

    private string? NewSubnetName { get; set; }

    private string? SubnetError { get; set; }

    private string IpHint => Session.Estate.Subnets.FirstOrDefault(s => s.Id == NewSubnetId) is { } s ? $"in {s.Cidr}" : "";

    private List<InventoryRow> Rows { get; set; } = [];

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Session.Changed += OnChanged;
        Refresh();
    }

    private void OnChanged()
    {
        Refresh();
        _ = InvokeAsync(StateHasChanged);
    }

    private void Refresh()
    {
        var estate = Session.Estate;
        Rows = InventoryRow.Of(estate);
        if (NewSubnetId is null || !estate.Subnets.Any(s => s.Id == NewSubnetId))
            NewSubnetId = estate.Subnets.FirstOrDefault()?.Id;
        // A draft without subnets is offered a sensible first one.
        if (estate.Subnets.IsEmpty && string.IsNullOrWhiteSpace(NewSubnetCidr))
            NewSubnetCidr = "10.0.0.0/24";
    }

    private async Task AddInstanceAsync()
    {
        NewNameError = string.IsNullOrWhiteSpace(NewName) ? "an instance name is required" : null;
        var ip = InventoryRules.CheckPrivateIp(Session.Estate, NewSubnetId, NewIp, eniId: null);
        NewIpError = ip.Error;
        if (NewNameError is not null || !ip.IsOk)
            return;
        var failure = await Session.EditAsync(InventoryEdits.AddInstance(Session.Ids, NewName!, NewSubnetId!, ip.Value), $"add instance {NewName!.Trim()}");
        NewIpError = MessageOf(failure);
        if (failure is null)
            (NewName, NewIp) = (null, null);
    }

    private async Task AddSubnetAsync()
    {
        var cidr = InventoryRules.CheckSubnetCidr(Session.Estate, NewSubnetCidr);
        SubnetError = cidr.Error;
        if (!cidr.IsOk)
            return;
        var failure = await Session.EditAsync(NetworkEdits.AddSubnet(Session.Ids, Session.Ids.Next("subnet-"), cidr.Value, NewSubnetName), $"add subnet {cidr.Value}");
        SubnetError = MessageOf(failure);
        if (failure is null)
            (NewSubnetCidr, NewSubnetName) = (null, null);
    }

    /// <summary>
    /// What to show at the field whose edit the store refused, or null when it was stored. A conflict shows
    /// nothing here: the designer page says that the draft was reloaded with the other change.
    /// </summary>
    internal static string? MessageOf(StoreFailure? failure) => failure switch
    {
        null or { Kind: StoreFailureKind.Conflict } => null,
        { Errors.IsEmpty: false } => string.Join("; ", failure.Errors.Select(e => e.Message)),
        _ => failure.Message,
    };

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
