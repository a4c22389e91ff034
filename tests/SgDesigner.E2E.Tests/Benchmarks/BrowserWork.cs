using Microsoft.Playwright;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// What the page's renderer process did (Chromium's own counters over the DevTools protocol: its tasks, scripts, style
/// recalculations and layouts, in ms, and the DOM's size). On a machine whose cores the browser shares with the app, an
/// arrival's wall time is both processes' work: this is the browser's half.
/// </summary>
internal sealed class BrowserWork
{
    private static readonly string[] Durations = ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration"];
    private readonly ICDPSession _session;
    private readonly Dictionary<string, double> _start;

    private readonly List<string> _large = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private long _received;
    private long _frames;

    private BrowserWork(IPage page, ICDPSession session, Dictionary<string, double> start)
    {
        (_session, _start) = (session, start);
        // The circuit's messages to the page: render batches, JS calls.
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            var size = frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? "");
            Interlocked.Add(ref _received, size);
            Interlocked.Increment(ref _frames);
            if (size >= 10 * 1024)
                lock (_large)
                    _large.Add($"{_clock.ElapsedMilliseconds}: {size / 1024:N0}");
        };
    }

    /// <summary>Starts counting for a page not yet navigated.</summary>
    public static async Task<BrowserWork> StartAsync(IPage page)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("Performance.enable");
        return new BrowserWork(page, session, await MetricsAsync(session));
    }

    // The renderer's counters are its process's since it started, which other pages of the site may share.
    private static async Task<Dictionary<string, double>> MetricsAsync(ICDPSession session)
    {
        var reply = await session.SendAsync("Performance.getMetrics");
        return reply!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
    }

    /// <summary>The messages of 10 KB or more (render batches, mostly): ms since the counting began (just before the navigation), KB.</summary>
    public string LargeMessages()
    {
        lock (_large)
            return string.Join("; ", _large);
    }

    /// <summary>The counters since the start, as the benchmark's lines.</summary>
    public async Task<IEnumerable<(string Name, double Value)>> LinesAsync(string label)
    {
        var metrics = await MetricsAsync(_session);
        var lines = Durations.Where(metrics.ContainsKey)
            .Select(d => ($"{label}: the browser's {d} ms", (metrics[d] - _start.GetValueOrDefault(d)) * 1000)).ToList();
        lines.Add(($"{label}: bytes the page received over its WebSocket", Interlocked.Read(ref _received)));
        lines.Add(($"{label}: messages the page received over its WebSocket", Interlocked.Read(ref _frames)));
        if (metrics.TryGetValue("Nodes", out var nodes))
            lines.Add(($"{label}: the browser's DOM nodes", nodes));
        return lines;
    }
}
