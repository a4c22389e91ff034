using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Review;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Review;

/// <summary>How many change requests wait for the signed-in user's review (see <see cref="ReviewStore.WaitingForReviewAsync(Guid, Guid?, CancellationToken)"/>); live.</summary>
public partial class ReviewBadge : IDisposable
{
    [Inject]
    private ReviewStore Reviews { get; set; } = default!;

    [Inject]
    private ReviewEvents Events { get; set; } = default!;

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    private int Count { get; set; }

    private string Label => Count == 0 ? "Nothing waits for your review" : $"{Count} change request(s) waiting for your review";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Events.Raised += OnReviewEvent;
        await LoadAsync();
    }

    private async Task LoadAsync() =>
        Count = await Circuit.GetAsync() is { } me ? (await Reviews.WaitingForReviewAsync(me.UserId)).Count : 0;

    private void OnReviewEvent(ReviewEvent change) =>
        _ = InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });

    /// <inheritdoc />
    public void Dispose()
    {
        Events.Raised -= OnReviewEvent;
        GC.SuppressFinalize(this);
    }
}
