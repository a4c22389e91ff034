using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// Where the app's circuit spends its time, from Blazor's own metrics (.NET 10: the <c>Microsoft.AspNetCore.Components*</c>
/// meters: event handlers by component and method, parameter updates by component, render batches), which the app in
/// this process records once something listens. .NET 10 names the component only on parameter updates that complete
/// asynchronously; the synchronous ones (most) come without a type and are summed under the instrument's name alone, so the
/// total count per edit is the load-independent figure. Sums per instrument, component and method between two
/// <see cref="Take"/>s, so the benchmark can say how much of an edit was the handler, the render or neither (the wire, the browser).
/// </summary>
internal sealed class ComponentTimes : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, (int Count, double Ms, double MaxMs)> _sums = new();

    public ComponentTimes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal) && instrument.Unit == "s")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            string? type = null, method = null;
            foreach (var tag in tags)
            {
                // .NET 10 names them "component.type" and "component.method" (earlier previews "aspnetcore.components.type").
                if (tag.Key.EndsWith("component.type", StringComparison.Ordinal) || tag.Key.EndsWith("components.type", StringComparison.Ordinal))
                    type = tag.Value?.ToString();
                else if (tag.Key.EndsWith("component.method", StringComparison.Ordinal) || tag.Key.EndsWith("components.method", StringComparison.Ordinal))
                    method = tag.Value?.ToString();
            }
            var key = string.Join(' ', new[] { instrument.Name, ShortName(type), method }.Where(p => p is not null));
            var ms = seconds * 1000;
            _sums.AddOrUpdate(key, (1, ms, ms), (_, s) => (s.Count + 1, s.Ms + ms, Math.Max(s.MaxMs, ms)));
        });
        _listener.Start();
    }

    /// <summary>The sums since the last take, largest first, and a fresh start.</summary>
    public List<(string Name, int Count, double Ms, double MaxMs)> Take()
    {
        var taken = _sums.ToArray();
        _sums.Clear();
        return [.. taken.Select(p => (p.Key, p.Value.Count, p.Value.Ms, p.Value.MaxMs)).OrderByDescending(p => p.Ms)];
    }

    // "MudBlazor.MudTextField`1[[System.String, ...]]" as "MudTextField`1".
    private static string? ShortName(string? type) => type?.Split('[')[0].Split('.')[^1];

    public void Dispose() => _listener.Dispose();
}
