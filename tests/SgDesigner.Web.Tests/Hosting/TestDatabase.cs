using Microsoft.Data.Sqlite;
using Npgsql;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>A database of its own for one test class, and the app settings that point the app at it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>Settings for <see cref="SgDesignerApp"/>.</summary>
    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}

/// <summary>A SQLite file in a temporary folder, deleted afterwards.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sgd-web-").FullName;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:SqlitePath"] = Path.Combine(_folder, "sgdesigner.db"),
    };

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        // WAL mode keeps pooled connections and -wal/-shm files open until the pool is cleared.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A uniquely named database on the PostgreSQL server named by <c>SGD_TEST_POSTGRES</c>; the app creates
/// and migrates it at start-up, and it is dropped afterwards.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    /// <summary>The environment variable holding the server's connection string (without a database).</summary>
    public const string Variable = "SGD_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name = $"sgd_web_{Guid.NewGuid():N}";

    /// <summary>Fails with a clear message when the server is not configured: these tests never skip silently.</summary>
    public PostgresTestDatabase()
    {
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the test script, or set it to a PostgreSQL server connection string " +
                "without a database, e.g. Host=127.0.0.1;Port=55432;Username=postgres");
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Policies"] = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString,
    };

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
