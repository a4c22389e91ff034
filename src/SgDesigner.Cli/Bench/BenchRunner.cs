using System.Diagnostics;
using System.Globalization;
using System.Text;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Cli.Bench;

/// <summary>
/// Times the engine on a synthetic estate, all in one process: index build, all-pairs matrix, point
/// queries, single-rule incremental updates, the naive reference evaluator, and peak memory.
/// </summary>
internal static class BenchRunner
{
    internal const int PointQueries = 20_000;
    private const int BatchQueries = 100_000;
    private const int AclOverheadRounds = 5;

    /// <summary>Runs every measurement; the naive evaluator gets <paramref name="naiveBudget"/> for random pairs, then is scaled.</summary>
    public static BenchResult Run(EstateGeneratorOptions options, TimeSpan naiveBudget, Action<string> progress)
    {
        var clock = Stopwatch.StartNew();
        var estate = EstateGenerator.Generate(options);
        var generateMs = clock.Elapsed.TotalMilliseconds;
        progress($"generated {estate.Instances.Length:N0} instances, {estate.NetworkInterfaces.Length:N0} ENIs in {generateMs:F0} ms");

        // Build and matrix: repeated while cheap (a fresh engine each time, since the matrix is cached).
        var indexTimes = new List<double>();
        var matrixTimes = new List<double>();
        var factoredTimes = new List<double>();
        var matrixCpuTimes = new List<double>();
        var cells = 0L;
        ReachabilityEngine engine;
        ReachabilityMatrix matrix;
        do
        {
            Settle();
            var t = Stopwatch.GetTimestamp();
            engine = ReachabilityEngine.Build(estate);
            indexTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            // All pairs means every cell computed: the engine keeps the matrix factored and computes a
            // cell when it is read, so the time includes reading every cell, as 'sgd matrix' does.
            t = Stopwatch.GetTimestamp();
            var cpu = ProcessCpu();
            matrix = engine.Matrix();
            factoredTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            cells = matrix.Cells.LongCount();
            matrixTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            matrixCpuTimes.Add((ProcessCpu() - cpu).TotalMilliseconds);
        }
        while (indexTimes.Count < 5 && indexTimes.Sum() + matrixTimes.Sum() < 3_000);
        progress($"index {Median(indexTimes):F1} ms, matrix {Median(matrixTimes):F1} ms, {Median(matrixCpuTimes):F1} ms CPU ({Median(factoredTimes):F1} ms before reading {cells:N0} cells; {indexTimes.Count} repetitions)");

        var random = new Random(options.Seed);
        var pointUs = PointQueryMedian(engine, estate, random);
        progress($"point query {pointUs:F2} µs");

        var batch = Batch(engine, estate, random, naiveBudget);
        progress($"batch of {batch.Queries:N0} queries {batch.Ms:F0} ms (naive {batch.NaiveMs:F0} ms: {batch.NaiveNote})");

        NetworkAclOverhead? overhead = null;
        if (options.NetworkAcls)
        {
            overhead = NetworkAclOverhead.Measure(estate, RandomQueries(estate, random, PointQueries), BatchText(estate, random), AclOverheadRounds);
            progress($"network ACLs over {overhead.Rounds} alternate rounds: matrix CPU {overhead.MatrixCpuRatio:F2}×, point query {overhead.PointQueryRatio:F2}×, batch {overhead.BatchRatio:F2}× the time without them");
        }

        // Five edits of each kind when an update is cheap; fewer when each one recomputes for seconds.
        var editsPerKind = Median(matrixTimes) < 1_000 ? 5 : Median(matrixTimes) < 10_000 ? 3 : 1;
        var (add, change, remove) = IncrementalMedians(engine, estate, random, editsPerKind);
        progress($"incremental add {add:F1} ms, change {change:F1} ms, remove {remove:F1} ms");

        var (naiveMs, naiveNote) = NaiveMatrix(estate, random, naiveBudget);
        progress($"naive matrix {naiveMs:F0} ms ({naiveNote})");

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new BenchResult(
            estate.Instances.Length, estate.Groups.Length, estate.Groups.Sum(g => g.Rules.Length), estate.NetworkInterfaces.Length,
            ClassCount(matrix), cells, options.Seed, generateMs, Median(indexTimes), Median(matrixTimes), Median(factoredTimes), naiveMs, naiveNote, pointUs,
            Median([add, change, remove]), add, change, remove, process.PeakWorkingSet64 / (1024.0 * 1024.0), indexTimes.Count)
        {
            MatrixCpuMs = Median(matrixCpuTimes),
            BatchQueries = batch.Queries,
            BatchMs = batch.Ms,
            NaiveBatchMs = batch.NaiveMs,
            NaiveBatchNote = batch.NaiveNote,
            NetworkAclOverhead = overhead,
        };
    }

    // User and system time of every thread of this process so far.
    internal static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Random point queries between ENIs (none when there are fewer than two).</summary>
    internal static (Endpoint From, Endpoint To, Traffic Traffic)[] RandomQueries(Estate estate, Random random, int count)
    {
        var enis = estate.NetworkInterfaces.Where(e => e.PrimaryIp is not null).ToArray();
        if (enis.Length < 2)
            return [];
        var queries = new (Endpoint From, Endpoint To, Traffic Traffic)[count];
        for (var i = 0; i < queries.Length; i++)
        {
            var a = enis[random.Next(enis.Length)];
            var b = enis[random.Next(enis.Length)];
            queries[i] = (new EniEndpoint(a.Id, a.PrimaryIp!.Value), new EniEndpoint(b.Id, b.PrimaryIp!.Value), RandomTraffic(random));
        }
        return queries;
    }

    private static double PointQueryMedian(ReachabilityEngine engine, Estate estate, Random random)
    {
        var queries = RandomQueries(estate, random, PointQueries);
        if (queries.Length == 0)
            return 0;
        // Warm up the JIT and caches, then time each query on its own.
        foreach (var q in queries.Take(1_000))
            engine.Query(q.From, q.To, q.Traffic);
        var times = new double[queries.Length];
        for (var i = 0; i < queries.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            engine.Query(queries[i].From, queries[i].To, queries[i].Traffic);
            times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }
        return Median(times);
    }

    // 'sgd reach --batch' without the file and the policy: JSON lines in, JSON lines out, endpoints named as users name
    // them (instance ids, ENI ids, private IPs, an outside address). The naive evaluator answers a sample, scaled.
    private static (int Queries, double Ms, double NaiveMs, string NaiveNote) Batch(ReachabilityEngine engine, Estate estate, Random random, TimeSpan naiveBudget)
    {
        var text = BatchText(estate, random);
        if (text.Length == 0)
            return (0, 0, 0, "no pairs");
        Settle();
        var t = Stopwatch.GetTimestamp();
        var bytes = 0L;
        foreach (var answer in ReachBatch.Answer(engine, ReachBatch.Lines(text)))
            bytes += answer.Json.Length + 1;
        var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

        // The naive evaluator on the same queries, resolved the same way, for a share of the budget.
        var queries = ReachBatch.Lines(text).Select(q => BatchLine.Parse(q.Json, out _)?.Resolve(estate, ReachFieldNames.Json, out _))
            .OfType<(Endpoint From, Endpoint To, Traffic Traffic)>().ToArray();
        var clock = Stopwatch.StartNew();
        var answered = 0;
        while (answered < queries.Length && (clock.Elapsed < naiveBudget / 3 || answered < 20))
        {
            NaiveEvaluator.Query(estate, queries[answered].From, queries[answered].To, queries[answered].Traffic);
            answered++;
        }
        var naiveMs = clock.Elapsed.TotalMilliseconds;
        return answered == queries.Length
            ? (BatchQueries, ms, naiveMs, $"all {queries.Length:N0} answerable queries evaluated")
            : (BatchQueries, ms, naiveMs / answered * queries.Length, $"{answered:N0} of {queries.Length:N0} answerable queries evaluated in {naiveMs:F0} ms and scaled");
    }

    /// <summary>
    /// JSON lines as <c>sgd reach --batch</c> reads them, endpoints named as users name them (instance ids, ENI ids,
    /// private IPs, an outside address); empty when there are fewer than two ENIs.
    /// </summary>
    internal static string BatchText(Estate estate, Random random)
    {
        var enis = estate.NetworkInterfaces.Where(e => e.PrimaryIp is not null).ToArray();
        if (enis.Length < 2)
            return "";
        var instances = estate.Instances;
        string Endpoint() => random.Next(8) switch
        {
            < 3 when instances.Length > 0 => instances[random.Next(instances.Length)].Id,
            < 5 => enis[random.Next(enis.Length)].Id,
            < 7 => enis[random.Next(enis.Length)].PrimaryIp!.Value.ToString(),
            _ => "203.0.113.7",
        };
        var lines = new StringBuilder();
        for (var i = 0; i < BatchQueries; i++)
        {
            var traffic = RandomTraffic(random);
            lines.Append(CultureInfo.InvariantCulture, $$"""{"from": "{{Endpoint()}}", "to": "{{Endpoint()}}", "protocol": "{{traffic.Protocol.AwsName}}" """);
            if (traffic.Protocol.HasPorts)
                lines.Append(CultureInfo.InvariantCulture, $", \"port\": {traffic.Port}");
            else if (traffic.Protocol.IsIcmp)
                lines.Append(CultureInfo.InvariantCulture, $", \"icmpType\": {traffic.IcmpType}, \"icmpCode\": {traffic.IcmpCode}");
            lines.Append("}\n");
        }
        return lines.ToString();
    }

    private static (double Add, double Change, double Remove) IncrementalMedians(ReachabilityEngine engine, Estate estate, Random random, int editsPerKind)
    {
        var groups = estate.Groups.Where(g => g.Rules.Length > 0).ToArray();
        if (groups.Length == 0)
            return (0, 0, 0);
        double Time(Func<SecurityGroup, SecurityGroup> edit)
        {
            var times = new List<double>();
            for (var i = 0; i < editsPerKind; i++)
            {
                var group = groups[random.Next(groups.Length)];
                var next = estate.WithGroup(edit(group));
                Settle();
                var t = Stopwatch.GetTimestamp();
                engine.Update(next).Matrix();
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            return Median(times);
        }
        var peers = estate.Groups.Select(g => g.Id).ToArray();
        var add = Time(g => g with
        {
            Rules = g.Rules.Add(new Rule($"sgr-bench-{random.Next():x}", Direction.Inbound, IpProtocol.Tcp, 9443, 9443,
                new GroupPeer(peers[random.Next(peers.Length)]), "bench: added")),
        });
        var change = Time(g =>
        {
            var i = random.Next(g.Rules.Length);
            var r = g.Rules[i];
            var changed = r.Protocol.HasPorts
                ? r with { FromPort = Math.Max(0, r.FromPort - 1), ToPort = Math.Min(65535, r.ToPort + 1) }
                : r with { Protocol = IpProtocol.Tcp, FromPort = 443, ToPort = 443 };
            return g with { Rules = g.Rules.SetItem(i, changed) };
        });
        var remove = Time(g => g with { Rules = g.Rules.RemoveAt(random.Next(g.Rules.Length)) });
        return (add, change, remove);
    }

    private static (double Ms, string Note) NaiveMatrix(Estate estate, Random random, TimeSpan budget)
    {
        var enis = estate.NetworkInterfaces;
        var pairs = (double)enis.Length * (enis.Length - 1);
        if (pairs == 0)
            return (0, "no pairs");
        Settle();
        var sampled = 0L;
        var clock = Stopwatch.StartNew();
        while (sampled < pairs && (clock.Elapsed < budget || sampled < 20))
        {
            var a = enis[random.Next(enis.Length)];
            var b = enis[random.Next(enis.Length)];
            if (a.Id == b.Id)
                continue;
            NaiveEvaluator.Between(estate, a, b);
            sampled++;
        }
        var ms = clock.Elapsed.TotalMilliseconds;
        return sampled >= pairs
            ? (ms, $"all {pairs:N0} ordered pairs evaluated")
            : (ms / sampled * pairs, $"{sampled:N0} random ordered pairs of {pairs:N0} evaluated in {ms:F0} ms and scaled to all pairs");
    }

    private static Traffic RandomTraffic(Random random) => random.Next(10) switch
    {
        < 6 => Traffic.Tcp(random.Next(3) == 0 ? 443 : random.Next(1, 65536)),
        < 8 => Traffic.Udp(random.Next(1, 65536)),
        8 => Traffic.Icmp(8, 0),
        _ => Traffic.Other(50),
    };

    private static int ClassCount(ReachabilityMatrix matrix) => matrix.ClassCount;

    internal static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    internal static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
