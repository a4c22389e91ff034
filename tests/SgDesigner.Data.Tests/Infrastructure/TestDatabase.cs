using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SgDesigner.Data.Hosting;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Tests.Infrastructure;

/// <summary>
/// A freshly migrated database of one provider, shared by the tests of one class (a class fixture). Every test
/// class runs once per provider: the same assertions hold on SQLite and PostgreSQL.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    public abstract StorageProvider Provider { get; }

    protected abstract string ConnectionString { get; }

    public PolicyStore Store => Services.GetRequiredService<PolicyStore>();

    public ServiceProvider Services => _services ?? throw new InvalidOperationException("the database is not initialised");

    /// <summary>A new context on this database, outside the store (to poke at rows directly).</summary>
    public SgDbContext CreateContext() => Services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContext();

    public virtual async ValueTask InitializeAsync()
    {
        await CreateDatabaseAsync();
        _services = BuildServices(Provider, ConnectionString, seedDemo: false);
        await _services.MigrateAndSeedAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The services AddPolicyStorage registers, on the given database.</summary>
    public static ServiceProvider BuildServices(StorageProvider provider, string connectionString, bool seedDemo)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new StorageSettings(provider, connectionString, seedDemo));
        services.AddDbContextFactory<SgDbContext>(o => PolicyStorageExtensions.Configure(o, provider, connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddPolicyStores();
        services.AddPolicyIdentity();
        return services.BuildServiceProvider();
    }

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A SQLite file in a temporary folder, deleted afterwards.</summary>
public sealed class SqliteDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sgd-data-tests", Guid.NewGuid().ToString("N"));

    public override StorageProvider Provider => StorageProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={Path.Combine(_folder, "policies.db")}";

    protected override Task CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync()
    {
        // Pooled connections keep the file (and its WAL) open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>A uniquely named database on the server named by SGD_TEST_POSTGRES, dropped afterwards.</summary>
public sealed class PostgresDatabase : TestDatabase
{
    private readonly string _name = $"sgd_data_{Guid.NewGuid():N}";
    private string? _server;

    public override StorageProvider Provider => StorageProvider.Postgres;

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ConnectionString;

    private string Server => _server ??= Environment.GetEnvironmentVariable("SGD_TEST_POSTGRES") is { Length: > 0 } s
        ? s
        : throw new InvalidOperationException(
            "SGD_TEST_POSTGRES is not set: PostgreSQL tests need a server. Run the repository's test script (it starts a "
            + "throwaway PostgreSQL and sets it), or export SGD_TEST_POSTGRES=\"Host=127.0.0.1;Port=55432;Username=postgres\".");

    protected override async Task CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_server is null)
            return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
