using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Hosting;

/// <summary>
/// Start-up step: applies pending migrations (saying so in the log) and seeds the demo policy into an empty
/// database, so the first page shows something real. It runs in the "starting" phase, before any hosted service's
/// start (data protection loads its key ring from the database then) and before Kestrel accepts requests.
/// </summary>
internal sealed class StorageInitializer(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => services.MigrateAndSeedAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Migration and seeding, callable from start-up code and tests.</summary>
public static class StorageStartup
{
    /// <summary>The name of the policy seeded into an empty database.</summary>
    public const string DemoPolicyName = "Demo: three-tier web application";

    /// <summary>Applies pending migrations, then seeds the demo policy when there are no policies.</summary>
    public static async Task MigrateAndSeedAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var settings = services.GetRequiredService<StorageSettings>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SgDesigner.Data.Storage");
        var contexts = services.GetRequiredService<IDbContextFactory<SgDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} pending migration(s) to the {Provider} database {Target}: {Migrations}",
                    pending.Count, settings.Provider, settings.DisplayTarget, string.Join(", ", pending));
                await db.Database.MigrateAsync(ct);
            }
            else
            {
                logger.LogInformation("The {Provider} database {Target} is up to date", settings.Provider, settings.DisplayTarget);
            }
        }
        if (!settings.SeedDemo)
            return;
        var store = services.GetRequiredService<PolicyStore>();
        if ((await store.ListPoliciesAsync(ct)).Count > 0)
            return;
        var created = await store.CreatePolicyAsync(
            DemoPolicyName, "A load balancer, web, app and database tiers chained by group references, and a bastion.",
            DemoEstate.Build(), AuditActor.System, ct);
        if (created.IsOk)
            logger.LogInformation("Seeded the demo policy '{Name}'", DemoPolicyName);
        else
            logger.LogError("Could not seed the demo policy: {Problem}", created.Failure!.Message);
    }
}
