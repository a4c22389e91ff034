namespace SgDesigner.Cli;

/// <summary>
/// Bad usage or bad input: <see cref="Sgd.Run"/> prints the message as one line on stderr and exits 2
/// (cli.md "Exit codes"). The message names the flag, or the file, the place in it and the problem.
/// </summary>
internal sealed class CliError(string message) : Exception(message)
{
    /// <summary>An error about a place in a file: "FILE: PLACE: problem".</summary>
    public static CliError InFile(string file, string? place, string problem) =>
        new(place is null or "" ? $"{file}: {problem}" : $"{file}: {place}: {problem}");
}
