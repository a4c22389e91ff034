using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using SgDesigner.Data.Review;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// What merging a request would do now (<c>GET /api/requests/{id}/merge-preview</c>): up to date, a clean automatic
/// rebase, or conflicts for the author to settle one by one (<c>POST /api/requests/{id}/resolve</c>).
/// </summary>
/// <param name="DraftVersion">The draft's version: send it back with the choices.</param>
/// <param name="BaseRevision">The revision the draft is based on.</param>
/// <param name="NewestRevision">The policy's newest revision.</param>
/// <param name="UpToDate">The draft is based on the newest revision.</param>
/// <param name="IsClean">Merging needs nobody's choice.</param>
/// <param name="Conflicts">Both sides changed these differently.</param>
/// <param name="Errors">What combining both sides breaks; the author must edit the draft.</param>
public sealed record MergePreviewView(
    long DraftVersion, int? BaseRevision, int? NewestRevision, bool UpToDate, bool IsClean,
    IReadOnlyList<ConflictView> Conflicts, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>The names of the groups, instances and prefix lists the conflicts mention, by id (shown instead of the ids).</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// When the policy's assertions block merging: the assertions merging now would break or could not evaluate, each
    /// with its line; merging then needs an owner's override with a reason. Empty otherwise.
    /// </summary>
    public IReadOnlyList<BlockingAssertion> BlockingAssertions { get; init; } = [];

    /// <summary>Without the merged estate, which the page and scripts do not need; with the names the conflicts mention.</summary>
    public static MergePreviewView From(MergePreview preview)
    {
        var conflicts = preview.Conflicts.Select(ConflictView.From).ToList();
        var texts = conflicts.SelectMany(c => new[] { c.Key, c.GroupId, c.Base, c.Ours, c.Theirs });
        return new MergePreviewView(preview.DraftVersion, preview.BaseRevision, preview.NewestRevision, preview.UpToDate, preview.IsClean,
            conflicts, preview.Errors)
        {
            Names = IdNames.Of(preview.Merged).Mentioned(texts).Names,
            BlockingAssertions = preview.BlockingAssertions,
        };
    }
}

/// <summary>One conflict, with the three values as text (null: absent or unset).</summary>
/// <param name="Key">Pass it back with the choice, e.g. <c>rule:sg-1/sgr-9</c>.</param>
/// <param name="Kind">What kind of object (rule, security group, network interface…).</param>
/// <param name="Id">Its id.</param>
/// <param name="GroupId">The group concerned, if any.</param>
/// <param name="Field">The field both sides changed, or null for the whole object.</param>
/// <param name="Base">The common base's value.</param>
/// <param name="Ours">The draft's value.</param>
/// <param name="Theirs">The newest revision's value.</param>
public sealed record ConflictView(string Key, MergeEntityKind Kind, string Id, string? GroupId, string? Field, string? Base, string? Ours, string? Theirs)
{
    /// <summary>From the merge's conflict.</summary>
    public static ConflictView From(MergeConflict c) => new(c.Key, c.Kind, c.Id, c.GroupId, c.Field, c.Base, c.Ours, c.Theirs);
}
