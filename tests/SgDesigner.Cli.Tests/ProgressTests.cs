using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Cli.Tests;

/// <summary>Progress goes to stderr when it is a terminal, and nowhere otherwise; never to stdout.</summary>
public sealed class ProgressTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _policy;

    public ProgressTests() =>
        _policy = _folder.Write("estate.json", PolicyDocumentJson.Write(new PolicyDocument(
            "estate", null, EstateGenerator.Generate(new EstateGeneratorOptions(120, 20, 300, Seed: 5)))));

    [Fact]
    public void With_stderr_redirected_a_matrix_writes_nothing_on_stderr()
    {
        var run = SgdRun.With(new SgdHost(StderrIsTerminal: false, Environment: _ => null), null, "matrix", _policy);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void On_a_terminal_progress_goes_to_stderr_is_erased_at_the_end_and_stdout_is_unchanged()
    {
        var quiet = SgdRun.With(new SgdHost(StderrIsTerminal: false, Environment: _ => null), null, "matrix", _policy);
        var shown = SgdRun.With(new SgdHost(StderrIsTerminal: true, Environment: _ => null), null, "matrix", _policy);

        Assert.Equal(0, shown.ExitCode);
        Assert.Equal(quiet.Stdout, shown.Stdout);
        Assert.Matches(@"sgd matrix: lines written: [1-9]\d*", shown.Stderr);
        Assert.StartsWith("\r", shown.Stderr);
        // Erased: the last thing on stderr is a carriage return after blanks, so the prompt starts on a clean line.
        Assert.EndsWith("\r", shown.Stderr);
        Assert.Matches(@"\r *\r$", shown.Stderr);
    }

    [Fact]
    public void A_dumb_terminal_gets_no_progress()
    {
        var run = SgdRun.With(new SgdHost(StderrIsTerminal: true, Environment: name => name == "TERM" ? "dumb" : null), null, "matrix", _policy);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Progress_is_throttled_to_ten_lines_a_second()
    {
        var time = new ManualClock();
        var stderr = new StringWriter();
        var progress = ProgressReporter.For(stderr, stderrIsTerminal: true, _ => null, time);
        for (var i = 1; i <= 50; i++)
            progress.Report("work", i);
        time.Advance(TimeSpan.FromMilliseconds(100));
        progress.Report("work", 51);
        progress.Done();

        Assert.Equal(["work: 1", "work: 51"], stderr.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    public void Dispose() => _folder.Dispose();

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
