using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Matrix;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// Once the server listens, runs what opening a draft runs on a small synthetic estate with network ACLs (the draft
/// queries, the engine, the matrix's opening table, the lint), so that the first person to open a large draft after a
/// start does not also wait for that code to be compiled (about a second of CPU on two cores). <c>/healthz</c> shows it
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

    /// <summary>Completes with how long the warm-up took once it is over (failed or not).</summary>
    public Task<TimeSpan> Done => _done.Task;

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
            await services.GetRequiredService<PolicyStore>().WarmUpAsync(stoppingToken);
            await Task.Run(() => WarmUpEngine(stoppingToken), stoppingToken);
            LogDone(log, clock.ElapsedMilliseconds);
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

    private static void WarmUpEngine(CancellationToken ct)
    {
        var estate = EstateGenerator.Generate(Estate);
        var engine = ReachabilityEngine.Build(estate);
        ct.ThrowIfCancellationRequested();
        var grid = MatrixGrid.Of(engine);
        grid.Aggregated(grid.CoarsestLevel, "", grid.InstanceEnis, null, AggregatedMatrixTable.MaxShown);
        ct.ThrowIfCancellationRequested();
        Linter.Lint(estate, engine, new LintOptions(DateOnly.FromDateTime(DateTime.UtcNow), RequireJustification: false));
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!Done.IsCompleted
            ? HealthCheckResult.Degraded("compiling the engine's code on a synthetic estate; the first large draft opened now waits for it")
            : _failure is null ? HealthCheckResult.Healthy($"done in {Done.Result.TotalMilliseconds:F0} ms")
            // The app works without it: only the first draft opened is slower, so the report stays healthy and says why.
            : HealthCheckResult.Healthy($"failed after {Done.Result.TotalMilliseconds:F0} ms ({QuotedValue.Of(_failure)}): the first draft opened compiles the code instead"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up done in {Milliseconds} ms: the engine's and the draft reads' code is compiled")]
    private static partial void LogDone(ILogger logger, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up failed; the first draft opened will compile the code instead")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
