using System.Text;

namespace SgDesigner.Cli;

/// <summary>
/// Where a command reads files and writes its result, the Ctrl+C token its loops check, and its progress line;
/// file problems become <see cref="CliError"/>s.
/// </summary>
internal sealed class CommandContext(TextWriter stdout, TextWriter stderr, ProgressReporter? progress = null, CancellationToken cancellation = default)
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public TextWriter Stdout { get; } = stdout;

    public TextWriter Stderr { get; } = stderr;

    /// <summary>Cancelled by Ctrl+C: long loops check it, and <see cref="Sgd.Run(string[], TextWriter, TextWriter)"/> then exits 130.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>The progress line on stderr (silent unless stderr is a terminal).</summary>
    public ProgressReporter Progress { get; } = progress ?? ProgressReporter.Silent;

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

    /// <summary>Writes a finished result to <paramref name="outputPath"/>, or to stdout when no path is given.</summary>
    public void WriteResult(string text, string? outputPath) => WriteResult([text], outputPath);

    /// <summary>
    /// Writes a result produced piece by piece (checking for Ctrl+C between pieces, and showing the count as
    /// <paramref name="progress"/> when given). A file is written to a temporary file beside it and renamed into place
    /// only when complete, so a failed or cancelled run leaves no partial file and an existing file untouched; stdout
    /// gets the text only once it is complete.
    /// </summary>
    public void WriteResult(IEnumerable<string> pieces, string? outputPath, string? progress = null)
    {
        if (outputPath is null)
        {
            var text = new StringBuilder();
            Each(pieces, progress, piece => text.Append(piece));
            Stdout.Write(text.ToString());
            return;
        }
        var full = Path.GetFullPath(outputPath);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.sgd-tmp");
        try
        {
            using (var writer = new StreamWriter(new FileStream(temp, FileMode.CreateNew, FileAccess.Write), Utf8NoBom))
                Each(pieces, progress, writer.Write);
            Cancellation.ThrowIfCancellationRequested();
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e)
        {
            DeleteIfThere(temp);
            if (e is IOException or UnauthorizedAccessException)
                throw CliError.InFile(outputPath, null, $"cannot write: {e.Message}");
            throw;
        }
    }

    private static void DeleteIfThere(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Its folder is missing or unwritable, so there is no temporary file to remove.
        }
    }

    private void Each(IEnumerable<string> pieces, string? progress, Action<string> write)
    {
        var count = 0L;
        foreach (var piece in pieces)
        {
            Cancellation.ThrowIfCancellationRequested();
            write(piece);
            if (progress is not null)
                Progress.Report(progress, ++count);
        }
    }
}
