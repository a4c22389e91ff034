using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Cli.Tests;

/// <summary>Ctrl+C: exit 130, one "cancelled" line, and no output file, partial or temporary.</summary>
public sealed class CancellationTests(Samples samples) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_cancelled_matrix_exits_130_and_writes_no_output_file()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var output = _folder.File("matrix.json");

        var run = SgdRun.With(new SgdHost(Cancellation: cancel.Token), null, "matrix", samples.Policy("batfish-test-subnet"), "-o", output);

        Assert.Equal(130, run.ExitCode);
        Assert.Equal("sgd: cancelled", run.ErrorLine);
        Assert.Empty(run.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Cancelled_while_writing_the_matrix_the_temporary_file_goes_and_an_existing_file_is_untouched()
    {
        var policy = _folder.Write("estate.json", PolicyDocumentJson.Write(new PolicyDocument(
            "estate", null, EstateGenerator.Generate(new EstateGeneratorOptions(300, 40, 700, Seed: 3)))));
        var output = _folder.Write("matrix.json", "the previous matrix");
        using var cancel = new CancellationTokenSource();
        var tempWhileWriting = new List<string>();
        // The first progress line means the matrix is being written: cancel then, as Ctrl+C would.
        var stderr = new WatchingWriter("sgd matrix: lines written", () =>
        {
            tempWhileWriting.AddRange(Directory.EnumerateFiles(_folder.Path, "*.sgd-tmp").Select(Path.GetFileName)!);
            cancel.Cancel();
        });

        var run = SgdRun.With(new SgdHost(StderrIsTerminal: true, Environment: _ => null, Cancellation: cancel.Token), stderr, "matrix", policy, "-o", output);

        Assert.Equal(130, run.ExitCode);
        Assert.EndsWith("sgd: cancelled\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Single(tempWhileWriting);
        Assert.Equal("the previous matrix", File.ReadAllText(output));
        Assert.Equal(["estate.json", "matrix.json"], Directory.EnumerateFiles(_folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_batch_cancelled_after_its_first_answers_writes_nothing()
    {
        var policy = samples.Policy("batfish-test-subnet");
        var query = """{"from": "8.8.8.8", "to": "10.10.1.44", "protocol": "tcp", "port": 22}""";
        var batch = _folder.Write("batch.jsonl", string.Join('\n', Enumerable.Repeat(query, 50)));
        var output = _folder.File("answers.jsonl");
        using var cancel = new CancellationTokenSource();
        var stderr = new WatchingWriter("sgd reach: queries of 50 answered", cancel.Cancel);

        var run = SgdRun.With(new SgdHost(StderrIsTerminal: true, Environment: _ => null, Cancellation: cancel.Token), stderr, "reach", policy, "--batch", batch, "-o", output);

        Assert.Equal(130, run.ExitCode);
        Assert.False(File.Exists(output));
        Assert.Equal(["batch.jsonl"], Directory.EnumerateFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_leaves_an_existing_file_untouched_and_no_temporary_file()
    {
        // The output's folder does not exist: the write fails before anything is renamed into place.
        var output = Path.Combine(_folder.Path, "missing", "matrix.json");
        var run = SgdRun.Of("matrix", samples.Policy("batfish-test-subnet"), "-o", output);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {output}: cannot write", run.ErrorLine);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    public void Dispose() => _folder.Dispose();
}
