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
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = indented,
            IndentSize = 2,
            // Output is read by people and pipelines, not embedded in HTML: keep '+', '&' and non-ASCII readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
