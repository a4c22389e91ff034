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
    /// Writes a result as it is produced, chunk by chunk, to <paramref name="outputPath"/> (through a temporary file, as
    /// <see cref="WriteResult(string, string?)"/>) or to stdout: memory does not grow with the size of the result.
    /// </summary>
    public void WriteStreamed(IEnumerable<ReadOnlyMemory<byte>> utf8Chunks, string? outputPath)
    {
        if (outputPath is not null)
        {
            WriteFile(outputPath, stream =>
            {
                foreach (var chunk in utf8Chunks)
                    stream.Write(chunk.Span);
            });
            return;
        }
        if (!ReferenceEquals(Stdout, Console.Out))
        {
            foreach (var chunk in utf8Chunks)
                Stdout.Write(Encoding.UTF8.GetString(chunk.Span));
            return;
        }
        // The process's own stdout: the bytes go out as they are, without a round trip through strings.
        Stdout.Flush();
        using var stdout = Console.OpenStandardOutput();
        foreach (var chunk in utf8Chunks)
            stdout.Write(chunk.Span);
    }

    /// <summary>Text pieces written as they are produced (see <see cref="WriteStreamed(IEnumerable{ReadOnlyMemory{byte}}, string?)"/>).</summary>
    public void WriteStreamed(IEnumerable<string> pieces, string? outputPath)
    {
        if (outputPath is null && !ReferenceEquals(Stdout, Console.Out))
        {
            foreach (var piece in pieces)
                Stdout.Write(piece);
            return;
        }
        WriteStreamed(Utf8Chunks(pieces), outputPath);
    }

    // Small pieces (a line each) gathered into chunks of about 64 KiB before they are encoded and written.
    private static IEnumerable<ReadOnlyMemory<byte>> Utf8Chunks(IEnumerable<string> pieces)
    {
        var text = new StringBuilder();
        foreach (var piece in pieces)
        {
            text.Append(piece);
            if (text.Length >= 64 * 1024)
            {
                yield return Utf8NoBom.GetBytes(text.ToString());
                text.Clear();
            }
        }
        if (text.Length > 0)
            yield return Utf8NoBom.GetBytes(text.ToString());
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
        WriteFile(outputPath, stream => stream.Write(Utf8NoBom.GetBytes(text)));
    }

    private static void WriteFile(string outputPath, Action<Stream> write)
    {
        var temp = outputPath + ".tmp-sgd";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            File.Move(temp, outputPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw CliError.InFile(outputPath, null, $"cannot write: {e.Message}");
        }
    }
}
