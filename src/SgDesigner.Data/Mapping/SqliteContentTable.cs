using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SgDesigner.Data.Mapping;

/// <summary>
/// Reads one content table of a snapshot on SQLite as a single JSON array that SQLite builds itself
/// (<c>json_group_array</c>), then turns it into rows. Row by row, Microsoft.Data.Sqlite makes several native calls per
/// value (type, bounds, text) and parses each row's snapshot id from its text: a 10,000-instance draft's 106,000 rows
/// took about 1.5 s of CPU that way, the JSON about a quarter of it. The columns, their converters and the row's
/// constructor all come from the EF model, so a column added to a row is read without anything to change here;
/// <c>SqliteContentTableTests</c> checks the rows equal EF's own query's, value for value.
/// </summary>
internal sealed class SqliteContentTable<T>
    where T : class
{
    private static readonly ConditionalWeakTable<IModel, SqliteContentTable<T>> ByModel = new();

    private readonly string _sql;
    private readonly Column[] _columns;
    private readonly int _snapshotArgument;
    private readonly Func<object?[], T> _create;

    private SqliteContentTable(IEntityType entity)
    {
        var constructor = typeof(T).GetConstructors().MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no public constructor");
        var parameters = constructor.GetParameters();
        // Every mapped column must be a parameter of the row's constructor (rows are positional records), or it would
        // silently be left at its default here.
        var unread = entity.GetProperties().Select(p => p.Name).Except(parameters.Select(p => p.Name!)).ToList();
        if (unread.Count > 0)
            throw new InvalidOperationException($"{typeof(T).Name}'s columns {string.Join(", ", unread)} are not parameters of its constructor");
        var columns = new List<Column>();
        string? snapshotColumn = null;
        _snapshotArgument = -1;
        for (var i = 0; i < parameters.Length; i++)
        {
            var property = entity.FindProperty(parameters[i].Name!)
                ?? throw new InvalidOperationException($"{typeof(T).Name}'s constructor parameter {parameters[i].Name} is not a mapped property");
            if (property.Name == nameof(SgDesigner.Data.Rows.VpcRow.SnapshotId))
            {
                _snapshotArgument = i;
                snapshotColumn = property.GetColumnName();
                continue;
            }
            var mapping = property.GetTypeMapping();
            columns.Add(new Column(i, property.GetColumnName(), mapping.Converter, mapping.Converter?.ProviderClrType ?? property.ClrType));
        }
        if (snapshotColumn is null)
            throw new InvalidOperationException($"{typeof(T).Name} has no snapshot id");
        _columns = [.. columns];
        var list = string.Join(", ", _columns.Select(c => Quote(c.Name)));
        _sql = $"SELECT CAST(json_group_array(json_array({list})) AS BLOB) AS \"Value\" FROM {Quote(entity.GetTableName()!)} WHERE {Quote(snapshotColumn)} = {{0}}";
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        _create = Expression.Lambda<Func<object?[], T>>(
            Expression.New(constructor, parameters.Select((p, i) =>
                Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType))),
            arguments).Compile();
    }

    /// <summary>The rows of <paramref name="snapshotId"/> in this table, in the order a plain query returns them.</summary>
    public static async Task<List<T>> ReadAsync(DbContext db, Guid snapshotId, CancellationToken ct)
    {
        var table = ByModel.GetValue(db.Model, model => new SqliteContentTable<T>(
            model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped")));
        var json = await db.Database.SqlQuery<byte[]>(FormattableStringFactory.Create(table._sql, snapshotId)).ToListAsync(ct);
        return table.Rows(json.Single(), snapshotId);
    }

    private List<T> Rows(byte[] json, Guid snapshotId)
    {
        var rows = new List<T>();
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) == JsonTokenType.StartArray)
        {
            var arguments = new object?[_columns.Length + 1];
            arguments[_snapshotArgument] = snapshotId;
            foreach (var column in _columns)
            {
                Next(ref reader);
                arguments[column.Argument] = column.Value(ref reader);
            }
            Expect(ref reader, JsonTokenType.EndArray);
            rows.Add(_create(arguments));
        }
        return rows;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new InvalidDataException("SQLite's JSON of a content table ended early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (Next(ref reader) != token)
            throw new InvalidDataException($"SQLite's JSON of a content table has {reader.TokenType} where {token} belongs");
    }

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    // One column: where its value goes in the constructor's arguments, and how the stored value becomes the row's.
    private sealed record Column(int Argument, string Name, ValueConverter? Converter, Type Stored)
    {
        private readonly StoredAs _storedAs = (Nullable.GetUnderlyingType(Stored) ?? Stored) switch
        {
            var t when t == typeof(string) => StoredAs.Text,
            var t when t == typeof(int) => StoredAs.Int32,
            var t when t == typeof(long) => StoredAs.Int64,
            var t when t == typeof(bool) => StoredAs.Boolean,
            var t when t == typeof(DateOnly) => StoredAs.Date,
            var t when t.IsEnum => StoredAs.Enum,
            var t => throw new NotSupportedException($"column {Name} is stored as {t.Name}, which SQLite's JSON reading does not know"),
        };

        public object? Value(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
                return null;
            object value = _storedAs switch
            {
                StoredAs.Text => reader.GetString()!,
                StoredAs.Int32 => reader.GetInt32(),
                StoredAs.Int64 => reader.GetInt64(),
                StoredAs.Boolean => reader.GetInt64() != 0,
                StoredAs.Date => DateOnly.ParseExact(reader.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => Enum.ToObject(Nullable.GetUnderlyingType(Stored) ?? Stored, reader.GetInt64()),
            };
            return Converter is null ? value : Converter.ConvertFromProvider(value);
        }
    }

    private enum StoredAs { Text, Int32, Int64, Boolean, Date, Enum }
}
