namespace SgDesigner.Data.Store;

/// <summary>Every stored time is UTC, but SQLite hands DateTime back without a kind.</summary>
internal static class StoredTime
{
    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    /// <summary>
    /// <paramref name="value"/> in UTC at PostgreSQL's resolution (microseconds), so that what a store returns at once
    /// equals what it reads back later, on both providers.
    /// </summary>
    public static DateTime Stored(DateTime value)
    {
        var utc = value.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }
}
