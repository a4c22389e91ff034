using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SgDesigner.Data;
using SgDesigner.Data.Hosting;

namespace SgDesigner.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the context for SQLite migrations without the web app.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SgDbContext>
{
    public SgDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SgDbContext>();
        PolicyStorageExtensions.Configure(options, StorageProvider.Sqlite, "Data Source=design-time.db");
        return new SgDbContext(options.Options);
    }
}
