using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Update;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Drift;
using SgDesigner.Data.Findings;
using SgDesigner.Data.Graph;
using SgDesigner.Data.Idempotency;
using SgDesigner.Data.Review;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Hosting;

/// <summary>Which database holds the policies.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file: the zero-set-up default.</summary>
    Sqlite,
    /// <summary>PostgreSQL through Npgsql, when <c>ConnectionStrings:Policies</c> is set.</summary>
    Postgres,
}

/// <summary>Registers the policy database, <see cref="PolicyStore"/> and the start-up migration.</summary>
public static class PolicyStorageExtensions
{
    /// <summary>The assembly holding the SQLite migrations.</summary>
    public const string SqliteMigrationsAssembly = "SgDesigner.Migrations.Sqlite";

    /// <summary>The assembly holding the PostgreSQL migrations.</summary>
    public const string PostgresMigrationsAssembly = "SgDesigner.Migrations.Postgres";

    /// <summary>
    /// PostgreSQL when <c>ConnectionStrings:Policies</c> (env <c>ConnectionStrings__Policies</c>) is set, otherwise
    /// SQLite at <c>Storage:SqlitePath</c> or <c>&lt;contentRoot&gt;/data/sgdesigner.db</c>. Pending migrations are
    /// applied at start-up and a demo policy is seeded into an empty database (<c>Storage:SeedDemo</c>, default true).
    /// </summary>
    public static IServiceCollection AddPolicyStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var postgres = configuration.GetConnectionString("Policies");
        var settings = string.IsNullOrWhiteSpace(postgres)
            ? new StorageSettings(StorageProvider.Sqlite, SqliteConnectionString(configuration["Storage:SqlitePath"], contentRoot))
            : new StorageSettings(StorageProvider.Postgres, postgres);
        settings = settings with { SeedDemo = configuration.GetValue("Storage:SeedDemo", true) };
        services.AddSingleton(settings);
        services.AddDbContextFactory<SgDbContext>(options => Configure(options, settings.Provider, settings.ConnectionString));
        services.TryAddSingleton(TimeProvider.System);
        services.AddPolicyStores();
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    /// <summary>The stores on top of the registered context factory: policies, access, memberships, tokens, reviews, settings, audit, finding acceptances, deployed snapshots, graph layouts, idempotency keys.</summary>
    public static IServiceCollection AddPolicyStores(this IServiceCollection services)
    {
        services.AddSingleton<PolicyStore>();
        services.AddSingleton<DraftContentCache>();
        services.AddSingleton<PolicyAccess>();
        services.AddSingleton<MembershipStore>();
        services.AddSingleton<AccessTokenStore>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<PolicySettingsStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<FindingAcceptanceStore>();
        services.AddSingleton<DeployedSnapshotStore>();
        services.AddSingleton<GraphLayoutStore>();
        services.AddSingleton<IdempotencyStore>();
        return services;
    }

    /// <summary>Points <paramref name="options"/> at a database of the given provider with its migrations assembly.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, StorageProvider provider, string connectionString) =>
        provider == StorageProvider.Postgres
            ? options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly))
            : options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                .ReplaceService<IModificationCommandBatchFactory, SqliteCommandBatches>();

    private static string SqliteConnectionString(string? configuredPath, string contentRoot)
    {
        var path = string.IsNullOrWhiteSpace(configuredPath)
            ? Path.Combine(contentRoot, "data", "sgdesigner.db")
            : Path.GetFullPath(configuredPath, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return $"Data Source={path}";
    }
}

/// <summary>The storage chosen from configuration.</summary>
/// <param name="Provider">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">Where the database is.</param>
/// <param name="SeedDemo">Whether an empty database gets the demo policy.</param>
public sealed record StorageSettings(StorageProvider Provider, string ConnectionString, bool SeedDemo = true)
{
    /// <summary>The connection string without its password, for logs.</summary>
    public string DisplayTarget => Provider == StorageProvider.Sqlite
        ? ConnectionString
        : string.Join(';', ConnectionString.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
}
