using System.Globalization;
using System.Text.Json;
using SgDesigner.Core.Documents;

namespace SgDesigner.Core.Answers;

/// <summary>Reads one line of a <c>reach --batch</c> file into a <see cref="ReachQuery"/>.</summary>
public static class BatchLine
{
    /// <summary>The query on the line, or null with the reason (naming the JSON field) in <paramref name="error"/>.</summary>
    public static ReachQuery? Parse(string line, out string? error)
    {
        error = null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line, StrictJson.Lines);
        }
        catch (JsonException e)
        {
            error = StrictJson.DuplicateProperty(e) is null ? $"not JSON: {StrictJson.Reason(e)}" : StrictJson.Reason(e);
            return null;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "expected a JSON object such as {\"from\": \"i-1\", \"to\": \"i-2\", \"protocol\": \"tcp\", \"port\": 22}";
                return null;
            }
            var query = new ReachQuery(
                Text(root, "from", ref error),
                Text(root, "to", ref error),
                Text(root, "protocol", ref error),
                Number(root, "port", ref error),
                Number(root, "icmpType", ref error),
                Number(root, "icmpCode", ref error));
            return error is null ? query : null;
        }
    }

    private static string? Text(JsonElement root, string name, ref string? error)
    {
        if (error is not null || !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        // A protocol may be given as a number (6) as well as a name ("tcp").
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        if (value.ValueKind == JsonValueKind.Number && name == "protocol")
            return value.GetRawText();
        error = $"{name}: expected a string, got {value.GetRawText()}";
        return null;
    }

    private static int? Number(JsonElement root, string name, ref string? error)
    {
        if (error is not null || !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
            return n;
        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n))
            return n;
        error = $"{name}: expected a whole number, got {value.GetRawText()}";
        return null;
    }
}
