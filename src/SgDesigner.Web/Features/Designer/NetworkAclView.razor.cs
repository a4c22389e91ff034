using System.Globalization;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Features.Instances;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The designer's ACL tab: per subnet, the network ACL it uses (its VPC's default, a custom one, or none modelled, which
/// allows everything), its inbound and outbound rules in evaluation order with move up/down (swapping numbers, so the
/// gaps stay), change and delete, and a form to add a rule. Every edit is stored at once and the preview re-asks.
/// </summary>
public sealed partial class NetworkAclView : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    private Estate Estate => Session.Estate;

    private List<Subnet> Subnets => [.. Estate.Subnets.OrderBy(s => s.Name ?? s.Id, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Id, StringComparer.Ordinal)];

    private string? SubnetId { get; set; }

    private Subnet? Subnet => Estate.Subnets.FirstOrDefault(s => s.Id == SubnetId) ?? Subnets.FirstOrDefault();

    private NetworkAcl? Acl => Subnet is { } s ? NetworkAclEdits.AclOf(Estate, s) : null;

    private string? Problem { get; set; }

    // The add/change form: which rule it changes (null adds one) and its fields.
    private (Direction Direction, int Number)? Editing { get; set; }

    private Direction FormDirection { get; set; } = Direction.Inbound;

    private string? FormNumber { get; set; }

    private string? FormProtocol { get; set; } = "tcp";

    private string? FormPorts { get; set; }

    private string? FormCidr { get; set; } = "0.0.0.0/0";

    private AclAction FormAction { get; set; } = AclAction.Allow;

    private string? FormError { get; set; }

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    private void ChooseSubnet(ChangeEventArgs e)
    {
        SubnetId = e.Value?.ToString();
        (Problem, Editing, FormError) = (null, null, null);
    }

    private void SetAction(ChangeEventArgs e) => FormAction = e.Value?.ToString() == "deny" ? AclAction.Deny : AclAction.Allow;

    private void SetDirection(ChangeEventArgs e) => FormDirection = e.Value?.ToString() == "outbound" ? Direction.Outbound : Direction.Inbound;

    private static string SubnetLabel(Subnet s) => s.Name is null ? $"{s.Id} ({s.Cidr})" : $"{s.Name} ({s.Id}, {s.Cidr})";

    private static string Ports(NetworkAclEntry e) => RulePorts.Text(e.Protocol, e.FromPort, e.ToPort);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private bool Disabled => !RendererInfo.IsInteractive || !Session.CanEdit;

    // A subnet on no modelled ACL gets a new custom one: no rules, so it denies everything until rules are added.
    private async Task CreateAclAsync()
    {
        if (Subnet is not { } subnet)
            return;
        var id = Session.Ids.Next(AwsLimits.IdPrefix.NetworkAcl);
        var create = NetworkAclEdits.CreateAcl(id, subnet.VpcId, $"{subnet.Name ?? subnet.Id} ACL");
        var associate = NetworkAclEdits.AssociateSubnet(id, subnet.Id);
        Problem = InstancesView.MessageOf(await Session.EditAsync(e => create(e) is { IsOk: true } r ? associate(r.Estate!) : create(e),
            $"create network ACL {id} for {subnet.Name ?? subnet.Id}"));
    }

    private async Task MoveAsync(Direction direction, NetworkAclEntry entry, bool up) =>
        Problem = InstancesView.MessageOf(await Session.EditAsync(NetworkAclEdits.MoveEntry(Acl!.Id, direction, entry.RuleNumber, up),
            $"move ACL rule #{Number(entry.RuleNumber)} {(up ? "up" : "down")}"));

    private async Task DeleteAsync(Direction direction, NetworkAclEntry entry)
    {
        Problem = InstancesView.MessageOf(await Session.EditAsync(NetworkAclEdits.DeleteEntry(Acl!.Id, direction, entry.RuleNumber),
            $"delete ACL rule #{Number(entry.RuleNumber)}"));
        if (Problem is null && Editing == (direction, entry.RuleNumber))
            CancelEdit();
    }

    private void StartEdit(Direction direction, NetworkAclEntry entry)
    {
        Editing = (direction, entry.RuleNumber);
        (FormDirection, FormNumber, FormProtocol, FormPorts, FormCidr, FormAction, FormError) =
            (direction, Number(entry.RuleNumber), entry.Protocol.ToString(), Ports(entry), entry.Cidr.ToString(), entry.Action, null);
    }

    private void CancelEdit()
    {
        Editing = null;
        (FormNumber, FormPorts, FormError) = (null, null, null);
    }

    // The next free number after the direction's highest, in steps of 10 as AWS's console suggests.
    private string SuggestedNumber(Direction direction)
    {
        var entries = Acl?.Entries(direction) ?? [];
        var top = entries.IsDefaultOrEmpty ? 90 : entries.Max(e => e.RuleNumber);
        return Number(Math.Min(NetworkAclEntry.MaxRuleNumber, (top / 10 + 1) * 10));
    }

    private async Task SaveAsync()
    {
        if (Acl is not { } acl)
            return;
        var entry = ParseForm(out var error);
        FormError = error;
        if (entry is null)
            return;
        var edit = Editing is { } old
            ? NetworkAclEdits.PutEntry(acl.Id, old.Direction, entry, old.Number)
            : NetworkAclEdits.PutEntry(acl.Id, FormDirection, entry);
        var direction = Editing?.Direction ?? FormDirection;
        FormError = InstancesView.MessageOf(await Session.EditAsync(edit,
            $"{(Editing is null ? "add" : "change")} {DirectionText.Of(direction)} ACL rule #{Number(entry.RuleNumber)}"));
        if (FormError is null)
            CancelEdit();
    }

    // The form's fields as a rule, or the first problem found, naming the field.
    private NetworkAclEntry? ParseForm(out string? error)
    {
        error = null;
        if (!int.TryParse(FormNumber?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is < NetworkAclEntry.MinRuleNumber or > NetworkAclEntry.MaxRuleNumber)
        {
            error = $"Rule number: {QuotedValue.Of(FormNumber?.Trim())} is not a whole number from {NetworkAclEntry.MinRuleNumber} to {NetworkAclEntry.MaxRuleNumber}";
            return null;
        }
        var protocol = IpProtocol.Parse(FormProtocol);
        if (!protocol.IsOk)
        {
            error = $"Protocol: {protocol.Error}";
            return null;
        }
        var ports = RulePorts.Parse(protocol.Value, FormPorts);
        if (!ports.IsOk)
        {
            error = $"Ports: {ports.Error}";
            return null;
        }
        var cidr = Cidr.Parse(FormCidr);
        if (!cidr.IsOk || cidr.Warning is not null)
        {
            error = $"CIDR: {(cidr.IsOk ? $"{QuotedValue.Of(FormCidr?.Trim())} has host bits set: write {cidr.Value}" : cidr.Error)}";
            return null;
        }
        return new NetworkAclEntry(number, protocol.Value, ports.Value.From, ports.Value.To, cidr.Value, FormAction);
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
