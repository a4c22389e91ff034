using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Hosting;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

public abstract class StorageStartupTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigrationsCoverTheModelAndLeaveNothingPending()
    {
        await using var db = database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task StartingTwiceSeedsTheDemoPolicyOnceAndItIsValid()
    {
        var settings = database.Services.GetRequiredService<StorageSettings>();
        await using var services = TestDatabase.BuildServices(settings.Provider, settings.ConnectionString, seedDemo: true);
        var store = services.GetRequiredService<PolicyStore>();
        foreach (var policy in await store.ListPoliciesAsync(Ct))
            await store.DeletePolicyAsync(policy.Id, AuditActor.System, ct: Ct);

        await services.MigrateAndSeedAsync(Ct);
        await services.MigrateAndSeedAsync(Ct);

        var seeded = Assert.Single(await store.ListPoliciesAsync(Ct));
        Assert.Equal(StorageStartup.DemoPolicyName, seeded.Name);
        var estate = (await store.GetRevisionAsync(seeded.Id, null, Ct)).Value.Estate;
        Assert.Equal(EstateText.Describe(DemoEstate.Build()), EstateText.Describe(estate));
        Assert.Empty(SgDesigner.Core.Validation.EstateValidator.Validate(estate));
    }

    [Fact]
    public async Task DeletingAPolicyRemovesItsWholeHistory()
    {
        var policy = (await database.Store.CreatePolicyAsync($"doomed {Guid.NewGuid()}", null, DemoEstate.Build(), "alice", Ct)).Value;
        var draft = (await database.Store.CreateDraftAsync(policy.Id, null, "doomed", "alice", Ct)).Value;
        await database.Store.PublishDraftAsync(draft.Id, "doomed", "alice", draft.Version, Ct);

        var deleted = await database.Store.DeletePolicyAsync(policy.Id, "alice", ct: Ct);

        Assert.True(deleted.IsOk);
        await using var db = database.CreateContext();
        Assert.False(await db.Snapshots.AnyAsync(s => s.PolicyId == policy.Id, Ct));
        Assert.False(await db.Revisions.AnyAsync(r => r.PolicyId == policy.Id, Ct));
        Assert.Equal(StoreFailureKind.NotFound, (await database.Store.GetPolicyAsync(policy.Id, Ct)).Failure?.Kind);
    }
}

public sealed class StorageStartupTestsOnSqlite(SqliteDatabase database) : StorageStartupTests(database), IClassFixture<SqliteDatabase>;

public sealed class StorageStartupTestsOnPostgres(PostgresDatabase database) : StorageStartupTests(database), IClassFixture<PostgresDatabase>;

public sealed class PolicyStorageConfigurationTests
{
    [Fact]
    public void WithoutAConnectionStringPoliciesLiveInASqliteFileUnderTheContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "sgd-config", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection().AddPolicyStorage(new ConfigurationBuilder().Build(), root);

        var settings = (StorageSettings)services.Single(s => s.ServiceType == typeof(StorageSettings)).ImplementationInstance!;

        Assert.Equal(StorageProvider.Sqlite, settings.Provider);
        Assert.Equal($"Data Source={Path.Combine(root, "data", "sgdesigner.db")}", settings.ConnectionString);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void AConnectionStringNamedPoliciesSelectsPostgresAndLogsNoPassword()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Policies"] = "Host=db;Username=sgd;Password=secret;Database=sgd",
        }).Build();

        var services = new ServiceCollection().AddPolicyStorage(configuration, Path.GetTempPath());
        var settings = (StorageSettings)services.Single(s => s.ServiceType == typeof(StorageSettings)).ImplementationInstance!;

        Assert.Equal(StorageProvider.Postgres, settings.Provider);
        Assert.DoesNotContain("secret", settings.DisplayTarget, StringComparison.Ordinal);
    }
}
