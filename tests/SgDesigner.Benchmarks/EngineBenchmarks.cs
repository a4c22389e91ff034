using BenchmarkDotNet.Attributes;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Benchmarks;

/// <summary>
/// The engine's hot paths on a mid-size synthetic estate (2,000 instances, 200 groups, 4,000 rules):
/// index build, all-pairs matrix, point query, and a single-rule incremental update with the matrix
/// brought up to date. <c>sgd bench</c> measures the same at full size in one run.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int QueriesPerInvoke = 1_000;

    private Estate _estate = Estate.Empty;
    private Estate _edited = Estate.Empty;
    private ReachabilityEngine _engine = null!;
    private ReachabilityEngine _fresh = null!;
    private (Endpoint From, Endpoint To, Traffic Traffic)[] _queries = [];

    /// <summary>Instances in the generated estate; groups and rules scale with it.</summary>
    [Params(2_000)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _estate = EstateGenerator.Generate(new EstateGeneratorOptions(Instances, Instances / 10, Instances * 2, Seed: 42));
        _engine = ReachabilityEngine.Build(_estate);
        _engine.Matrix();
        var group = _estate.Groups.First(g => g.Rules.Length > 1);
        _edited = _estate.WithGroup(group with { Rules = group.Rules.RemoveAt(0) });
        _queries = Queries(_estate, QueriesPerInvoke);
    }

    /// <summary>
    /// <paramref name="count"/> point queries between random ENIs of <paramref name="estate"/> (seed 42): tcp/443 one time
    /// in three, any other port otherwise.
    /// </summary>
    internal static (Endpoint From, Endpoint To, Traffic Traffic)[] Queries(Estate estate, int count)
    {
        var random = new Random(42);
        var enis = estate.NetworkInterfaces;
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var a = enis[random.Next(enis.Length)];
            var b = enis[random.Next(enis.Length)];
            Endpoint from = new EniEndpoint(a.Id, a.PrimaryIp!.Value);
            Endpoint to = new EniEndpoint(b.Id, b.PrimaryIp!.Value);
            return (from, to, Traffic.Tcp(random.Next(3) == 0 ? 443 : random.Next(1, 65536)));
        })];
    }

    [IterationSetup(Target = nameof(Matrix))]
    public void FreshEngine() => _fresh = ReachabilityEngine.Build(_estate);

    [Benchmark]
    public ReachabilityEngine Build() => ReachabilityEngine.Build(_estate);

    [Benchmark]
    public ReachabilityMatrix Matrix() => _fresh.Matrix();

    [Benchmark(OperationsPerInvoke = QueriesPerInvoke)]
    public int PointQuery()
    {
        var allowed = 0;
        foreach (var (from, to, traffic) in _queries)
        {
            if (_engine.Query(from, to, traffic).Allowed)
                allowed++;
        }
        return allowed;
    }

    [Benchmark]
    public ReachabilityMatrix IncrementalUpdate() => _engine.Update(_edited).Matrix();
}
