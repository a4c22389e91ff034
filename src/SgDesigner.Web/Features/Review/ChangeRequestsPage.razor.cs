using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Review;

/// <summary>A policy's change requests (open ones, or all), with their status and approvals; live.</summary>
public partial class ChangeRequestsPage : IDisposable
{
    [Inject]
    private ReviewStore Reviews { get; set; } = default!;

    [Inject]
    private PolicyStore Store { get; set; } = default!;

    [Inject]
    private ReviewEvents Events { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    /// <summary>The policy (from the route).</summary>
    [Parameter]
    public Guid PolicyId { get; set; }

    private sealed record Row(ChangeRequestInfo Info, ApprovalState? Approvals);

    private IReadOnlyList<Row>? Rows { get; set; }

    private string? PolicyName { get; set; }

    private bool ShowAll { get; set; }

    private string? Problem { get; set; }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Events.Raised += OnReviewEvent;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var policy = await (await Circuit.RequireAsync()).ViewPolicyAsync(Access, Store, PolicyId);
        if (!policy.IsOk)
        {
            Problem = policy.Failure!.Message;
            return;
        }
        PolicyName = policy.Value.Name;
        var list = await Reviews.ListAsync(PolicyId, ShowAll);
        if (!list.IsOk)
        {
            Problem = list.Failure!.Message;
            return;
        }
        var rows = new List<Row>();
        foreach (var info in list.Value)
        {
            // Approvals count only while a request is under review; one query per active request.
            var approvals = RequestPermissions.IsActive(info.Status) && await Reviews.GetAsync(info.Id) is { IsOk: true } details
                ? details.Value.Approvals
                : null;
            rows.Add(new Row(info, approvals));
        }
        Rows = rows;
    }

    private async Task ShowAllChanged(bool value)
    {
        ShowAll = value;
        await LoadAsync();
    }

    private void OnReviewEvent(ReviewEvent change)
    {
        // A draft edit matters only to a listed request's approvals; anything else on this policy changes the list.
        var concerns = change.Kind == ReviewEventKind.DraftEdited
            ? Rows?.Any(r => r.Info.DraftId == change.DraftId) == true
            : change.PolicyId == PolicyId || Rows?.Any(r => r.Info.Id == change.RequestId) == true;
        if (concerns)
            _ = InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Events.Raised -= OnReviewEvent;
        GC.SuppressFinalize(this);
    }
}
