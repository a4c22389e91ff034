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
}
