using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SgDesigner.Core.Answers;

/// <summary>
/// How the engine's answers are written as JSON, by <c>sgd</c> and by the web API alike: indented documents, or
/// compact single lines for JSON-lines output.
/// </summary>
public static class AnswerJson
{
    /// <summary>The media type of a JSON-lines answer (one JSON object per line).</summary>
    public const string JsonLinesMediaType = "application/x-ndjson";

    /// <summary>An indented JSON document ending with a newline.</summary>
    public static string Document(Action<Utf8JsonWriter> write) => Write(write, indented: true) + "\n";

    /// <summary>One compact JSON value on one line, without the newline.</summary>
    public static string Line(Action<Utf8JsonWriter> write) => Write(write, indented: false);

    private static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options(indented)))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,
        IndentSize = 2,
        // Output is read by people and pipelines, not embedded in HTML: keep '+', '&' and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>
/// Writes many compact JSON lines (as <see cref="AnswerJson.Line"/> does) through one buffer and writer reused from
/// line to line: a batch of 100,000 answers should not make 100,000 writers. Not thread-safe.
/// </summary>
internal sealed class JsonLineWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public JsonLineWriter() => _writer = new Utf8JsonWriter(_buffer, AnswerJson.Options(indented: false));

    /// <summary>One compact JSON value on one line, without the newline.</summary>
    public string Line<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        write(_writer, state);
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose() => _writer.Dispose();
}
