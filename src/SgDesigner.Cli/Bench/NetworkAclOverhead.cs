using System.Diagnostics;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Cli.Bench;

/// <summary>
/// What the network ACLs cost (<c>sgd bench --network-acls</c>): the same estate with and without its ACLs, timed in
/// alternate rounds in one process. Two separate runs on a shared machine differ by more than the ACLs do; rounds side by
/// side see the same machine, and the ratio of each round is kept.
/// </summary>
/// <param name="Rounds">Rounds of each pair of measurements.</param>
/// <param name="MatrixCpuMs">The all-pairs matrix's CPU time (every cell read), medians without and with the ACLs.</param>
/// <param name="PointQueryUs">A point query's mean over the same queries (the fastest of three passes), medians without and with.</param>
/// <param name="BatchMs">The same JSON-line batch answered, medians without and with.</param>
/// <param name="MatrixCpuRatio">With / without, median of the rounds' ratios.</param>
/// <param name="PointQueryRatio">With / without, median of the rounds' ratios.</param>
/// <param name="BatchRatio">With / without, median of the rounds' ratios.</param>
internal sealed record NetworkAclOverhead(
    int Rounds,
    (double Without, double With) MatrixCpuMs,
    (double Without, double With) PointQueryUs,
    (double Without, double With) BatchMs,
    double MatrixCpuRatio,
    double PointQueryRatio,
    double BatchRatio)
{
    /// <summary>Times <paramref name="withAcls"/> against itself without ACLs, <paramref name="rounds"/> times each, alternating.</summary>
    public static NetworkAclOverhead Measure(Estate withAcls, (Endpoint From, Endpoint To, Traffic Traffic)[] queries, string batch, int rounds)
    {
        var without = withAcls with { NetworkAcls = [] };
        var plainEngine = ReachabilityEngine.Build(without);
        var aclEngine = ReachabilityEngine.Build(withAcls);
        var matrix = new Pairs();
        var point = new Pairs();
        var lines = new Pairs();
        for (var round = 0; round < rounds; round++)
        {
            // Which goes first alternates too: the second of a pair runs on a heap the first left.
            var order = round % 2 == 0 ? new[] { false, true } : [true, false];
            foreach (var acls in order)
            {
                var estate = acls ? withAcls : without;
                var engine = acls ? aclEngine : plainEngine;
                matrix.Add(acls, MatrixCpu(estate));
                point.Add(acls, PointQueries(engine, queries));
                lines.Add(acls, Batch(engine, batch));
            }
        }
        return new NetworkAclOverhead(rounds, matrix.Medians, point.Medians, lines.Medians, matrix.Ratio, point.Ratio, lines.Ratio);
    }

    private static double MatrixCpu(Estate estate)
    {
        BenchRunner.Settle();
        var cpu = BenchRunner.ProcessCpu();
        var engine = ReachabilityEngine.Build(estate);
        _ = engine.Matrix().Cells.LongCount();
        return (BenchRunner.ProcessCpu() - cpu).TotalMilliseconds;
    }

    // The fastest of three passes over the queries: a pass lasts tens of milliseconds, and one preempted pass on a shared
    // machine would decide the round.
    private static double PointQueries(ReachabilityEngine engine, (Endpoint From, Endpoint To, Traffic Traffic)[] queries)
    {
        BenchRunner.Settle();
        var best = double.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var t = Stopwatch.GetTimestamp();
            foreach (var (from, to, traffic) in queries)
                engine.Query(from, to, traffic);
            best = Math.Min(best, Stopwatch.GetElapsedTime(t).TotalMicroseconds / Math.Max(1, queries.Length));
        }
        return best;
    }

    private static double Batch(ReachabilityEngine engine, string batch)
    {
        BenchRunner.Settle();
        var t = Stopwatch.GetTimestamp();
        var bytes = 0L;
        foreach (var answer in ReachBatch.Answer(engine, ReachBatch.Lines(batch)))
            bytes += answer.Json.Length;
        GC.KeepAlive(bytes);
        return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }

    // One measurement's rounds: without and with, in pairs.
    private sealed class Pairs
    {
        private readonly List<double> _without = [];
        private readonly List<double> _with = [];

        public void Add(bool acls, double value) => (acls ? _with : _without).Add(value);

        public (double Without, double With) Medians => (BenchRunner.Median(_without), BenchRunner.Median(_with));

        public double Ratio => BenchRunner.Median([.. _with.Zip(_without, (w, o) => o > 0 ? w / o : 0)]);
    }
}
