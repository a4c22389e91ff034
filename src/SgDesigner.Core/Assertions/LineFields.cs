using System.Globalization;
using System.Text.Json;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Assertions;

/// <summary>Typed access to one JSON line's fields that records each problem with its line and field.</summary>
internal sealed class LineFields(int line, JsonElement root, List<ValidationError> errors)
{
    public JsonElement Root => root;

    public void Fail(string field, string message) => errors.Add(new ValidationError($"line {line}, {field}", message));

    public string? RequiredString(string field)
    {
        if (root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            return value.GetString()!.Trim();
        Fail(field, root.TryGetProperty(field, out _) ? "must be a non-empty string" : "is required");
        return null;
    }

    public string? OptionalString(string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        Fail(field, "must be a string");
        return null;
    }

    /// <summary>A string or number field as text (protocols may be written <c>"6"</c> or <c>6</c>), or null when absent.</summary>
    public string? Scalar(string field) => root.TryGetProperty(field, out var value) ? value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    } : null;

    public int? RequiredInt(string field, int min, int max, string whenMissing)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            Fail(field, whenMissing);
            return null;
        }
        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out var n) ? n : (int?)null,
            JsonValueKind.String => int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null,
            _ => null,
        };
        if (ok is { } v && v >= min && v <= max)
            return v;
        Fail(field, $"must be an integer {min}..{max}, not {value.GetRawText()}");
        return null;
    }
}
