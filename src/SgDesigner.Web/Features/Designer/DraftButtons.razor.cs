using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Designer;

/// <summary>On a policy's page: links to its open drafts and a button that opens a new one in the designer.</summary>
public partial class DraftButtons
{
    [Inject]
    private PolicyStore Store { get; set; } = default!;

    [Inject]
    private DraftEditor Editor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    /// <summary>The policy whose drafts are offered.</summary>
    [Parameter, EditorRequired]
    public Guid PolicyId { get; set; }

    private IReadOnlyList<DraftInfo> OpenDrafts { get; set; } = [];

    // Viewers see the drafts but cannot open one; the store and the designer refuse them too.
    private bool MayEdit { get; set; }

    private string? Problem { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var drafts = await Store.ListDraftsAsync(PolicyId);
        OpenDrafts = drafts.IsOk ? drafts.Value : [];
        MayEdit = await Circuit.GetAsync() is { } caller && await caller.MayAsync(Access, PolicyAction.Edit, PolicyId);
    }

    private async Task CreateAsync()
    {
        var caller = await Circuit.RequireAsync();
        if (!await caller.MayAsync(Access, PolicyAction.Edit, PolicyId))
        {
            Problem = "Opening a draft needs the editor role on this policy.";
            return;
        }
        var draft = await Editor.OpenAsync(caller, PolicyId, null, $"Change of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        if (draft.IsOk)
            Navigation.NavigateTo($"/drafts/{draft.Value.Id}");
        else
            Problem = draft.Failure!.Message;
    }
}
