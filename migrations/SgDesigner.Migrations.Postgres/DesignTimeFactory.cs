using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SgDesigner.Data;
using SgDesigner.Data.Hosting;

namespace SgDesigner.Migrations.Postgres;

/// <summary>
/// Lets <c>dotnet ef</c> build the context for PostgreSQL migrations without the web app. Generating a
/// migration needs no server; <c>database update</c> uses <c>ConnectionStrings__Policies</c> when set.
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SgDbContext>
{
    public SgDbContext CreateDbContext(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Policies")
            ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=sgdesigner";
        var options = new DbContextOptionsBuilder<SgDbContext>();
        PolicyStorageExtensions.Configure(options, StorageProvider.Postgres, connection);
        return new SgDbContext(options.Options);
    }
}
