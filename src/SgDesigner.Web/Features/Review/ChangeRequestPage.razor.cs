using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// One change request: what it does (impact, rule changes), the conversation, and the actions the caller's role
/// allows (review, merge, close). It re-loads live when someone else comments, reviews, edits the draft or merges.
/// </summary>
public partial class ChangeRequestPage : IDisposable
{
    [Inject]
    private ReviewStore Reviews { get; set; } = default!;

    [Inject]
    private ReviewActions Actions { get; set; } = default!;

    [Inject]
    private RequestImpacts Impacts { get; set; } = default!;

    [Inject]
    private ReviewEvents Events { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The request shown (from the route).</summary>
    [Parameter]
    public Guid RequestId { get; set; }

    private ChangeRequestDetails? Details { get; set; }

    private RequestPermissions? May { get; set; }

    private ImpactView? Impact { get; set; }

    private MergePreviewView? Preview { get; set; }

    private string? Problem { get; set; }

    private string? ActionProblem { get; set; }

    private string? ReviewNote { get; set; }

    private string? MergeMessage { get; set; }

    private bool Busy { get; set; }

    // An owner (through no token: the page is the signed-in user) may merge past the assertions that block a merge.
    private bool CanOverride { get; set; }

    private Caller? Me { get; set; }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Events.Raised += OnReviewEvent;
        await LoadAsync();
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (Details is not null && Details.Info.Id != RequestId)
            await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Me ??= await Circuit.RequireAsync();
        var details = await Reviews.GetAsync(RequestId);
        if (!details.IsOk || !await Me.MayAsync(Access, PolicyAction.View, details.Value.Info.PolicyId))
        {
            // Someone without access learns no more than that it does not exist for them.
            Problem = details.IsOk ? $"You have no access to the policy of change request {RequestId}." : details.Failure!.Message;
            return;
        }
        Problem = null;
        Details = details.Value;
        May = await RequestPermissions.ForAsync(Me, Access, Details);
        CanOverride = RequestPermissions.IsActive(Details.Info.Status) && await Me.MayAsync(Access, PolicyAction.OverrideAssertions, Details.Info.PolicyId);
        // Only an active request can be merged; the preview says whether the policy moved on since its base. Replaced in
        // one step, never emptied first: a render between the two would drop the conflicts panel and the sides chosen in it.
        Preview = RequestPermissions.IsActive(Details.Info.Status) && await Reviews.PreviewMergeAsync(RequestId) is { IsOk: true } preview
            ? MergePreviewView.From(preview.Value)
            : null;
        StoreResult<ImpactView> impact;
        try
        {
            impact = await Impacts.OfDraftAsync(Details.Info, leaving.Token);
        }
        catch (OperationCanceledException) when (leaving.IsCancellationRequested)
        {
            return;
        }
        Impact = impact.IsOk ? impact.Value : null;
        if (!impact.IsOk)
            ActionProblem = impact.Failure!.Message;
    }

    private void OnReviewEvent(ReviewEvent change)
    {
        if (Details is { } shown && change.Concerns(shown.Info.PolicyId, shown.Info.Id, shown.Info.DraftId))
            _ = InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            });
    }

    private Task ApproveAsync() => ReviewAsync(ReviewVerdict.Approve);

    private Task RequestChangesAsync() => ReviewAsync(ReviewVerdict.RequestChanges);

    private async Task ReviewAsync(ReviewVerdict verdict)
    {
        var result = await RunAsync(caller => Actions.ReviewAsync(caller, RequestId, verdict, ReviewNote));
        if (result)
            ReviewNote = null;
    }

    // A merge publishes a revision: the dialog shows what it opens and closes before anything is stored. Past assertions
    // that block it, the dialog asks the owner's reason; the server checks the gate again and has the last word.
    private async Task ConfirmMergeAsync()
    {
        if (Details is null)
            return;
        if (Preview?.BlockingAssertions is { Count: > 0 } blocking)
        {
            if (await MergeConfirmDialog.OverrideAsync(Dialogs, Details.Info, Impact, blocking) is { } reason)
                await RunAsync(caller => Actions.MergeAsync(caller, RequestId, MergeMessage, overrideReason: reason));
            return;
        }
        if (await MergeConfirmDialog.ConfirmAsync(Dialogs, Details.Info, Impact))
            await RunAsync(caller => Actions.MergeAsync(caller, RequestId, MergeMessage));
    }

    /// <summary>Asks these users to review, instead of those asked before; true when stored.</summary>
    internal Task<bool> SaveReviewersAsync(IReadOnlyCollection<Guid> reviewers) =>
        RunAsync(caller => Actions.SetReviewersAsync(caller, RequestId, [.. reviewers.Select(id => (string?)id.ToString())]));

    /// <summary>Rebases the draft with the author's choices; true when done.</summary>
    internal Task<bool> ResolveAsync(IReadOnlyDictionary<string, Core.Review.MergeSide> choices) =>
        Preview is { } preview
            ? RunAsync(caller => Actions.ResolveConflictsAsync(caller, RequestId, preview.DraftVersion, choices))
            : Task.FromResult(false);

    // An owner dismisses a review with a reason; the dialog stores it and tells the other pages, this one re-loads.
    private async Task DismissAsync(ReviewInfo review)
    {
        if (Details is null || Me is null)
            return;
        if (await DismissReviewDialog.ShowAsync(Dialogs, Details.Info, review, Me) is not null)
            await LoadAsync();
    }

    private Task CloseAsync() => RunAsync(caller => Actions.CloseAsync(caller, RequestId));

    /// <summary>Adds a comment on the request, or on one group's rule; true when stored.</summary>
    internal Task<bool> CommentAsync(string body, string? groupId, string? ruleId) =>
        RunAsync(caller => Actions.CommentAsync(caller, RequestId, body, groupId, ruleId));

    // Runs an action as the signed-in user (ReviewActions tells the other pages) and shows its refusal, if any.
    private async Task<bool> RunAsync<T>(Func<Caller, Task<StoreResult<T>>> action)
    {
        if (Details is null || Me is null)
            return false;
        Busy = true;
        try
        {
            var result = await action(Me);
            ActionProblem = result.IsOk ? null : result.Failure!.Message;
            await LoadAsync();
            return result.IsOk;
        }
        finally
        {
            Busy = false;
            // Called from the panels' own handlers too (a comment), which re-render only the panel: show the outcome here.
            StateHasChanged();
        }
    }

    // Cancelled when the page goes away: an impact analysis nobody else waits for stops (see RequestImpacts). Never
    // disposed: a live update may still read its token after Dispose, and it holds no timer.
    private readonly CancellationTokenSource leaving = new();

    /// <inheritdoc />
    public void Dispose()
    {
        Events.Raised -= OnReviewEvent;
        leaving.Cancel();
        GC.SuppressFinalize(this);
    }
}
