using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Hosting;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Accounts;

// Identity shapes its tables from the host's options; the migrations were made without a host. Should anyone
// change IdentityOptions.Stores in AddPolicyIdentity, start-up would refuse to migrate: this says why, earlier.
public sealed class IdentityModelTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(StorageProvider.Postgres, "Host=unused;Database=unused")]
    public void TheModelWithIdentityRegisteredIsTheOneTheMigrationsCreate(StorageProvider provider, string connection)
    {
        using var services = TestDatabase.BuildServices(provider, connection, seedDemo: false);
        using var db = services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContext();
        var migrated = db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model;
        var finalized = db.GetService<IModelRuntimeInitializer>().Initialize(((IMutableModel)migrated).FinalizeModel(), validationLogger: null);

        var differences = db.GetService<IMigrationsModelDiffer>()
            .GetDifferences(finalized.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());

        Assert.NotNull(services.GetService<UserManager<SgDesigner.Data.Accounts.SgUser>>());
        Assert.Empty(differences.Select(d => d.ToString()));
    }
}
