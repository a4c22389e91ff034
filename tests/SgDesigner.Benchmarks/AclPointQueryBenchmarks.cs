using BenchmarkDotNet.Attributes;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Benchmarks;

/// <summary>
/// A point query with and without network ACLs on the same estate (2,000 instances; with ACLs one per subnet, see
/// <c>EstateGeneratorOptions.NetworkAcls</c>): the "at most 1.5× the time without them", and what each query
/// allocates (the memory diagnoser's figure does not move with the machine's load, unlike the time).
/// <c>dotnet run -c Release --project tests/SgDesigner.Benchmarks -- --filter '*AclPointQuery*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class AclPointQueryBenchmarks
{
    private const int QueriesPerInvoke = 1_000;

    private ReachabilityEngine _engine = null!;
    private (Endpoint From, Endpoint To, Traffic Traffic)[] _queries = [];

    /// <summary>Whether the estate has its subnets' network ACLs.</summary>
    [Params(false, true)]
    public bool NetworkAcls { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(2_000, 200, 4_000, Seed: 42) { NetworkAcls = NetworkAcls });
        _engine = ReachabilityEngine.Build(estate);
        _queries = EngineBenchmarks.Queries(estate, QueriesPerInvoke);
    }

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
}
