using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>One request a load worker makes; it answers the status (and keeps whatever state it needs, such as a version).</summary>
public delegate Task<HttpStatusCode> LoadStep(CancellationToken ct);

/// <summary>
/// Closed-loop load: <c>N</c> workers each send their next request as soon as the last one answered (or, paced, at most
/// one per interval). Every answer's latency and status is kept once the warm-up is over; every status outside 2xx and
/// every failed request (status 0: no answer) is an error.
/// </summary>
public sealed class LoadGenerator(IReadOnlyList<LoadStep> workers, TimeSpan warmUp, TimeSpan duration, TimeSpan? pace = null)
{
    private long _completed;

    /// <summary>Requests answered so far, warm-up included.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Runs the workers through the warm-up and the measured time and returns the figures of the measured time.</summary>
    public async Task<LoadFigures> RunAsync(string name, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var measuredFrom = warmUp;
        var end = warmUp + duration;
        var results = await Task.WhenAll(workers.Select(w => Task.Run(() => WorkAsync(w, clock, measuredFrom, end, ct), ct)));
        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var errors = results.SelectMany(r => r.Errors).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        return new LoadFigures(name, workers.Count, duration, latencies.Length, latencies.Length / duration.TotalSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), errors);
    }

    private async Task<(List<double> Latencies, List<int> Errors)> WorkAsync(LoadStep step, Stopwatch clock, TimeSpan measuredFrom, TimeSpan end, CancellationToken ct)
    {
        var latencies = new List<double>();
        var errors = new List<int>();
        using var timer = pace is { } interval ? new PeriodicTimer(interval) : null;
        while (clock.Elapsed < end)
        {
            if (timer is not null)
                await timer.WaitForNextTickAsync(ct);
            var started = clock.Elapsed;
            int status;
            try
            {
                status = (int)await step(ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                status = 0;
            }
            var finished = clock.Elapsed;
            Interlocked.Increment(ref _completed);
            if (started < measuredFrom || finished > end)
                continue;
            latencies.Add((finished - started).TotalMilliseconds);
            if (status is < 200 or > 299)
                errors.Add(status);
        }
        return (latencies, errors);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>What one load run measured.</summary>
/// <param name="Name">What was loaded, through what.</param>
/// <param name="Workers">Concurrent workers.</param>
/// <param name="Duration">The measured time (after the warm-up).</param>
/// <param name="Requests">Requests answered in the measured time.</param>
/// <param name="PerSecond">Requests answered per second.</param>
/// <param name="P50">Median latency in milliseconds.</param>
/// <param name="P95">95th percentile latency in milliseconds.</param>
/// <param name="P99">99th percentile latency in milliseconds.</param>
/// <param name="Errors">Non-2xx answers by status (0: no answer).</param>
public sealed record LoadFigures(
    string Name, int Workers, TimeSpan Duration, int Requests, double PerSecond, double P50, double P95, double P99, IReadOnlyDictionary<int, int> Errors)
{
    /// <summary>Every non-2xx answer.</summary>
    public int ErrorCount => Errors.Values.Sum();

    /// <summary>A table row: name, workers, requests, req/s, p50, p95, p99, errors (by status).</summary>
    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Workers} | {Requests} | {PerSecond:0} | {P50:0.0} | {P95:0.0} | {P99:0.0} | {ErrorCount}{(ErrorCount == 0 ? "" : " (" + string.Join(", ", Errors.Select(e => $"{e.Key}×{e.Value}")) + ")")} |");

    /// <summary>The header of <see cref="Row"/>'s table.</summary>
    public const string Header = "| load | workers | requests | req/s | p50 ms | p95 ms | p99 ms | errors |\n|---|---|---|---|---|---|---|---|";
}
