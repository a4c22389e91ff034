using System.Text;

namespace SgDesigner.Cli;

/// <summary>Where a command reads files and writes its result; file problems become <see cref="CliError"/>s.</summary>
internal sealed class CommandContext(TextWriter stdout, TextWriter stderr)
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public TextWriter Stdout { get; } = stdout;

    public TextWriter Stderr { get; } = stderr;

    /// <summary>The whole text of <paramref name="path"/>, or an error naming the file.</summary>
    public static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CliError.InFile(path, null, "file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliError.InFile(path, null, $"cannot read: {e.Message}");
        }
    }

    /// <summary>
    /// Writes a finished result to <paramref name="outputPath"/> (through a temporary file, so a failed
    /// write leaves nothing half-written) or to stdout when no path is given.
    /// </summary>
    public void WriteResult(string text, string? outputPath)
    {
        if (outputPath is null)
        {
            Stdout.Write(text);
            return;
        }
        var temp = outputPath + ".tmp-sgd";
        try
        {
            File.WriteAllText(temp, text, Utf8NoBom);
            File.Move(temp, outputPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw CliError.InFile(outputPath, null, $"cannot write: {e.Message}");
        }
    }
}
