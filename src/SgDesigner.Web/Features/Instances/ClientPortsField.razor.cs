using System.Globalization;
using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Features.Instances;

/// <summary>
/// An instance's client (ephemeral) port range, which network ACL reply rules must let back in: the AWS defaults for
/// Linux, Windows, a NAT gateway and a load balancer, or a custom range (ports 1–65535, from ≤ to), stored as
/// <c>PUT …/instances/{id}/ephemeral-ports</c> stores it. A range that does not parse is refused at the field and
/// nothing is stored.
/// </summary>
public sealed partial class ClientPortsField
{
    private const string Custom = "custom";

    private static readonly (EphemeralPorts Ports, string Label)[] Presets =
    [
        (EphemeralPorts.Linux, "Linux"),
        (EphemeralPorts.Windows, "Windows"),
        (EphemeralPorts.NatGateway, "NAT gateway"),
        (EphemeralPorts.LoadBalancer, "load balancer"),
    ];

    private bool _customChosen;

    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>The instance whose range is shown and set.</summary>
    [Parameter, EditorRequired]
    public Instance Instance { get; set; } = default!;

    /// <summary>True while the draft cannot be edited.</summary>
    [Parameter]
    public bool Disabled { get; set; }

    private string? Error { get; set; }

    // What the user typed in the custom field while it is refused, so that it stays there to be fixed.
    private string? Typed { get; set; }

    // The selector's value: a preset's name, or custom for a stored custom range or once the user picked it.
    private string Choice => _customChosen || Instance.EphemeralPorts.Kind == EphemeralPortsKind.Custom ? Custom : Instance.EphemeralPorts.ToString();

    private string RangeText => string.Create(CultureInfo.InvariantCulture, $"{Instance.EphemeralPorts.From}-{Instance.EphemeralPorts.To}");

    private string Name => Instance.Name ?? Instance.Id;

    private async Task ChooseAsync(ChangeEventArgs e)
    {
        var value = e.Value as string;
        (Error, Typed) = (null, null);
        if (value == Custom)
        {
            _customChosen = true; // the range is stored when the user commits one
            return;
        }
        _customChosen = false;
        var preset = Presets.FirstOrDefault(p => p.Ports.ToString() == value);
        if (preset.Ports is null || preset.Ports == Instance.EphemeralPorts)
            return;
        Error = await StoreAsync(preset.Ports, $"set the client ports of {Name} to {preset.Label}");
    }

    private async Task SetRangeAsync(string text)
    {
        // People write ranges with an en dash too, as the verdicts print them.
        var parsed = EphemeralPorts.Parse(text.Replace('–', '-'));
        Error = parsed.Error;
        if (parsed.IsOk && parsed.Value != Instance.EphemeralPorts)
            Error = await StoreAsync(parsed.Value, $"set the client ports of {Name} to {parsed.Value}");
        Typed = Error is null ? null : text;
        if (Error is null)
            _customChosen = false; // stored: the selector follows what is stored (a custom range, or a preset typed by name)
    }

    private void Revert() => (Error, Typed) = (null, null);

    private async Task<string?> StoreAsync(EphemeralPorts ports, string what) =>
        InstancesView.MessageOf(await Session.EditAsync(NetworkAclEdits.SetEphemeralPorts(Instance.Id, ports), what));
}
