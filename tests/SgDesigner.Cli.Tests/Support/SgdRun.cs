using SgDesigner.Cli;

namespace SgDesigner.Cli.Tests.Support;

/// <summary>The outcome of one in-process <c>sgd</c> run.</summary>
public sealed record SgdRun(int ExitCode, string Stdout, string Stderr)
{
    public static SgdRun Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Sgd.Run(args, stdout, stderr);
        return new SgdRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A run with the given Ctrl+C token, terminal check and environment; <paramref name="stderr"/> may watch what is written.</summary>
    internal static SgdRun With(SgdHost host, StringWriter? stderr, params string[] args)
    {
        using var stdout = new StringWriter();
        stderr ??= new StringWriter();
        var code = Sgd.Run(args, stdout, stderr, host);
        return new SgdRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The single stderr line of a failed run (asserts there is exactly one).</summary>
    public string ErrorLine
    {
        get
        {
            var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            return lines[0];
        }
    }
}
