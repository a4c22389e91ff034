using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Review;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Review;

/// <summary>Asks an owner why a review is dismissed, and dismisses it as the signed-in user.</summary>
public partial class DismissReviewDialog
{
    [Inject]
    private ReviewActions Actions { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The request the review belongs to.</summary>
    [Parameter, EditorRequired]
    public ChangeRequestInfo Request { get; set; } = default!;

    /// <summary>The review to dismiss.</summary>
    [Parameter, EditorRequired]
    public ReviewInfo Review { get; set; } = default!;

    /// <summary>Who dismisses it.</summary>
    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    private string? Reason { get; set; }

    private string? ReasonError { get; set; }

    private string? Problem { get; set; }

    private bool Saving { get; set; }

    /// <summary>Shows the dialog; returns the dismissed review, or null when cancelled.</summary>
    public static async Task<ReviewInfo?> ShowAsync(IDialogService dialogs, ChangeRequestInfo request, ReviewInfo review, Caller caller)
    {
        var parameters = new DialogParameters<DismissReviewDialog> { { d => d.Request, request }, { d => d.Review, review }, { d => d.Caller, caller } };
        var dialog = await dialogs.ShowAsync<DismissReviewDialog>($"Dismiss {review.ReviewerName}'s review", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ReviewInfo dismissed } ? dismissed : null;
    }

    private async Task DismissAsync()
    {
        Saving = true;
        var result = await Actions.DismissReviewAsync(Caller, Request.Id, Review.Id, Reason ?? "");
        Saving = false;
        if (result.IsOk)
        {
            Dialog.Close(DialogResult.Ok(result.Value));
            return;
        }
        ReasonError = result.Failure!.Errors.FirstOrDefault(e => e.Path == "reason")?.Message;
        Problem = ReasonError is null ? result.Failure.Message : null;
    }

    private void Cancel() => Dialog.Cancel();
}
