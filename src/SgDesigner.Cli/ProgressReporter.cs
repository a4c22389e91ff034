using System.Globalization;

namespace SgDesigner.Cli;

/// <summary>
/// One line of progress on stderr, redrawn in place at most ten times a second, for long work (a big matrix, a
/// batch, an import, the bench). Only when stderr is a terminal that can redraw a line: silent when stderr is
/// redirected (a pipeline's log stays clean) and under <c>TERM=dumb</c>. It never colours anything, so
/// <c>NO_COLOR</c> holds as it is. Never on stdout.
/// </summary>
internal sealed class ProgressReporter
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter _stderr;
    private readonly TimeProvider _time;
    private long _lastShown;
    private string? _lastWhat;
    private int _width;

    private ProgressReporter(TextWriter stderr, bool enabled, TimeProvider time)
    {
        _stderr = stderr;
        Enabled = enabled;
        _time = time;
    }

    /// <summary>Reports nothing.</summary>
    public static ProgressReporter Silent { get; } = new(TextWriter.Null, false, TimeProvider.System);

    /// <summary>True when reports are shown.</summary>
    public bool Enabled { get; }

    /// <summary>A reporter for <paramref name="stderr"/>: shown only on a terminal whose <c>TERM</c> is not <c>dumb</c>.</summary>
    public static ProgressReporter For(TextWriter stderr, bool stderrIsTerminal, Func<string, string?> environment, TimeProvider? time = null) =>
        new(stderr, stderrIsTerminal && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal), time ?? TimeProvider.System);

    /// <summary>
    /// "sgd matrix: lines written: 1,200" (or "… 1,200 of 5,000"): shown at once for a new <paramref name="what"/>, then
    /// unless the last line went out less than 100 ms ago.
    /// </summary>
    public void Report(string what, long done, long? total = null)
    {
        if (!Enabled)
            return;
        var now = _time.GetTimestamp();
        if (what == _lastWhat && _time.GetElapsedTime(_lastShown, now) < Interval)
            return;
        _lastShown = now;
        _lastWhat = what;
        var count = total is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{done:N0} of {t:N0}")
            : done.ToString("N0", CultureInfo.InvariantCulture);
        Show($"{what}: {count}");
    }

    /// <summary>A stage without a count ("sgd import aws: building the policy"), shown at once.</summary>
    public void Stage(string what)
    {
        if (!Enabled)
            return;
        _lastShown = _time.GetTimestamp();
        _lastWhat = what;
        Show(what);
    }

    /// <summary>Erases the progress line, so that what follows on stderr (or the prompt) starts on a clean line.</summary>
    public void Done()
    {
        if (_width == 0)
            return;
        _stderr.Write('\r' + new string(' ', _width) + '\r');
        _stderr.Flush();
        _width = 0;
    }

    private void Show(string line)
    {
        // Spaces rather than an ANSI erase: plain text on every terminal.
        _stderr.Write('\r' + line.PadRight(_width));
        _stderr.Flush();
        _width = Math.Max(_width, line.Length);
    }
}
