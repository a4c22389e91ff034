using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Review;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Review;

/// <summary>A request's comments and reviews in time order (a dismissed review with who dismissed it and why), and a box for a new comment.</summary>
public partial class ConversationPanel
{
    /// <summary>The request with its comments and reviews.</summary>
    [Parameter, EditorRequired]
    public ChangeRequestDetails Details { get; set; } = default!;

    /// <summary>Whether the caller may comment (default false: no comment box).</summary>
    [Parameter]
    public bool CanComment { get; set; }

    /// <summary>Names of the groups, instances and prefix lists by id, shown instead of the ids (the impact's; none while it loads).</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string>? Names { get; set; }

    private IdNames IdNames => Names is null ? IdNames.None : new(Names);

    // " on rule sgr-1 of sg-1", " on sg-1", or nothing for a comment on the whole request.
    private static string On(string? groupId, string? ruleId) => (groupId, ruleId) switch
    {
        ({ } g, { } r) => $" on rule {r} of {g}",
        (null, { } r) => $" on rule {r}",
        ({ } g, null) => $" on {g}",
        _ => "",
    };

    /// <summary>Whether the caller may dismiss reviews (an owner): a Dismiss action beside each review that still counts.</summary>
    [Parameter]
    public bool CanDismiss { get; set; }

    /// <summary>Asks for a reason and dismisses the review.</summary>
    [Parameter]
    public EventCallback<ReviewInfo> OnDismiss { get; set; }

    /// <summary>Stores a comment (body, group id, rule id); true when stored.</summary>
    [Parameter, EditorRequired]
    public Func<string, string?, string?, Task<bool>> OnComment { get; set; } = default!;

    private string? NewComment { get; set; }

    private sealed record Item(DateTime At, ReviewCommentInfo? Comment, ReviewInfo? Review);

    private List<Item> Items =>
    [
        .. Details.Comments.Select(c => new Item(c.CreatedAt, c, null))
            .Concat(Details.Reviews.Select(r => new Item(r.CreatedAt, null, r)))
            .OrderBy(i => i.At),
    ];

    private async Task CommentAsync()
    {
        if (NewComment is { Length: > 0 } body && await OnComment(body, null, null))
            NewComment = null;
    }
}
