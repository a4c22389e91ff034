using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace SgDesigner.Data.Mapping;

/// <summary>
/// Writes a whole new snapshot's rows in the current transaction without EF's change tracker: PostgreSQL's
/// binary COPY, or one prepared INSERT reused for every row on SQLite. Tracking 80,000 new rows and ordering
/// their commands costs EF far more than the 2 s a policy of 20,000 rules may take to save. Only ever used for
/// a snapshot created in the same transaction, so no sealed revision can be touched. Tables and columns come
/// from the EF model, so the two cannot drift apart.
/// </summary>
internal static class BulkInsert
{
    /// <summary>How PostgreSQL receives the rows. The scale benchmark measures both; the store uses the faster, COPY.</summary>
    internal enum PostgresMethod
    {
        /// <summary>One binary COPY per table.</summary>
        BinaryCopy,
        /// <summary>Multi-row INSERTs, many per round trip (<see cref="NpgsqlBatch"/>).</summary>
        BatchedInserts,
    }

    public static Task WriteAsync(SgDbContext db, EstateRows rows, CancellationToken ct) => WriteAsync(db, rows, PostgresMethod.BinaryCopy, ct);

    public static async Task WriteAsync(SgDbContext db, EstateRows rows, PostgresMethod method, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("bulk insert needs the caller's transaction");
        foreach (var table in rows.Tables())
        {
            if (table.Count == 0)
                continue;
            var entity = db.Model.FindEntityType(table[0].GetType())!;
            var columns = entity.GetProperties().ToList();
            var storeObject = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var names = columns.Select(p => $"\"{p.GetColumnName(storeObject)}\"").ToList();
            if (transaction.Connection is NpgsqlConnection postgres)
            {
                if (method == PostgresMethod.BinaryCopy)
                    await CopyAsync(postgres, entity.GetTableName()!, names, columns, table, ct);
                else
                    await BatchAsync(postgres, entity.GetTableName()!, names, columns, table, ct);
                await PlannerStatistics.RefreshIfReferencedAsync(db, entity, ct);
            }
            else
                await InsertAsync((SqliteConnection)transaction.Connection!, (SqliteTransaction)transaction, entity.GetTableName()!, names, columns, table, ct);
        }
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection, string table, List<string> names, List<IProperty> columns, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var types = columns.Select(p => PostgresType(ProviderType(p))).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)", ct);
        // Synchronous writes: they only fill Npgsql's buffer; an await per value costs more than the COPY itself.
        foreach (var row in rows)
        {
            importer.StartRow();
            for (var i = 0; i < columns.Count; i++)
            {
                // Typed writes: Write<object> resolves a converter for every value.
                switch (ProviderValue(columns[i], row))
                {
                    case null: importer.WriteNull(); break;
                    case string text: importer.Write(text, types[i]); break;
                    case int number: importer.Write(number, types[i]); break;
                    case Guid id: importer.Write(id, types[i]); break;
                    case bool flag: importer.Write(flag, types[i]); break;
                    case long number: importer.Write(number, types[i]); break;
                    case DateOnly date: importer.Write(date, types[i]); break;
                    case var other: throw new NotSupportedException($"no COPY writer for {other.GetType()}");
                }
            }
        }
        await importer.CompleteAsync(ct);
    }

    // The alternative to COPY: INSERTs of up to RowsPerStatement rows, StatementsPerBatch of them per round trip.
    private static async Task BatchAsync(
        NpgsqlConnection connection, string table, List<string> names, List<IProperty> columns, IReadOnlyList<object> rows, CancellationToken ct)
    {
        const int RowsPerStatement = 500, StatementsPerBatch = 8;
        var types = columns.Select(p => PostgresType(ProviderType(p))).ToArray();
        var prefix = $"INSERT INTO \"{table}\" ({string.Join(", ", names)}) VALUES ";
        foreach (var chunk in rows.Chunk(RowsPerStatement * StatementsPerBatch))
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var statement in chunk.Chunk(RowsPerStatement))
            {
                var command = new NpgsqlBatchCommand();
                var values = new System.Text.StringBuilder(prefix);
                for (var r = 0; r < statement.Length; r++)
                {
                    values.Append(r == 0 ? "(" : ", (");
                    for (var i = 0; i < columns.Count; i++)
                    {
                        values.Append(i == 0 ? "$" : ", $").Append(command.Parameters.Count + 1);
                        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = types[i], Value = ProviderValue(columns[i], statement[r]) ?? DBNull.Value });
                    }
                    values.Append(')');
                }
                command.CommandText = values.ToString();
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    private static Task InsertAsync(
        SqliteConnection connection, SqliteTransaction transaction, string table, List<string> names, List<IProperty> columns,
        IReadOnlyList<object> rows, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
                parameters[i].Value = ProviderValue(columns[i], row) ?? DBNull.Value;
            // SQLite is in-process: its async methods run synchronously anyway, minus the overhead.
            ct.ThrowIfCancellationRequested();
            command.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    private static object? ProviderValue(IProperty property, object row)
    {
        var value = property.PropertyInfo!.GetValue(row);
        return value is null ? null : property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private static Type ProviderType(IProperty property)
    {
        var type = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static NpgsqlDbType PostgresType(Type type) =>
        type == typeof(Guid) ? NpgsqlDbType.Uuid
        : type == typeof(string) ? NpgsqlDbType.Varchar
        : type == typeof(int) ? NpgsqlDbType.Integer
        : type == typeof(long) ? NpgsqlDbType.Bigint
        : type == typeof(bool) ? NpgsqlDbType.Boolean
        : type == typeof(DateOnly) ? NpgsqlDbType.Date
        : throw new NotSupportedException($"no COPY type for {type}");
}
