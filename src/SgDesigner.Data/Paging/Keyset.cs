using Microsoft.EntityFrameworkCore;

namespace SgDesigner.Data.Paging;

/// <summary>
/// A row's place in a list's order: the values of its sort key, then its id. Which parts a list uses, and in which
/// direction it sorts them, is that list's business (documented on its store method); unused parts stay at their defaults.
/// </summary>
/// <param name="Number">A numeric key: a revision or request number, a rank, or a time in ticks (UTC).</param>
/// <param name="Text">A text key as the database compares it (a normalised name).</param>
/// <param name="Id">The row's id, which breaks ties in the rest of the key.</param>
public sealed record PageKey(long Number = 0, string Text = "", Guid Id = default)
{
    /// <summary>The key of a list ordered by a time (UTC), then by id.</summary>
    public static PageKey At(DateTime time, Guid id) => new(time.Ticks, "", id);

    /// <summary><see cref="Number"/> read as a time in ticks (UTC); a number outside the calendar is clamped to it.</summary>
    public DateTime Time => new(Math.Clamp(Number, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
}

/// <summary>A page to read: at most <paramref name="Limit"/> rows that come after <paramref name="After"/> in the list's order.</summary>
/// <param name="Limit">How many rows at most (the caller has checked the range).</param>
/// <param name="After">The key of the last row of the previous page; null for the first page.</param>
public sealed record PageRequest(int Limit, PageKey? After = null);

/// <summary>One page of a list, read in the database by keyset (never by offset).</summary>
/// <param name="Items">The rows, in the list's order.</param>
/// <param name="Next">The key of the last row when more rows follow; null on the last page.</param>
/// <typeparam name="T">What the list holds.</typeparam>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, PageKey? Next)
{
    /// <summary>The same page with each item mapped.</summary>
    public KeysetPage<TOut> Select<TOut>(Func<T, TOut> map) => new([.. Items.Select(map)], Next);
}

/// <summary>Reads one page of a query that is already filtered past the previous page's key and ordered.</summary>
public static class Keyset
{
    /// <summary>
    /// One more row than asked tells whether another page follows, without counting; the next key is the last
    /// returned row's, so rows inserted or deleted meanwhile neither repeat nor hide the rows that stay.
    /// </summary>
    public static async Task<KeysetPage<TRow>> ReadAsync<TRow>(IQueryable<TRow> ordered, int limit, Func<TRow, PageKey> keyOf, CancellationToken ct)
    {
        var rows = await ordered.Take(limit + 1).ToListAsync(ct);
        if (rows.Count <= limit)
            return new KeysetPage<TRow>(rows, null);
        rows.RemoveAt(limit);
        return new KeysetPage<TRow>(rows, keyOf(rows[^1]));
    }
}
