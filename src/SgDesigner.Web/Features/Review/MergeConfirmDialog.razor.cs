using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Review;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// Asks before a merge, showing what it does to reachability: how many flows it opens and closes, and the first few of
/// each. A merge publishes a revision that cannot be taken back except by another change.
/// </summary>
public partial class MergeConfirmDialog
{
    /// <summary>How many flows of each kind the dialog lists.</summary>
    internal const int Shown = 5;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The request to merge.</summary>
    [Parameter, EditorRequired]
    public ChangeRequestInfo Request { get; set; } = default!;

    /// <summary>Its impact, or null while it is being computed.</summary>
    [Parameter]
    public ImpactView? Impact { get; set; }

    /// <summary>Shows the dialog; true when the user confirms the merge.</summary>
    public static async Task<bool> ConfirmAsync(IDialogService dialogs, ChangeRequestInfo request, ImpactView? impact)
    {
        var parameters = new DialogParameters<MergeConfirmDialog> { { d => d.Request, request }, { d => d.Impact, impact } };
        var dialog = await dialogs.ShowAsync<MergeConfirmDialog>($"Merge change request #{request.Number}?", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false };
    }

    // Listed plus not listed: the impact bounds what it lists, not what it counts.
    private static int Count(int listed, int notListed) => listed + notListed;

    private void Confirm() => Dialog.Close(DialogResult.Ok(true));

    private void Cancel() => Dialog.Cancel();
}
