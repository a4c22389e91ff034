namespace SgDesigner.Cli.Bench;

/// <summary>The figures of one <c>sgd bench</c> run (cli.md "sgd bench"); times are medians where repeated.</summary>
internal sealed record BenchResult(
    int Instances,
    int Groups,
    int Rules,
    int Enis,
    int Classes,
    long Cells,
    int Seed,
    double GenerateMs,
    double IndexMs,
    double MatrixMs,
    double MatrixFactoredMs,
    double NaiveMatrixMs,
    string NaiveNote,
    double PointQueryUs,
    double IncrementalMs,
    double IncrementalAddMs,
    double IncrementalChangeMs,
    double IncrementalRemoveMs,
    double PeakMemoryMb,
    int Repetitions)
{
    public double Speedup => MatrixMs > 0 ? NaiveMatrixMs / MatrixMs : 0;

    /// <summary>Queries in the batch (JSON lines answered as <c>sgd reach --batch</c> answers them).</summary>
    public int BatchQueries { get; init; }

    /// <summary>The batch: parsing, resolving, answering and writing every line.</summary>
    public double BatchMs { get; init; }

    /// <summary>The naive evaluator on the same queries (possibly a sample, scaled).</summary>
    public double NaiveBatchMs { get; init; }

    /// <summary>
    /// CPU time (user + system, every thread of the process) of the all-pairs matrix, median: on a shared machine the
    /// wall-clock <see cref="MatrixMs"/> also counts the time other processes had the cores.
    /// </summary>
    public double MatrixCpuMs { get; init; }

    /// <summary>With <c>--network-acls</c>: the same estate without its ACLs, timed in alternate rounds; otherwise null.</summary>
    public NetworkAclOverhead? NetworkAclOverhead { get; init; }

    /// <summary>How <see cref="NaiveBatchMs"/> was measured.</summary>
    public string NaiveBatchNote { get; init; } = "";
}
