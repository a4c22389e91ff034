using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Review;

/// <summary>
/// The outcome of a three-way merge of a change request onto the newest revision. What the rebased request now does
/// is <c>ChangeImpact.Analyze(theirs, Merged)</c>.
/// </summary>
/// <param name="Merged">The merged estate: every one-sided change applied, each conflict at its chosen side or, while
/// unresolved, at THEIR (newest) value.</param>
/// <param name="Conflicts">Every conflict, resolved or not, ordered by <see cref="MergeConflict.Key"/>.</param>
/// <param name="Errors">Validation errors of the merged estate that neither side had on its own: what combining the two
/// edits broke (e.g. our new rule referencing a group they deleted). The author must fix these before publishing.</param>
/// <param name="IgnoredChoices">Keys of choices that matched no conflict (e.g. a conflict that a newer revision no longer has).</param>
public sealed record MergeResult(
    Estate Merged,
    ImmutableArray<MergeConflict> Conflicts,
    ImmutableArray<ValidationError> Errors,
    ImmutableArray<string> IgnoredChoices)
{
    /// <summary>The conflicts still waiting for a choice.</summary>
    public IEnumerable<MergeConflict> Unresolved => Conflicts.Where(c => !c.IsResolved);

    /// <summary>True when every conflict is resolved and the merge introduced no validation error: safe to publish.</summary>
    public bool IsClean => Errors.IsEmpty && Conflicts.All(c => c.IsResolved);
}
