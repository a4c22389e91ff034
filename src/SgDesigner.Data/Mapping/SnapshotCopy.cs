using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SgDesigner.Data.Mapping;

/// <summary>
/// Copies every content row of one snapshot into another inside the database (one INSERT … SELECT per table),
/// keeping every id: opening a draft of a 20,000-rule policy moves no row through the application.
/// </summary>
internal static class SnapshotCopy
{
    public static async Task CopyAsync(SgDbContext db, Guid from, Guid to, CancellationToken ct)
    {
        foreach (var type in EstateRows.TableTypes())
        {
            var entity = db.Model.FindEntityType(type)!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties().Select(p => p.GetColumnName(table)).ToList();
            var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
            var values = string.Join(", ", columns.Select(c => c == "SnapshotId" ? "{0}" : $"\"{c}\""));
            // Only identifiers from the EF model are spliced in; the two ids are parameters.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"{table.Name}\" ({names}) SELECT {values} FROM \"{table.Name}\" WHERE \"SnapshotId\" = {{1}}",
                [to, from], ct);
#pragma warning restore EF1002
            await PlannerStatistics.RefreshIfReferencedAsync(db, entity, ct);
        }
    }
}
