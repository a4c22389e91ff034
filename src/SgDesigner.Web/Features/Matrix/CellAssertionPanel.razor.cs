using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Settings;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Settings;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>The instance pair of a picked matrix cell.</summary>
/// <param name="From">The sending instance (the row).</param>
/// <param name="To">The receiving instance (the column).</param>
/// <param name="Protocol">tcp or udp, from the traffic the cell was picked with (tcp otherwise).</param>
/// <param name="Port">The port of that traffic, or empty.</param>
public sealed record CellPick(MatrixEndpoint From, MatrixEndpoint To, string Protocol, string Port);

/// <summary>
/// "Must stay allowed" / "must stay denied" for a picked cell: appends one assertion line to the policy's settings
/// through <see cref="SettingsEditor"/>, as the settings page saves them (owners only, audited), and only while the
/// settings are the ones this panel read (a change by someone else meanwhile is refused and nothing is appended).
/// </summary>
public sealed partial class CellAssertionPanel
{
    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private PolicySettingsStore Settings { get; set; } = default!;

    [Inject]
    private SettingsEditor Editor { get; set; } = default!;

    /// <summary>The picked cell (a new pick renders a new panel).</summary>
    [Parameter, EditorRequired]
    public CellPick Pick { get; set; } = default!;

    /// <summary>The draft's policy, whose settings hold the assertions.</summary>
    [Parameter, EditorRequired]
    public Guid PolicyId { get; set; }

    private Caller? Me { get; set; }

    private string Protocol { get; set; } = "tcp";

    private string Port { get; set; } = "";

    private string? PortError { get; set; }

    // Why the caller may not add assertions (not an owner, a read token), or null.
    private string? Refusal { get; set; }

    // The settings' tag when read: the append is refused once they changed.
    private string? ReadTag { get; set; }

    private string? Message { get; set; }

    private bool Appended { get; set; }

    private bool Busy { get; set; }

    private bool CanAppend => Me is not null && Refusal is null && ReadTag is not null && PortError is null && !Busy;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        (Protocol, Port) = (Pick.Protocol, Pick.Port);
        CheckPort();
        Me = await Circuit.RequireAsync();
        Refusal = (await Access.RefusalAsync(Me.UserId, PolicyAction.ManageSettings, PolicyId, Me.Token))?.Message;
        if (Refusal is null)
            await ReadSettingsAsync();
    }

    private async Task ReadSettingsAsync()
    {
        var current = await Settings.GetAsync(PolicyId);
        ReadTag = current.IsOk ? PolicySettingsStore.Tag(current.Value) : null;
        if (!current.IsOk)
            (Message, Appended) = (current.Failure!.Message, false);
    }

    private void SetProtocol(ChangeEventArgs e)
    {
        Protocol = e.Value as string == "udp" ? "udp" : "tcp";
        CheckPort();
    }

    private void SetPort(string? value)
    {
        Port = value ?? "";
        CheckPort();
    }

    // The preview's own parsing of a protocol and port, so the panel and the matrix filter refuse the same ports.
    private void CheckPort() => PortError = MatrixFilter.Parse(Protocol, Port).Error;

    private async Task AppendAsync(bool allowed)
    {
        var traffic = MatrixFilter.Parse(Protocol, Port);
        if (!CanAppend || !traffic.IsOk || traffic.Value.Traffic is not { } parsed)
            return;
        Busy = true;
        try
        {
            (Message, Appended) = await TryAppendAsync(CellAssertionLine.For(Pick.From, Pick.To, Protocol, parsed.Port, allowed));
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task<(string Message, bool Appended)> TryAppendAsync(string line)
    {
        var current = await Settings.GetAsync(PolicyId);
        if (!current.IsOk)
            return (current.Failure!.Message, false);
        // Read with the tag this panel holds: a settings change since then is refused below by the editor.
        var assertions = current.Value.Assertions;
        if (PolicySettingsStore.Tag(current.Value) == ReadTag && CellAssertionLine.Conflict(assertions, line) is { } conflict)
            return (conflict, false);
        var separator = assertions.Length == 0 || assertions.EndsWith('\n') ? "" : "\n";
        var saved = await Editor.ApplyAsync(Me!, PolicyId, null, assertions + separator + line, ReadTag);
        if (!saved.IsOk)
        {
            // A stale tag: read the settings again, so that the next press appends to what is stored now.
            await ReadSettingsAsync();
            return (saved.Failure!.Message + "; nothing was appended", false);
        }
        ReadTag = PolicySettingsStore.Tag(saved.Value);
        return ($"Added to the policy's assertions: {line}", true);
    }
}
