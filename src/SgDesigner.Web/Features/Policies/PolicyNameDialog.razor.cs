using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Policies;

/// <summary>
/// Asks for a policy's name and description and stores it: a new, empty policy, or a rename. The store's
/// verdict on the name (empty, too long, taken ignoring case) is shown at the name field and the dialog stays open.
/// </summary>
public partial class PolicyNameDialog
{
    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyEditor Editor { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The policy to rename; null (the default) creates a new one.</summary>
    [Parameter]
    public PolicySummary? Existing { get; set; }

    private string? Name { get; set; }

    private string? Description { get; set; }

    private string? NameError { get; set; }

    private string? Problem { get; set; }

    private bool Saving { get; set; }

    /// <summary>Shows the dialog; returns the created or renamed policy, or null when cancelled.</summary>
    public static async Task<PolicySummary?> ShowAsync(IDialogService dialogs, PolicySummary? existing)
    {
        var parameters = new DialogParameters<PolicyNameDialog> { { d => d.Existing, existing } };
        var title = existing is null ? "New policy" : $"Rename “{existing.Name}”";
        var dialog = await dialogs.ShowAsync<PolicyNameDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: PolicySummary summary } ? summary : null;
    }

    /// <inheritdoc />
    protected override void OnInitialized() => (Name, Description) = (Existing?.Name, Existing?.Description);

    private async Task SubmitOnEnterAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
            await SaveAsync();
    }

    private async Task SaveAsync()
    {
        Saving = true;
        var caller = await Circuit.RequireAsync();
        var result = Existing is null
            ? await Editor.CreateAsync(caller, Name ?? "", Description)
            : await Editor.RenameAsync(caller, Existing.Id, Name ?? "", Description ?? "");
        Saving = false;
        if (result.IsOk)
        {
            Dialog.Close(DialogResult.Ok(result.Value));
            return;
        }
        var failure = result.Failure!;
        NameError = failure.Errors.FirstOrDefault(e => e.Path == "name")?.Message;
        Problem = NameError is null ? failure.Message : null;
    }

    private void Cancel() => Dialog.Cancel();
}
