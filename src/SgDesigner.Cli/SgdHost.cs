namespace SgDesigner.Cli;

/// <summary>What <see cref="Sgd"/> takes from the process around it; tests inject each part.</summary>
/// <param name="StderrIsTerminal">Whether progress may be shown on stderr.</param>
/// <param name="Environment">Reads an environment variable (option fallbacks, <c>TERM</c>).</param>
/// <param name="Time">The clock that throttles progress.</param>
/// <param name="Cancellation">Cancelled by Ctrl+C (Program.cs).</param>
internal sealed record SgdHost(
    bool StderrIsTerminal = false,
    Func<string, string?>? Environment = null,
    TimeProvider? Time = null,
    CancellationToken Cancellation = default)
{
    /// <summary>The environment variable reader, the process's own by default.</summary>
    public Func<string, string?> ReadEnvironment => Environment ?? System.Environment.GetEnvironmentVariable;
}
