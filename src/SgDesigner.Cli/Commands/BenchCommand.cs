using System.Globalization;
using System.Text;
using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Bench;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd bench</c>: the engine's timings on a synthetic estate beside the naive evaluator's.</summary>
internal static class BenchCommand
{
    public static CommandDefinition Definition { get; } = new(
        "bench",
        "time the engine on a synthetic estate beside the naive reference evaluator",
        """
        Usage: sgd bench [--instances N] [--groups G] [--rules R] [--seed S] [--json]

        Generates a synthetic estate (instances spread over applications and tiers, CIDR rules of many
        prefix lengths, most rules referencing other groups; the same seed gives the same estate) and
        measures in this one process: index build, all-pairs matrix (every cell read), point query (median of 20,000),
        a batch of 100,000 JSON-line queries answered as reach --batch answers them (beside the naive evaluator's),
        single-rule incremental update with the matrix brought up to date (median of add, change and
        remove), the naive reference evaluator's matrix (on a sample of pairs, scaled), peak memory.

        Build in Release for meaningful figures: dotnet run -c Release --project src/SgDesigner.Cli -- bench

        """,
        [
            new("--instances", Description: "instances (default 10000)", ValueName: "N"),
            new("--groups", Description: "security groups (default 1000)", ValueName: "G"),
            new("--rules", Description: "rules over all groups (default 20000)", ValueName: "R"),
            new("--seed", Description: "generator and sampling seed (default 1)", ValueName: "S"),
            new("--naive-ms", Description: "time given to the naive evaluator on random pairs before scaling (default 3000)", ValueName: "T"),
            OptionSpec.Switch("--network-acls", "also give every subnet a network ACL with a few denies and an ephemeral reply rule, and one instance in ten Windows client ports"),
            OptionSpec.Switch("--json", "one JSON object: instances, groups, rules, indexMs, matrixMs, naiveMatrixMs, naiveNote, pointQueryUs, batchQueries, batchMs, naiveBatchMs, incrementalMs, peakMemoryMb, and more"),
        ],
        Run,
        Arguments: []);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals();
        var defaults = EstateGeneratorOptions.BenchDefault;
        var options = new EstateGeneratorOptions(
            args.Int("--instances", 0, 1_000_000) ?? defaults.Instances,
            args.Int("--groups", 1, 1_000_000) ?? defaults.Groups,
            args.Int("--rules", 0, 10_000_000) ?? defaults.Rules,
            args.Int("--seed", int.MinValue, int.MaxValue) ?? defaults.Seed)
        {
            NetworkAcls = args.Has("--network-acls"),
        };
        var json = args.Has("--json");
        var naiveBudget = TimeSpan.FromMilliseconds(args.Int("--naive-ms", 1, 3_600_000) ?? 3_000);
        var result = BenchRunner.Run(options, naiveBudget, line =>
        {
            // Between stages: where Ctrl+C stops the bench.
            context.Cancellation.ThrowIfCancellationRequested();
            if (json)
                context.Progress.Stage($"sgd bench: {line}");
            else
                context.Stderr.WriteLine($"sgd bench: {line}");
        });
        context.WriteResult(json ? Json(result) : Text(result), null);
        return 0;
    }

    private static string Text(BenchResult r)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"estate: {r.Instances:N0} instances, {r.Enis:N0} ENIs, {r.Groups:N0} groups, {r.Rules:N0} rules (seed {r.Seed}); {r.Classes:N0} classes"));
        text.AppendLine(Invariant($"index build        {r.IndexMs,12:F1} ms"));
        text.AppendLine(Invariant($"all-pairs matrix   {r.MatrixMs,12:F1} ms   ({r.Cells:N0} non-empty cells; {r.MatrixFactoredMs:F1} ms before reading them; {r.MatrixCpuMs:F1} ms of CPU on all cores)"));
        text.AppendLine(Invariant($"naive matrix       {r.NaiveMatrixMs,12:F0} ms   ({r.NaiveNote})"));
        text.AppendLine(Invariant($"speed-up           {r.Speedup,12:F0} x"));
        text.AppendLine(Invariant($"point query        {r.PointQueryUs,12:F2} µs (median)"));
        text.AppendLine(Invariant($"batch reach        {r.BatchMs,12:F1} ms   ({r.BatchQueries:N0} JSON-line queries, {(r.BatchQueries > 0 ? r.BatchMs * 1000 / r.BatchQueries : 0):F2} µs each: parse, resolve, answer, write)"));
        text.AppendLine(Invariant($"naive batch        {r.NaiveBatchMs,12:F0} ms   ({r.NaiveBatchNote})"));
        text.AppendLine(Invariant($"incremental update {r.IncrementalMs,12:F1} ms (median; add {r.IncrementalAddMs:F1}, change {r.IncrementalChangeMs:F1}, remove {r.IncrementalRemoveMs:F1})"));
        text.AppendLine(Invariant($"peak memory        {r.PeakMemoryMb,12:F0} MB"));
        if (r.NetworkAclOverhead is { } acl)
        {
            text.AppendLine(Invariant($"network ACLs cost  the same estate without them, {acl.Rounds} alternate rounds (time with / without, median of the rounds):"));
            text.AppendLine(Invariant($"  matrix CPU       {acl.MatrixCpuRatio,12:F2} x   ({acl.MatrixCpuMs.With:F0} ms with, {acl.MatrixCpuMs.Without:F0} ms without)"));
            text.AppendLine(Invariant($"  point query      {acl.PointQueryRatio,12:F2} x   ({acl.PointQueryUs.With:F2} µs with, {acl.PointQueryUs.Without:F2} µs without; mean of {BenchRunner.PointQueries:N0} queries, fastest of 3 passes)"));
            text.AppendLine(Invariant($"  batch reach      {acl.BatchRatio,12:F2} x   ({acl.BatchMs.With:F0} ms with, {acl.BatchMs.Without:F0} ms without)"));
        }
        text.AppendLine(IncrementalNote);
        return text.ToString();
    }

    private static string Json(BenchResult r) => AnswerJson.Document(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("instances", r.Instances);
        w.WriteNumber("groups", r.Groups);
        w.WriteNumber("rules", r.Rules);
        w.WriteNumber("enis", r.Enis);
        w.WriteNumber("classes", r.Classes);
        w.WriteNumber("seed", r.Seed);
        w.WriteNumber("indexMs", Round(r.IndexMs));
        w.WriteNumber("matrixMs", Round(r.MatrixMs));
        w.WriteNumber("matrixFactoredMs", Round(r.MatrixFactoredMs));
        w.WriteNumber("matrixCpuMs", Round(r.MatrixCpuMs));
        w.WriteNumber("cells", r.Cells);
        w.WriteNumber("naiveMatrixMs", Round(r.NaiveMatrixMs));
        w.WriteString("naiveNote", r.NaiveNote);
        w.WriteNumber("speedup", Round(r.Speedup));
        w.WriteNumber("pointQueryUs", Math.Round(r.PointQueryUs, 3));
        w.WriteNumber("batchQueries", r.BatchQueries);
        w.WriteNumber("batchMs", Round(r.BatchMs));
        w.WriteNumber("naiveBatchMs", Round(r.NaiveBatchMs));
        w.WriteString("naiveBatchNote", r.NaiveBatchNote);
        w.WriteNumber("incrementalMs", Round(r.IncrementalMs));
        w.WriteNumber("incrementalAddMs", Round(r.IncrementalAddMs));
        w.WriteNumber("incrementalChangeMs", Round(r.IncrementalChangeMs));
        w.WriteNumber("incrementalRemoveMs", Round(r.IncrementalRemoveMs));
        w.WriteString("incrementalNote", IncrementalNote);
        w.WriteNumber("peakMemoryMb", Round(r.PeakMemoryMb));
        w.WriteNumber("generateMs", Round(r.GenerateMs));
        w.WriteNumber("repetitions", r.Repetitions);
        if (r.NetworkAclOverhead is { } acl)
        {
            w.WriteStartObject("networkAclOverhead");
            w.WriteNumber("rounds", acl.Rounds);
            w.WriteNumber("matrixCpuRatio", Math.Round(acl.MatrixCpuRatio, 3));
            w.WriteNumber("pointQueryRatio", Math.Round(acl.PointQueryRatio, 3));
            w.WriteNumber("batchRatio", Math.Round(acl.BatchRatio, 3));
            w.WriteNumber("matrixCpuMsWith", Round(acl.MatrixCpuMs.With));
            w.WriteNumber("matrixCpuMsWithout", Round(acl.MatrixCpuMs.Without));
            w.WriteNumber("pointQueryUsWith", Math.Round(acl.PointQueryUs.With, 3));
            w.WriteNumber("pointQueryUsWithout", Math.Round(acl.PointQueryUs.Without, 3));
            w.WriteNumber("batchMsWith", Round(acl.BatchMs.With));
            w.WriteNumber("batchMsWithout", Round(acl.BatchMs.Without));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    private const string IncrementalNote =
        "incremental update: Update(next) then Matrix() on a base whose matrix was built; the engine then computes cells when they are read";

    private static double Round(double value) => Math.Round(value, 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
