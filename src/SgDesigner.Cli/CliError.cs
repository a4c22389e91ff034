namespace SgDesigner.Cli;

/// <summary>
/// Bad usage or bad input: <see cref="Sgd.Run"/> prints the message as one line on stderr and exits 2
/// (cli.md "Exit codes"). The message names the flag, or the file, the place in it and the problem.
/// </summary>
internal sealed class CliError(string message, bool namesCommand = false) : Exception(message)
{
    /// <summary>The line for stderr: the message, prefixed with "sgd: " unless it already names the command.</summary>
    public string Line => namesCommand ? Message : $"sgd: {Message}";

    /// <summary>An error about a place in a file: "FILE: PLACE: problem".</summary>
    public static CliError InFile(string file, string? place, string problem) =>
        new(place is null or "" ? $"{file}: {problem}" : $"{file}: {place}: {problem}");
}
