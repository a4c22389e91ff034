using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SgDesigner.Core.Synthetic;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// Once the server listens, runs what opening a draft runs on a small synthetic estate with network ACLs (the draft
/// queries, the engine, the matrix's opening table, the lint, then the first render of the designer's components:
/// <see cref="DesignerWarmUp"/>), so that the first person to open a large draft after a start does not also wait for
/// that code to be compiled (about 1.5 s of CPU on two cores). <c>/healthz</c> shows it
/// as the check <c>warm-up</c>: Degraded (still 200) while it runs, Healthy once done. <c>WarmUp:Enabled</c> false
/// turns it off (the test suites' apps do).
/// </summary>
public sealed partial class StartupWarmUp(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<StartupWarmUp> log)
    : BackgroundService, IHealthCheck
{
    /// <summary>The setting that turns the warm-up off.</summary>
    public const string EnabledSetting = "WarmUp:Enabled";

    /// <summary>The name of its entry in <c>/healthz</c>.</summary>
    public const string CheckName = "warm-up";

    // Large enough that the engine takes its parallel paths; small enough to cost well under a second once compiled.
    private static readonly EstateGeneratorOptions Estate = new(600, 60, 1_200) { NetworkAcls = true };
    private readonly TaskCompletionSource<TimeSpan> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _failure;
    private volatile Rendered _rendered = new(0, new HashSet<Type>());

    /// <summary>Completes with how long the warm-up took once it is over (failed or not).</summary>
    public Task<TimeSpan> Done => _done.Task;

    /// <summary>How many components the designer's render created (0 until it is over, or when it failed).</summary>
    public int RenderedComponents => _rendered.Count;

    /// <summary>How many of the circuit's first requests (<see cref="CircuitEndpointsWarmUp"/>) the server answered.</summary>
    public int CircuitRequests { get; private set; }

    /// <summary>The types of the components the designer's render created: for tests.</summary>
    internal IReadOnlySet<Type> RenderedTypes => _rendered.Types;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After the server listens: the warm-up must never delay the start.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                _done.TrySetResult(TimeSpan.Zero);
                return;
            }
        }
        var clock = Stopwatch.StartNew();
        try
        {
            var estate = EstateGenerator.Generate(Estate);
            await services.GetRequiredService<PolicyStore>().WarmUpAsync(estate, stoppingToken);
            await DesignerQueriesAsync(services, stoppingToken);
            // Off the thread that runs the hosted services: all of it is CPU work.
            var rendered = await Task.Run(() => DesignerWarmUp.RunAsync(services, estate, stoppingToken), stoppingToken);
            _rendered = new Rendered(rendered.Count, rendered.Types);
            CircuitRequests = await CircuitEndpointsWarmUp.RunAsync(services.GetRequiredService<IServer>(), stoppingToken);
            LogDone(log, clock.ElapsedMilliseconds, rendered.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Only the first user's wait is at stake: the app works without it.
            _failure = e.Message;
            LogFailed(log, e);
        }
        finally
        {
            _done.TrySetResult(clock.Elapsed);
        }
    }

    // The queries a designer page's load runs besides the draft's reads (its access checks and the policy's settings),
    // asked about ids nothing has: each query's first run is compiled by EF Core (tens of ms each), and reads nothing here.
    private static async Task DesignerQueriesAsync(IServiceProvider services, CancellationToken ct)
    {
        var access = services.GetRequiredService<PolicyAccess>();
        await access.DraftRefusalAsync(Guid.Empty, PolicyAction.View, Guid.Empty, null, ct);
        await access.RoleAsync(Guid.Empty, Guid.Empty, ct);
        await access.RefusalAsync(Guid.Empty, PolicyAction.Edit, Guid.Empty, null, ct);
        await access.MayAsync(Guid.Empty, PolicyAction.Edit, Guid.Empty, null, ct);
        await services.GetRequiredService<PolicySettingsStore>().GetAsync(Guid.Empty, ct);
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!Done.IsCompleted
            ? HealthCheckResult.Degraded("compiling the engine's and the designer's code on a synthetic estate; the first large draft opened now waits for it")
            : _failure is null ? HealthCheckResult.Healthy($"done in {Done.Result.TotalMilliseconds:F0} ms, the designer's {RenderedComponents} components rendered, "
                + $"{CircuitRequests} of the circuit's {CircuitEndpointsWarmUp.Requests.Length} first requests answered")
            // The app works without it: only the first draft opened is slower, so the report stays healthy and says why.
            : HealthCheckResult.Healthy($"failed after {Done.Result.TotalMilliseconds:F0} ms ({QuotedValue.Of(_failure)}): the first draft opened compiles the code instead"));

    // Set once, read by the health check and tests: one reference, so they see the count and the types together.
    private sealed record Rendered(int Count, IReadOnlySet<Type> Types);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up done in {Milliseconds} ms: the engine's, the draft reads' and the designer's {Components} components' code is compiled")]
    private static partial void LogDone(ILogger logger, long milliseconds, int components);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up failed; the first draft opened will compile the code instead")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
