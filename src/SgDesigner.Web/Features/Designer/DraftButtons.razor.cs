using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Features.Designer;

/// <summary>On a policy's page: links to its open drafts and a button that opens a new one in the designer.</summary>
public partial class DraftButtons
{
    [Inject]
    private PolicyStore Store { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The policy whose drafts are offered.</summary>
    [Parameter, EditorRequired]
    public Guid PolicyId { get; set; }

    private IReadOnlyList<DraftInfo> OpenDrafts { get; set; } = [];

    private string? Problem { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var drafts = await Store.ListDraftsAsync(PolicyId);
        OpenDrafts = drafts.IsOk ? drafts.Value : [];
    }

    private async Task CreateAsync()
    {
        var draft = await Store.CreateDraftAsync(PolicyId, null, $"Change of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC", "designer");
        if (draft.IsOk)
            Navigation.NavigateTo($"/drafts/{draft.Value.Id}");
        else
            Problem = draft.Failure!.Message;
    }
}
