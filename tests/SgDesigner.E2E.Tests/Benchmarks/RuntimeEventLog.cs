using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// For finding what an arrival pays for (<c>SGD_BENCH_EVENTS=1</c>): the runtime's own events while it listens, one line
/// each: a method the JIT compiled (with its tier: 3 quick, 2 optimized, 4 tier 1), a collection started (its generation
/// and reason: 0 small allocations, 4 the large-object heap's budget) and a sample of the large-object heap's
/// allocations (about one per 100 KB, with the type).
/// </summary>
internal sealed class RuntimeEventLog : EventListener
{
    private const EventKeywords GcAndJit = (EventKeywords)0x11;
    private readonly ConcurrentQueue<string> _lines = new();
    private volatile bool _on = true;

    /// <summary>Starts listening; a <c>start</c> line (and an <c>end</c> line when written) gives the time in Unix seconds, to match a <c>perf record -k realtime</c>.</summary>
    public RuntimeEventLog() => _lines.Enqueue($"start\t{Now()}");

    private static string Now() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, GcAndJit);
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventName is not { } name || e.Payload is null || e.PayloadNames is null)
            return;
        string Field(string field) => e.PayloadNames.IndexOf(field) is var i and >= 0 ? Convert.ToString(e.Payload[i], CultureInfo.InvariantCulture) ?? "" : "";
        if (name.StartsWith("MethodLoadVerbose", StringComparison.Ordinal))
            _lines.Enqueue($"jit\t{(uint.Parse(Field("MethodFlags"), CultureInfo.InvariantCulture) >> 7) & 7}\t{Field("MethodNamespace")}::{Field("MethodName")}");
        else if (name.StartsWith("GCStart", StringComparison.Ordinal))
            _lines.Enqueue($"gc\t{DateTime.UtcNow:HH:mm:ss.fff}\tgeneration {Field("Depth")}, reason {Field("Reason")}, type {Field("Type")}");
        else if (name.StartsWith("GCAllocationTick", StringComparison.Ordinal) && Field("AllocationKind") == "1")
            _lines.Enqueue($"loh\t{Field("TypeName")}");
    }

    /// <summary>Stops listening and writes what it heard.</summary>
    public void Write(string path)
    {
        _on = false;
        _lines.Enqueue($"end\t{Now()}");
        File.WriteAllLines(path, _lines);
    }
}
