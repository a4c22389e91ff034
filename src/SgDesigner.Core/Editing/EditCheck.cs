using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Editing;

/// <summary>
/// The one place an edit's result is validated, with <see cref="EstateValidator"/>. A designer edit may not introduce
/// anything AWS would refuse; problems the draft already had (a stale reference that came with an import) do not block
/// unrelated edits, so the content before the edit is validated only when the result has errors. An edit of some groups
/// (<see cref="EditScope"/>) has the rules of those groups checked, not the rules of the whole policy: at 20,000 rules
/// that is the difference between a millisecond and a second.
/// </summary>
public static class EditCheck
{
    /// <summary><paramref name="after"/> when the edit introduced no error, otherwise the errors it introduced.</summary>
    public static EditResult Designer(Estate before, Estate after)
    {
        var scope = EditScope.Of(before, after);
        ImmutableArray<ValidationError> Validate(Estate estate) => scope is { Narrow: true }
            ? EstateValidator.ValidateGroups(estate, scope.Groups, EstateValidationMode.Designer)
            : EstateValidator.Validate(estate, EstateValidationMode.Designer);
        var errors = Validate(after);
        if (errors.IsEmpty)
            return EditResult.Ok(after);
        var existing = Validate(before).ToHashSet();
        var added = errors.Where(e => !existing.Contains(e)).DistinctBy(e => (e.Path, e.Message)).ToImmutableArray();
        return added.IsEmpty ? EditResult.Ok(after) : EditResult.Invalid(added);
    }

    /// <summary>
    /// A whole estate arriving at once (an import) is checked as imported data: what AWS itself lets happen (stale
    /// references, raised quotas) is kept; anything else is refused.
    /// </summary>
    public static EditResult Import(Estate after)
    {
        var errors = EstateValidator.Validate(after, EstateValidationMode.Import);
        return errors.IsEmpty ? EditResult.Ok(after) : EditResult.Invalid(errors.DistinctBy(e => (e.Path, e.Message)));
    }

    /// <summary>An edit made of a change of the estate, validated as a designer edit.</summary>
    internal static EstateEdit Checked(Func<Estate, EditResult> change) => before => change(before).Then(after => Designer(before, after));

    /// <summary>Replaces the item with the same id, or adds it.</summary>
    internal static ImmutableArray<T> Upsert<T>(ImmutableArray<T> items, T item, Func<T, string> id)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (id(items[i]) == id(item))
                return items.SetItem(i, item);
        }
        return items.Add(item);
    }

    /// <summary>
    /// Removes the item with <paramref name="id"/>. Removing something still referenced fails validation afterwards,
    /// which names every reference left.
    /// </summary>
    internal static EstateEdit Remove<T>(Func<Estate, ImmutableArray<T>> items, Func<T, string> idOf, string id, string path, Func<Estate, ImmutableArray<T>, Estate> with) =>
        Checked(e =>
        {
            var all = items(e);
            var remaining = all.RemoveAll(x => idOf(x) == id);
            return remaining.Length == all.Length ? EditResult.NotFound(path, $"{path} is not in the draft") : EditResult.Ok(with(e, remaining));
        });
}
