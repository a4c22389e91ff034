using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Review;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// For a request whose base revision is no longer the newest: whether it rebases cleanly, and otherwise each conflict
/// with both sides, and for its author a choice per conflict and a button that rebases the draft with them.
/// </summary>
public partial class MergeConflictsPanel
{
    /// <summary>The merge preview to show.</summary>
    [Parameter, EditorRequired]
    public MergePreviewView Preview { get; set; } = default!;

    /// <summary>Whether the caller may resolve (the author, or an editor); default false: conflicts are only listed.</summary>
    [Parameter]
    public bool CanResolve { get; set; }

    /// <summary>Rebases the draft with a side per conflict key; true when done.</summary>
    [Parameter, EditorRequired]
    public Func<IReadOnlyDictionary<string, MergeSide>, Task<bool>> OnResolve { get; set; } = default!;

    private Dictionary<string, MergeSide> Choices { get; } = [];

    // Groups, instances and prefix lists by name, their ids on hover.
    private IdNames Names => new(Preview.Names);

    // Null until the author picks a side: GetValueOrDefault would give the enum's first side, showing "ours" chosen and
    // making a click on it no change at all, so the rebase button never enabled.
    private MergeSide? Chosen(string key) => Choices.TryGetValue(key, out var side) ? side : null;

    private void Choose(string key, MergeSide? side)
    {
        if (side is { } chosen)
            Choices[key] = chosen;
        else
            Choices.Remove(key);
    }

    private async Task ResolveAsync()
    {
        if (await OnResolve(Choices))
            Choices.Clear();
    }
}
