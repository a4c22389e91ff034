using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Lint;
using SgDesigner.Data.Findings;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Findings;

/// <summary>
/// Asks why a finding is accepted and stores the acceptance. A reason is required; the store's verdict on it (missing,
/// too long, control characters) shows at the field and the dialog stays open.
/// </summary>
public sealed partial class AcceptFindingDialog
{
    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private FindingAcceptanceStore Store { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The finding to accept.</summary>
    [Parameter, EditorRequired]
    public Finding Finding { get; set; } = default!;

    /// <summary>Its policy.</summary>
    [Parameter]
    public Guid PolicyId { get; set; }

    /// <summary>The draft it fires in.</summary>
    [Parameter]
    public Guid? DraftId { get; set; }

    private string? Reason { get; set; }

    private string? ReasonError { get; set; }

    private string? Problem { get; set; }

    private bool Saving { get; set; }

    /// <summary>Shows the dialog; returns the stored acceptance, or null when cancelled.</summary>
    public static async Task<FindingAcceptance?> ShowAsync(IDialogService dialogs, Finding finding, Guid policyId, Guid? draftId)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<AcceptFindingDialog>
        {
            { d => d.Finding, finding }, { d => d.PolicyId, policyId }, { d => d.DraftId, draftId },
        };
        var dialog = await dialogs.ShowAsync<AcceptFindingDialog>($"Accept {finding.Id}", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: FindingAcceptance accepted } ? accepted : null;
    }

    private async Task AcceptAsync()
    {
        Saving = true;
        var caller = await Circuit.RequireAsync();
        var result = await Store.AcceptAsync(caller.Actor, PolicyId, FindingKey.Of(Finding), Reason, null, DraftId);
        Saving = false;
        if (result.IsOk)
        {
            Dialog.Close(DialogResult.Ok(result.Value));
            return;
        }
        var failure = result.Failure!;
        ReasonError = failure.Errors.FirstOrDefault(e => e.Path == "reason")?.Message;
        Problem = ReasonError is null ? failure.Message : null;
    }

    private void Cancel() => Dialog.Cancel();
}
