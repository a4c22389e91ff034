using System.Text.Json;

namespace SgDesigner.Cli.Tests.Support;

internal static class JsonCompact
{
    /// <summary>The element without whitespace, e.g. <c>[[22,22],[80,443]]</c>, whatever the output's indentation.</summary>
    public static string Compact(this JsonElement element) => JsonSerializer.Serialize(element);
}
