using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SgDesigner.Cli;

/// <summary>Writes JSON output: indented documents, or compact single lines for JSON-lines output.</summary>
internal static class JsonText
{
    public static string Document(Action<Utf8JsonWriter> write) => Write(write, indented: true) + "\n";

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
