using System.Diagnostics;
using System.Globalization;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// A long benchmark run as named steps, each with a time limit: a step that does not finish in time fails the run
/// with its name, instead of the run waiting for ever with nothing printed (a promise the page never resolves, a row
/// lock, a circuit that stopped answering). Every start and end is written at once to the test output (live with
/// <c>-showLiveOutput</c>) and appended to a progress file, which can be read while the run goes on, or after it was killed.
/// </summary>
internal sealed class BenchmarkSteps(string progressFile)
{
    private readonly Stopwatch _run = Stopwatch.StartNew();

    /// <summary>The file the progress lines go to.</summary>
    public string ProgressFile { get; } = progressFile;

    /// <summary>Runs <paramref name="step"/>; the token it gets is cancelled at the limit, and the step is given up on then even if it ignores the token.</summary>
    public async Task<T> RunAsync<T>(string name, TimeSpan limit, Func<CancellationToken, Task<T>> step)
    {
        Write($"{name}: started (limit {limit.TotalSeconds:0} s)");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await step(timeout.Token).WaitAsync(limit, TestContext.Current.CancellationToken);
            Write($"{name}: done in {clock.Elapsed.TotalSeconds:0.0} s");
            return result;
        }
        catch (Exception e) when ((timeout.IsCancellationRequested || clock.Elapsed >= limit) && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Write($"{name}: TIMED OUT after {clock.Elapsed.TotalSeconds:0.0} s ({e.GetType().Name})");
            throw new TimeoutException($"benchmark step '{name}' did not finish within {limit.TotalSeconds:0} s", e);
        }
        catch (Exception e)
        {
            Write($"{name}: failed after {clock.Elapsed.TotalSeconds:0.0} s: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            throw;
        }
    }

    /// <inheritdoc cref="RunAsync{T}(string, TimeSpan, Func{CancellationToken, Task{T}})"/>
    public Task RunAsync(string name, TimeSpan limit, Func<CancellationToken, Task> step) =>
        RunAsync(name, limit, async ct =>
        {
            await step(ct);
            return true;
        });

    /// <summary>A synchronous step (CPU work) on the thread pool, so that its limit can be kept.</summary>
    public Task<T> Run<T>(string name, TimeSpan limit, Func<T> step) =>
        RunAsync(name, limit, ct => Task.Run(step, ct));

    /// <summary>A progress line with the time since the run began and the machine's load.</summary>
    public void Write(string line)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        var text = string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss} +{_run.Elapsed.TotalSeconds:0}s load {load}] {line}");
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        File.AppendAllLines(ProgressFile, [text]);
    }
}
