using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Review;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Review;

/// <summary>Asks for a change request's title, description and reviewers and opens it for a draft, as the signed-in user.</summary>
public partial class OpenRequestDialog
{
    [Inject]
    private ReviewActions Actions { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The draft to propose.</summary>
    [Parameter, EditorRequired]
    public Guid DraftId { get; set; }

    /// <summary>The draft's policy, whose reviewers are offered.</summary>
    [Parameter, EditorRequired]
    public Guid PolicyId { get; set; }

    /// <summary>Who opens it.</summary>
    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    /// <summary>The title to start from (default: the draft's title).</summary>
    [Parameter]
    public string? Title { get; set; }

    private string? Description { get; set; }

    private IReadOnlyCollection<Guid> Reviewers { get; set; } = [];

    private string? ReviewersError { get; set; }

    private string? TitleError { get; set; }

    private string? Problem { get; set; }

    private bool Saving { get; set; }

    /// <summary>Shows the dialog; returns the opened request, or null when cancelled.</summary>
    public static async Task<ChangeRequestInfo?> ShowAsync(IDialogService dialogs, Guid policyId, Guid draftId, Caller caller, string? title)
    {
        var parameters = new DialogParameters<OpenRequestDialog>
        {
            { d => d.PolicyId, policyId }, { d => d.DraftId, draftId }, { d => d.Caller, caller }, { d => d.Title, title },
        };
        var dialog = await dialogs.ShowAsync<OpenRequestDialog>("Open a change request", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ChangeRequestInfo request } ? request : null;
    }

    private async Task OpenAsync()
    {
        Saving = true;
        var result = await Actions.OpenAsync(Caller, DraftId, Title ?? "", Description, [.. Reviewers.Select(id => (string?)id.ToString())]);
        Saving = false;
        if (result.IsOk)
        {
            Dialog.Close(DialogResult.Ok(result.Value));
            return;
        }
        TitleError = result.Failure!.Errors.FirstOrDefault(e => e.Path == "title")?.Message;
        // A reviewer who lost the role while the dialog was open, say: the store names them.
        var reviewers = result.Failure.Errors.Where(e => e.Path.StartsWith("reviewers", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        ReviewersError = reviewers.Count > 0 ? string.Join(" ", reviewers) : null;
        Problem = TitleError is null && ReviewersError is null ? result.Failure.Message : null;
    }

    private void Cancel() => Dialog.Cancel();
}
