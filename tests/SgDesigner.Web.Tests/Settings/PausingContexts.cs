using Microsoft.EntityFrameworkCore;
using SgDesigner.Data;
using SgDesigner.Data.Review;
using SgDesigner.Data.Settings;

namespace SgDesigner.Web.Tests.Settings;

/// <summary>
/// The app's database contexts, handed out one by one: before the <c>pauseAt</c>-th, <c>meanwhile</c> runs to its end.
/// A write that opens a context per store access can so be interrupted between two of them, deterministically.
/// </summary>
internal sealed class PausingContexts(IDbContextFactory<SgDbContext> contexts, int pauseAt, Func<Task> meanwhile) : IDbContextFactory<SgDbContext>
{
    private int _handedOut;

    /// <summary>Whether the pause was reached (the write asked for at least <c>pauseAt</c> contexts).</summary>
    public bool Paused { get; private set; }

    public SgDbContext CreateDbContext() =>
        throw new InvalidOperationException("the settings' stores open their contexts asynchronously");

    public async Task<SgDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        if (++_handedOut == pauseAt)
        {
            Paused = true;
            await meanwhile();
        }
        return await contexts.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>
    /// The app's services, except that the settings' and the review stores (made on demand) open their contexts
    /// through <paramref name="paused"/>: what <see cref="Microsoft.Extensions.DependencyInjection.ActivatorUtilities"/>
    /// builds an editor from.
    /// </summary>
    public static IServiceProvider Around(IServiceProvider app, PausingContexts paused) => new Services(app, paused);

    private sealed class Services(IServiceProvider app, PausingContexts paused) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IDbContextFactory<SgDbContext>) ? paused
            : serviceType == typeof(PolicySettingsStore) || serviceType == typeof(ReviewStore)
                ? Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(this, serviceType)
            : app.GetService(serviceType);
    }
}
