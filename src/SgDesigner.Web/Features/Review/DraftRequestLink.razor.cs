using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// For a draft in the designer or on its policy's page: a link to its change request, or, for an editor of an open
/// draft without one, a button that opens one and then shows it.
/// </summary>
public partial class DraftRequestLink
{
    [Inject]
    private ReviewStore Reviews { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The policy of the draft.</summary>
    [Parameter, EditorRequired]
    public Guid PolicyId { get; set; }

    /// <summary>The draft.</summary>
    [Parameter, EditorRequired]
    public Guid DraftId { get; set; }

    /// <summary>Whether the draft is open for edits (default false: no request can be opened, only an existing one linked).</summary>
    [Parameter]
    public bool DraftOpen { get; set; }

    /// <summary>The title the dialog suggests (default none).</summary>
    [Parameter]
    public string? SuggestedTitle { get; set; }

    private ChangeRequestInfo? Request { get; set; }

    private bool CanOpen { get; set; }

    private Caller? Caller { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var requests = await Reviews.ListAsync(PolicyId, includeClosed: true);
        // A draft has at most one request; a closed one still names it (the store refuses a second).
        Request = requests.IsOk ? requests.Value.FirstOrDefault(r => r.DraftId == DraftId) : null;
        Caller = await Circuit.GetAsync();
        CanOpen = DraftOpen && Request is null && Caller is not null && await Caller.MayAsync(Access, PolicyAction.Edit, PolicyId);
    }

    private async Task OpenAsync()
    {
        if (Caller is null)
            return;
        Request = await OpenRequestDialog.ShowAsync(Dialogs, PolicyId, DraftId, Caller, SuggestedTitle);
        CanOpen = Request is null;
        // The author lands on the request: what reviewers will see, and where its conversation happens.
        if (Request is { } opened)
            Navigation.NavigateTo($"/requests/{opened.Id}");
    }
}
