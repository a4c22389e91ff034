using System.Reflection;
using SgDesigner.Data.Mapping;

namespace SgDesigner.Data.Tests.Infrastructure;

/// <summary>One content table of a snapshot read each way the store can, by row type (the tables' types are only known at run time).</summary>
internal static class ContentTableReads
{
    /// <summary>EF's own query.</summary>
    public static Task<List<object>> ThroughEfAsync(Type row, SgDbContext db, Guid snapshotId) =>
        ReadAsync(typeof(SnapshotContent).GetMethod(nameof(SnapshotContent.QueryRowsAsync), BindingFlags.Static | BindingFlags.NonPublic)!.MakeGenericMethod(row), db, snapshotId);

    /// <summary>What the store reads on this provider (SQLite: its JSON).</summary>
    public static Task<List<object>> AsStoredAsync(Type row, SgDbContext db, Guid snapshotId) =>
        ReadAsync(typeof(SnapshotContent).GetMethod(nameof(SnapshotContent.RowsAsync), BindingFlags.Static | BindingFlags.NonPublic)!.MakeGenericMethod(row), db, snapshotId);

    /// <summary>SQLite's JSON array, whatever the provider would choose.</summary>
    public static Task<List<object>> AsSqliteJsonAsync(Type row, SgDbContext db, Guid snapshotId) =>
        ReadAsync(typeof(SqliteContentTable<>).MakeGenericType(row).GetMethod("ReadAsync")!, db, snapshotId);

    private static async Task<List<object>> ReadAsync(MethodInfo read, SgDbContext db, Guid snapshotId)
    {
        var task = (Task)read.Invoke(null, [db, snapshotId, TestContext.Current.CancellationToken])!;
        await task;
        return [.. ((System.Collections.IEnumerable)task.GetType().GetProperty("Result")!.GetValue(task)!).Cast<object>()];
    }
}
