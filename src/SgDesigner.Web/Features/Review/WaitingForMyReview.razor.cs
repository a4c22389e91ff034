using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Review;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// The active change requests that ask the signed-in user to review and have no review of theirs that stands for the
/// draft as it is now (on one policy, or on all); live.
/// </summary>
public partial class WaitingForMyReview : IDisposable
{
    [Inject]
    private ReviewStore Reviews { get; set; } = default!;

    [Inject]
    private PolicyStore Policies { get; set; } = default!;

    [Inject]
    private ReviewEvents Events { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    /// <summary>Only this policy's requests (default: every policy's, with the policy's name).</summary>
    [Parameter]
    public Guid? PolicyId { get; set; }

    private sealed record Row(ChangeRequestInfo Info, string PolicyName);

    private IReadOnlyList<Row>? Rows { get; set; }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Events.Raised += OnReviewEvent;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (await Circuit.GetAsync() is not { } me)
        {
            Rows = [];
            return;
        }
        var waiting = await Reviews.WaitingForReviewAsync(me.UserId, PolicyId);
        var names = new Dictionary<Guid, string>();
        if (PolicyId is null)
            foreach (var policyId in waiting.Select(r => r.PolicyId).Distinct())
                names[policyId] = await Policies.GetPolicyAsync(policyId) is { IsOk: true } policy ? policy.Value.Name : policyId.ToString();
        Rows = [.. waiting.Select(r => new Row(r, names.GetValueOrDefault(r.PolicyId, "")))];
    }

    // Any change to a request can add or remove one here (asked, reviewed, edited, merged); the query is one round trip.
    private void OnReviewEvent(ReviewEvent change)
    {
        if (PolicyId is null || change.PolicyId is null || change.PolicyId == PolicyId)
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
