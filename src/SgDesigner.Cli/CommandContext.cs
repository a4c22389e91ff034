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
    /// Writes a result as it is produced, piece by piece (checking for Ctrl+C between pieces, and showing the count as
    /// <paramref name="progress"/> when given): memory does not grow with the result. A file is written to a temporary
    /// file beside it and renamed into place only when complete, so a failed or cancelled run leaves no partial file and
    /// an existing file untouched; stdout gets the pieces as they come (a cancelled run's reader sees it cut short).
    /// </summary>
    public void WriteResult(IEnumerable<string> pieces, string? outputPath, string? progress = null)
    {
        if (outputPath is null)
        {
            Each(pieces, _ => 1, progress, Stdout.Write);
            Stdout.Flush();
            return;
        }
        WriteFile(outputPath, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, 1 << 16, leaveOpen: true);
            Each(pieces, _ => 1, progress, writer.Write);
        });
    }

    /// <summary>
    /// The same for UTF-8 chunks of whole lines (the matrix's JSON): the bytes go to the file or the process's stdout
    /// without a round trip through strings; progress counts the lines.
    /// </summary>
    public void WriteResult(IEnumerable<ReadOnlyMemory<byte>> utf8Chunks, string? outputPath, string? progress = null)
    {
        if (outputPath is not null)
        {
            WriteFile(outputPath, stream => Each(utf8Chunks, Lines, progress, c => stream.Write(c.Span)));
            return;
        }
        if (!ReferenceEquals(Stdout, Console.Out))
        {
            Each(utf8Chunks, Lines, progress, c => Stdout.Write(Utf8NoBom.GetString(c.Span)));
            return;
        }
        Stdout.Flush();
        using var stdout = Console.OpenStandardOutput();
        Each(utf8Chunks, Lines, progress, c => stdout.Write(c.Span));
    }

    private void WriteFile(string outputPath, Action<Stream> write)
    {
        var full = Path.GetFullPath(outputPath);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.sgd-tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
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

    private static int Lines(ReadOnlyMemory<byte> chunk) => chunk.Span.Count((byte)'\n');

    // The progress line counts lines: a piece of text is one, a chunk of bytes as many as it ends.
    private void Each<T>(IEnumerable<T> pieces, Func<T, int> lines, string? progress, Action<T> write)
    {
        var count = 0L;
        foreach (var piece in pieces)
        {
            Cancellation.ThrowIfCancellationRequested();
            write(piece);
            count += lines(piece);
            if (progress is not null)
                Progress.Report(progress, count);
        }
    }
}
