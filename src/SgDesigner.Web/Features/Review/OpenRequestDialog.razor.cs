using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Review;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Review;

/// <summary>Asks for a change request's title and description and opens it for a draft, as the signed-in user.</summary>
public partial class OpenRequestDialog
{
    [Inject]
    private ReviewActions Actions { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The draft to propose.</summary>
    [Parameter, EditorRequired]
    public Guid DraftId { get; set; }

    /// <summary>Who opens it.</summary>
    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    /// <summary>The title to start from (default: the draft's title).</summary>
    [Parameter]
    public string? Title { get; set; }

    private string? Description { get; set; }

    private string? TitleError { get; set; }

    private string? Problem { get; set; }

    private bool Saving { get; set; }

    /// <summary>Shows the dialog; returns the opened request, or null when cancelled.</summary>
    public static async Task<ChangeRequestInfo?> ShowAsync(IDialogService dialogs, Guid draftId, Caller caller, string? title)
    {
        var parameters = new DialogParameters<OpenRequestDialog> { { d => d.DraftId, draftId }, { d => d.Caller, caller }, { d => d.Title, title } };
        var dialog = await dialogs.ShowAsync<OpenRequestDialog>("Open a change request", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ChangeRequestInfo request } ? request : null;
    }

    private async Task OpenAsync()
    {
        Saving = true;
        var result = await Actions.OpenAsync(Caller, DraftId, Title ?? "", Description);
        Saving = false;
        if (result.IsOk)
        {
            Dialog.Close(DialogResult.Ok(result.Value));
            return;
        }
        TitleError = result.Failure!.Errors.FirstOrDefault(e => e.Path == "title")?.Message;
        Problem = TitleError is null ? result.Failure.Message : null;
    }

    private void Cancel() => Dialog.Cancel();
}
