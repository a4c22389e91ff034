using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Features.Policies;

/// <summary>
/// "Revert to revision n": opens a draft based on the latest revision holding revision n's content and takes the user to it
/// in the designer. Shown to editors only; the editor refuses everyone else too.
/// </summary>
public partial class RevertButton
{
    [Inject]
    private DraftEditor Editor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    /// <summary>The policy.</summary>
    [Parameter, EditorRequired]
    public Guid PolicyId { get; set; }

    /// <summary>The revision to revert to.</summary>
    [Parameter, EditorRequired]
    public int Revision { get; set; }

    private bool MayEdit { get; set; }

    private bool Busy { get; set; }

    private string? Problem { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync() =>
        MayEdit = await Circuit.GetAsync() is { } caller && await caller.MayAsync(Access, PolicyAction.Edit, PolicyId);

    private async Task RevertAsync()
    {
        Busy = true;
        try
        {
            var draft = await Editor.RevertAsync(await Circuit.RequireAsync(), PolicyId, Revision);
            if (draft.IsOk)
                Navigation.NavigateTo($"/drafts/{draft.Value.Id}");
            else
                Problem = draft.Failure!.Message;
        }
        finally
        {
            Busy = false;
        }
    }
}
