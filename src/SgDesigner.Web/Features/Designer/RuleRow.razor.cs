using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Model;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// One rule, edited inline. Each field is checked when it changes; a valid rule is stored at once, an invalid
/// one shows its problems at the fields and stays unsaved until fixed.
/// </summary>
public partial class RuleRow
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The group the rule belongs to.</summary>
    [Parameter, EditorRequired]
    public string GroupId { get; set; } = "";

    /// <summary>The rule's fields as text.</summary>
    [Parameter, EditorRequired]
    public RuleForm Form { get; set; } = default!;

    /// <summary>True for the rule a finding or the preview pointed at.</summary>
    [Parameter]
    public bool Highlighted { get; set; }

    /// <summary>Raised to add a copy of the rule as a new unsaved row.</summary>
    [Parameter]
    public EventCallback<RuleForm> OnDuplicate { get; set; }

    /// <summary>Raised when an unsaved row is removed (it was never stored).</summary>
    [Parameter]
    public EventCallback<RuleForm> OnDiscard { get; set; }

    private bool Busy { get; set; }

    private bool Enabled => RendererInfo.IsInteractive && Session.CanEdit && !Busy;

    private string GroupName => Session.Estate.FindGroup(GroupId)?.Name ?? GroupId;

    private bool Stored => Session.Estate.FindGroup(GroupId)?.Rules.Any(r => r.Id == Form.Id) == true;

    private string PortsHint => IpProtocol.Parse(Form.Protocol) is { IsOk: true } p && p.Value.IsIcmp ? "type/code, e.g. 8/0 or any" : "443 or 8000-8100";

    private bool Has(RuleField field) => Form.Errors.ContainsKey(field);

    private string? ErrorOf(RuleField field) => Form.Errors.GetValueOrDefault(field);

    private async Task ChangeAsync(Action set)
    {
        set();
        var rule = Form.Check(Session.Estate, GroupId);
        if (rule is null || Session.Estate.FindGroup(GroupId)?.Rules.Contains(rule) == true)
            return;
        Busy = true;
        try
        {
            var failure = await Session.EditAsync(DraftChanges.UpsertRule(GroupId, rule), $"{(Stored ? "change" : "add")} {Form.Direction.ToString().ToLowerInvariant()} rule of {GroupName}");
            Report(failure);
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (!Stored)
        {
            await OnDiscard.InvokeAsync(Form);
            return;
        }
        Busy = true;
        try
        {
            Report(await Session.EditAsync(DraftChanges.DeleteRule(GroupId, Form.Id), $"delete {Form.Direction.ToString().ToLowerInvariant()} rule of {GroupName}"));
        }
        finally
        {
            Busy = false;
        }
    }

    private void Report(StoreFailure? failure)
    {
        switch (failure)
        {
            case null:
                return;
            case { Kind: StoreFailureKind.Invalid }:
                Form.AddErrors(failure.Errors);
                return;
            case { Kind: StoreFailureKind.Conflict }:
                Snackbar.Add($"Not saved: {failure.Message}. The draft has been reloaded with the other change.", Severity.Warning);
                return;
            default:
                Snackbar.Add($"Not saved: {failure.Message}", Severity.Error);
                return;
        }
    }
}
