using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;

namespace SgDesigner.Web.Features.Review;

/// <summary>Who is asked to review a request and where each stands; for the author or an owner, a way to change them.</summary>
public partial class RequestReviewersPanel
{
    /// <summary>The requested reviewers, with the verdict that stands for the draft as it is now.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<RequestedReviewerInfo> Reviewers { get; set; } = [];

    /// <summary>The request's policy, whose reviewers are offered.</summary>
    [Parameter, EditorRequired]
    public Guid PolicyId { get; set; }

    /// <summary>The request's author (never offered).</summary>
    [Parameter]
    public Guid AuthorUserId { get; set; }

    /// <summary>Whether the caller may change the reviewers (the author or an owner, on an active request).</summary>
    [Parameter]
    public bool CanEdit { get; set; }

    /// <summary>Stores the new set of reviewers; true when stored.</summary>
    [Parameter]
    public Func<IReadOnlyCollection<Guid>, Task<bool>>? OnSave { get; set; }

    private bool Editing { get; set; }

    private bool Saving { get; set; }

    private IReadOnlyCollection<Guid> Chosen { get; set; } = [];

    private void StartEditing()
    {
        Chosen = [.. Reviewers.Select(r => r.UserId)];
        Editing = true;
    }

    private async Task SaveAsync()
    {
        if (OnSave is null)
            return;
        Saving = true;
        try
        {
            if (await OnSave(Chosen))
                Editing = false;
        }
        finally
        {
            Saving = false;
        }
    }

    private static string StateOf(RequestedReviewerInfo reviewer) => reviewer.Verdict switch
    {
        ReviewVerdict.Approve => "approved",
        ReviewVerdict.RequestChanges => "changes-requested",
        _ => "pending",
    };

    private static string TextOf(RequestedReviewerInfo reviewer) => reviewer.Verdict switch
    {
        ReviewVerdict.Approve => "approved",
        ReviewVerdict.RequestChanges => "requested changes",
        _ => "waiting for their review",
    };

    private static Color ColorOf(RequestedReviewerInfo reviewer) => reviewer.Verdict switch
    {
        ReviewVerdict.Approve => Color.Success,
        ReviewVerdict.RequestChanges => Color.Warning,
        _ => Color.Default,
    };
}
