using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Review;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// Asks before a merge, showing what it does to reachability: how many flows it opens and closes, and the first few of
/// each. A merge publishes a revision that cannot be taken back except by another change. When assertions block the
/// merge, an owner merges anyway only by giving a reason here.
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

    /// <summary>The assertions that block the merge (from the server's merge preview); when any, the owner must give a reason.</summary>
    [Parameter]
    public IReadOnlyList<BlockingAssertion> Blocking { get; set; } = [];

    private string? Reason { get; set; }

    /// <summary>Shows the dialog; true when the user confirms the merge.</summary>
    public static async Task<bool> ConfirmAsync(IDialogService dialogs, ChangeRequestInfo request, ImpactView? impact) =>
        await ShowAsync(dialogs, request, impact, []) is not null;

    /// <summary>Shows the dialog for a merge past <paramref name="blocking"/>; the owner's reason when they confirm, or null.</summary>
    public static Task<string?> OverrideAsync(IDialogService dialogs, ChangeRequestInfo request, ImpactView? impact, IReadOnlyList<BlockingAssertion> blocking) =>
        ShowAsync(dialogs, request, impact, blocking);

    // The reason when confirmed ("" for a merge nothing blocks), null when cancelled.
    private static async Task<string?> ShowAsync(IDialogService dialogs, ChangeRequestInfo request, ImpactView? impact, IReadOnlyList<BlockingAssertion> blocking)
    {
        var parameters = new DialogParameters<MergeConfirmDialog> { { d => d.Request, request }, { d => d.Impact, impact }, { d => d.Blocking, blocking } };
        var dialog = await dialogs.ShowAsync<MergeConfirmDialog>($"Merge change request #{request.Number}?", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string reason } ? reason : null;
    }

    // Listed plus not listed: the impact bounds what it lists, not what it counts.
    private static int Count(int listed, int notListed) => listed + notListed;

    private void Confirm() => Dialog.Close(DialogResult.Ok(Reason?.Trim() ?? ""));

    private void Cancel() => Dialog.Cancel();
}
