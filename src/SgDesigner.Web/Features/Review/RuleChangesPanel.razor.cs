using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Review;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Review;

/// <summary>A request's rule changes per group, before and after, each with who authored it, its comments and a box to add one.</summary>
public partial class RuleChangesPanel
{
    /// <summary>The rule diff per group.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<GroupChangeView> Groups { get; set; } = [];

    /// <summary>The request's comments; those on a rule are shown under it.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ReviewCommentInfo> Comments { get; set; } = [];

    /// <summary>Who changed which object of the draft; each rule change names its authors.</summary>
    [Parameter]
    public IReadOnlyList<ObjectAuthors> Authorship { get; set; } = [];

    /// <summary>Names of the groups, instances and prefix lists by id (the impact's), shown instead of the ids.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string> Names { get; set; } = new Dictionary<string, string>();

    private IdNames IdNames => new(Names);

    /// <summary>Whether the caller may comment (default false: no comment boxes).</summary>
    [Parameter]
    public bool CanComment { get; set; }

    /// <summary>Stores a comment (body, group id, rule id); true when stored.</summary>
    [Parameter, EditorRequired]
    public Func<string, string?, string?, Task<bool>> OnComment { get; set; } = default!;

    // A re-import can change thousands of rules; each row carries a comment box.
    private const int MaxRulesPerGroup = 200;

    // The text typed per rule id, until it is sent.
    private Dictionary<string, string?> Drafts { get; } = [];

    private sealed record RuleRow(string Id, string Kind, RuleView? Before, RuleView? After);

    private static List<RuleRow> ChangesOf(GroupChangeView group) =>
    [
        .. group.Added.Select(r => new RuleRow(r.Id, "added", null, r)),
        .. group.Removed.Select(r => new RuleRow(r.Id, "removed", r, null)),
        .. group.Changed.Select(c => new RuleRow(c.After.Id, "changed", c.Before, c.After)),
    ];

    // "Eddie Editor, Rita Reviewer", or null when no recorded edit touched the rule.
    private string? AuthorsOf(string groupId, string ruleId) =>
        Authorship.FirstOrDefault(o => o.ObjectKind == "rule" && o.ObjectId == ruleId && o.GroupId == groupId) is { } rule
            ? string.Join(", ", rule.Authors.Select(a => a.Name))
            : null;

    private async Task CommentAsync(string groupId, string ruleId)
    {
        if (Drafts.GetValueOrDefault(ruleId) is not { Length: > 0 } body)
            return;
        if (await OnComment(body, groupId, ruleId))
            Drafts.Remove(ruleId);
    }
}
