using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>One sample of an app process's memory.</summary>
/// <param name="Elapsed">Time since the sampling started.</param>
/// <param name="RssMb">Resident set size (<c>VmRSS</c> of /proc/&lt;pid&gt;/status), MB.</param>
/// <param name="GcHeapMb">The runtime's <c>gc-heap-size</c> counter, MB (NaN before the first counter event).</param>
/// <param name="GcCommittedMb">The runtime's <c>gc-committed</c> counter, MB.</param>
/// <param name="Requests">Requests answered so far.</param>
public sealed record MemorySample(TimeSpan Elapsed, double RssMb, double GcHeapMb, double GcCommittedMb, long Requests);

/// <summary>
/// Samples an app process's memory at an interval: its RSS from /proc, and its GC heap from the runtime's own
/// <c>System.Runtime</c> event counters, read over EventPipe (the diagnostics port every .NET process opens), as
/// <c>dotnet-counters</c> does.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _processId;
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _reading;
    private double _gcHeapMb = double.NaN, _gcCommittedMb = double.NaN;

    /// <summary>Starts listening to the counters of process <paramref name="processId"/>, published every <paramref name="counterInterval"/>.</summary>
    public MemorySampler(int processId, TimeSpan counterInterval)
    {
        _processId = processId;
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = counterInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture) });
        _session = new DiagnosticsClient(processId).StartEventPipeSession([provider], requestRundown: false);
        _source = new EventPipeEventSource(_session.EventStream);
        _source.Dynamic.All += Read;
        _reading = Task.Run(_source.Process);
    }

    private void Read(TraceEvent e)
    {
        if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer || outer["Payload"] is not IDictionary<string, object> counter)
            return;
        var value = Convert.ToDouble(counter.TryGetValue("Mean", out var mean) ? mean : counter["Increment"], CultureInfo.InvariantCulture);
        switch (counter["Name"] as string)
        {
            case "gc-heap-size":
                Volatile.Write(ref _gcHeapMb, value);
                break;
            case "gc-committed":
                Volatile.Write(ref _gcCommittedMb, value);
                break;
        }
    }

    /// <summary>Takes samples every <paramref name="interval"/> until <paramref name="ct"/> is cancelled.</summary>
    public async Task<List<MemorySample>> SampleAsync(TimeSpan interval, Func<long> requests, CancellationToken ct)
    {
        var samples = new List<MemorySample>();
        var started = DateTime.UtcNow;
        using var timer = new PeriodicTimer(interval);
        do
            samples.Add(new MemorySample(DateTime.UtcNow - started, RssMb(), Volatile.Read(ref _gcHeapMb), Volatile.Read(ref _gcCommittedMb), requests()));
        while (await Ticked(timer, ct));
        return samples;
    }

    private static async Task<bool> Ticked(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private double RssMb()
    {
        var line = File.ReadLines($"/proc/{_processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>
    /// The least-squares slope of <paramref name="value"/> over the samples from <paramref name="after"/> on, in MB per
    /// minute: flat memory has a slope near 0.
    /// </summary>
    public static double SlopePerMinute(IReadOnlyList<MemorySample> samples, TimeSpan after, Func<MemorySample, double> value)
    {
        var points = samples.Where(s => s.Elapsed >= after && !double.IsNaN(value(s))).Select(s => (X: s.Elapsed.TotalMinutes, Y: value(s))).ToList();
        if (points.Count < 2)
            return double.NaN;
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        return points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (ServerNotAvailableException)
        {
            // The app already stopped.
        }
        await _reading;
        _source.Dispose();
        _session.Dispose();
    }
}
