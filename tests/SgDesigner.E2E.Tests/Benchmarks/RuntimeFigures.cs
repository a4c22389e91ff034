using System.Runtime;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// What the runtime of this process (the app runs in it) did so far: time in the JIT (summed over threads, so it grows
/// with the machine's load), methods compiled, the collections' pauses and how many of each generation ran. The count
/// of methods and of collections hardly move with the load, unlike times.
/// </summary>
internal readonly record struct RuntimeFigures(double JitMs, long MethodsCompiled, double GcPausesMs, int Gen0, int Gen1, int Gen2)
{
    public static RuntimeFigures Now() => new(JitInfo.GetCompilationTime().TotalMilliseconds, JitInfo.GetCompiledMethodCount(),
        GC.GetTotalPauseDuration().TotalMilliseconds, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>What it did between <paramref name="before"/> and now.</summary>
    public static RuntimeFigures Since(RuntimeFigures before)
    {
        var now = Now();
        return new(now.JitMs - before.JitMs, now.MethodsCompiled - before.MethodsCompiled, now.GcPausesMs - before.GcPausesMs,
            now.Gen0 - before.Gen0, now.Gen1 - before.Gen1, now.Gen2 - before.Gen2);
    }

    /// <summary>The figures as named lines for a benchmark's report, each name prefixed with <paramref name="what"/>.</summary>
    public IEnumerable<(string Name, double Value)> Lines(string what) =>
    [
        ($"{what}: JIT ms (summed over threads)", JitMs),
        ($"{what}: methods compiled", MethodsCompiled),
        ($"{what}: GC pauses ms", GcPausesMs),
        ($"{what}: collections of generation 0", Gen0),
        ($"{what}: collections of generation 1", Gen1),
        ($"{what}: collections of generation 2 (full)", Gen2),
    ];
}
