using System.Collections.Immutable;

namespace SgDesigner.Core.Review;

/// <summary>
/// The three-way rules every merged value follows, and the conflicts they raise. Per value: the same on both sides →
/// that value; changed on one side only → that side; changed differently on both → a conflict, settled by the
/// author's choice or, until then, at THEIR value. The checks are symmetric, so swapping the sides swaps the
/// conflicts' values and nothing else.
/// </summary>
internal sealed class MergeSink(IReadOnlyDictionary<string, MergeSide> choices)
{
    private readonly List<MergeConflict> _conflicts = [];
    private readonly HashSet<string> _usedChoices = new(StringComparer.Ordinal);

    public ImmutableArray<MergeConflict> Conflicts => [.. _conflicts.OrderBy(c => c.Key, StringComparer.Ordinal)];

    public ImmutableArray<string> IgnoredChoices => [.. choices.Keys.Where(k => !_usedChoices.Contains(k)).Order(StringComparer.Ordinal)];

    /// <summary>Merges one value compared whole.</summary>
    public T Pick<T>(Subject subject, T b, T o, T t, IEqualityComparer<T> same, Func<T, string?> show)
    {
        if (Same(o, t, same) || Same(b, o, same))
            return t;
        if (Same(b, t, same))
            return o;
        return Conflict(subject, b, o, t, show)!;
    }

    /// <summary>
    /// Merges an object that may be absent on a side: one-sided and identical changes as <see cref="Pick{T}"/>; deleted on
    /// one side and changed on the other is a conflict over the whole object; changed on both is merged field by field.
    /// </summary>
    public T? Entity<T>(Subject subject, T? b, T? o, T? t, IEqualityComparer<T> same, Func<T, string?> show, Func<T?, T, T, T> fields)
        where T : class
    {
        if (Same(o, t, same) || Same(b, o, same))
            return t;
        if (Same(b, t, same))
            return o;
        return o is null || t is null ? Conflict(subject, b, o, t, show) : fields(b, o, t);
    }

    /// <summary>
    /// Merges a collection of objects matched by id; a repeated id is matched by its occurrence so that nothing is
    /// dropped. Order: theirs, then what only we have (ours when only we reordered).
    /// </summary>
    public ImmutableArray<T> Keyed<T>(
        ImmutableArray<T> b, ImmutableArray<T> o, ImmutableArray<T> t, Func<T, string> id, IEqualityComparer<T> same,
        Func<string, T?, T?, T?, T?> merge)
        where T : class
    {
        b = b.IsDefault ? [] : b;
        o = o.IsDefault ? [] : o;
        t = t.IsDefault ? [] : t;
        if (o.SequenceEqual(t, same) || b.SequenceEqual(o, same))
            return t;
        if (b.SequenceEqual(t, same))
            return o;
        var baseByKey = WithKeys(b, id);
        var oursByKey = WithKeys(o, id);
        var theirsByKey = WithKeys(t, id);
        // Our edit is replayed onto theirs: their order, then our additions; unless only we reordered.
        var (first, second) = !KeepsOrder(baseByKey, oursByKey) && KeepsOrder(baseByKey, theirsByKey)
            ? (oursByKey, theirsByKey)
            : (theirsByKey, oursByKey);
        var result = ImmutableArray.CreateBuilder<T>();
        foreach (var key in first.Keys.Concat(second.Keys.Where(k => !first.ContainsKey(k))))
        {
            if (merge(key, baseByKey.GetValueOrDefault(key), oursByKey.GetValueOrDefault(key), theirsByKey.GetValueOrDefault(key)) is { } merged)
                result.Add(merged);
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// Merges a list whose order carries no meaning (an ENI's groups, a prefix list's entries) element by element:
    /// their list without what we removed, then what we added. Both sides' additions and removals survive, so this
    /// never conflicts.
    /// </summary>
    public static ImmutableArray<T> Set<T>(ImmutableArray<T> b, ImmutableArray<T> o, ImmutableArray<T> t)
    {
        b = b.IsDefault ? [] : b;
        o = o.IsDefault ? [] : o;
        t = t.IsDefault ? [] : t;
        if (o.SequenceEqual(t) || b.SequenceEqual(o))
            return t;
        if (b.SequenceEqual(t))
            return o;
        var removedByUs = b.Except(o).ToHashSet();
        return [.. t.Where(x => !removedByUs.Contains(x)), .. o.Except(b).Where(x => !t.Contains(x))];
    }

    /// <summary>Merges tags key by key; a key both sides set differently (or one removed and one changed) conflicts.</summary>
    public ImmutableSortedDictionary<string, string> Tags(
        Subject subject, ImmutableSortedDictionary<string, string>? b, ImmutableSortedDictionary<string, string> o, ImmutableSortedDictionary<string, string> t)
    {
        if (ModelEquality.SameTags(o, t) || b is not null && ModelEquality.SameTags(b, o))
            return t;
        if (b is not null && ModelEquality.SameTags(b, t))
            return o;
        var result = t.ToBuilder();
        foreach (var key in (b?.Keys ?? []).Union(o.Keys).Union(t.Keys).ToList())
        {
            var value = Pick(subject.At($"tags[{key}]"), b?.GetValueOrDefault(key), o.GetValueOrDefault(key), t.GetValueOrDefault(key),
                StringComparer.Ordinal, v => v);
            if (value is null)
                result.Remove(key);
            else
                result[key] = value;
        }
        return result.ToImmutable();
    }

    private T? Conflict<T>(Subject subject, T? b, T? o, T? t, Func<T, string?> show)
    {
        var key = MergeConflict.KeyOf(subject.Kind, subject.Id, subject.GroupId, subject.Field);
        MergeSide? choice = choices.TryGetValue(key, out var side) ? side : null;
        if (choice is not null)
            _usedChoices.Add(key);
        _conflicts.Add(new MergeConflict(subject.Kind, subject.Id, subject.GroupId, subject.Field, Show(b, show), Show(o, show), Show(t, show), choice));
        return choice == MergeSide.Ours ? o : t;
    }

    private static string? Show<T>(T? value, Func<T, string?> show) => value is null ? null : show(value);

    private static bool Same<T>(T? a, T? b, IEqualityComparer<T> same) => a is null ? b is null : b is not null && same.Equals(a, b);

    /// <summary>True when the objects both lists have appear in the same relative order.</summary>
    private static bool KeepsOrder<T>(Dictionary<string, T> before, Dictionary<string, T> after) =>
        after.Keys.Where(before.ContainsKey).SequenceEqual(before.Keys.Where(after.ContainsKey));

    /// <summary>Each object under its id, or <c>id#n</c> for the n-th repeat of an id, in the list's order.</summary>
    private static Dictionary<string, T> WithKeys<T>(ImmutableArray<T> items, Func<T, string> id)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = id(item);
            var n = seen.GetValueOrDefault(key);
            seen[key] = n + 1;
            result.Add(n == 0 ? key : $"{key}#{n}", item);
        }
        return result;
    }
}

/// <summary>What a merged value belongs to, for naming its conflict.</summary>
internal readonly record struct Subject(MergeEntityKind Kind, string Id, string? GroupId = null, string? Field = null)
{
    /// <summary>The same object's <paramref name="field"/>.</summary>
    public Subject At(string field) => this with { Field = field };
}
