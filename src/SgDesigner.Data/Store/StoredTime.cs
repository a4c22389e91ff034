namespace SgDesigner.Data.Store;

/// <summary>Every stored time is UTC, but SQLite hands DateTime back without a kind.</summary>
internal static class StoredTime
{
    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
