using System.Globalization;
using System.Text.Json;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Documents;

/// <summary>
/// A JSON value together with its JSON path, so every reader in Core (policy documents, AWS CLI output,
/// Terraform JSON) can report <c>$.groups[2].rules[0].fromPort: expected a number</c> without repeating itself.
/// Problems are raised as <see cref="JsonInputException"/>, which the public entry points turn into a result.
/// </summary>
internal readonly struct JsonInput
{
    // The path is spelled out only when a message needs it: a large input has hundreds of thousands of values.
    private readonly JsonPathSegment _at;

    public JsonInput(JsonElement element, string path)
        : this(element, new JsonPathSegment(null, path, -1))
    {
    }

    private JsonInput(JsonElement element, JsonPathSegment at)
    {
        Element = element;
        _at = at;
    }

    public JsonElement Element { get; }

    public string Path => _at.ToString();

    public JsonValueKind Kind => Element.ValueKind;

    /// <summary>Parses <paramref name="json"/>; a syntax error or a property given twice becomes a <see cref="ValidationError"/> with line and column.</summary>
    public static ParseResult<JsonDocument> ParseDocument(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return ParseResult<JsonDocument>.Fail("the input is empty");
        try
        {
            return ParseResult<JsonDocument>.Ok(JsonDocument.Parse(json, StrictJson.Files));
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            return ParseResult<JsonDocument>.Fail(StrictJson.DuplicateProperty(e) is { } name
                ? string.Create(CultureInfo.InvariantCulture, $"the property {QuotedValue.Of(name)} appears twice in one object (line {line}, column {column}); give it once")
                : string.Create(CultureInfo.InvariantCulture, $"not valid JSON (line {line}, column {column})"));
        }
    }

    public JsonInputException Fail(string message) => new(Path, message);

    public JsonInput Object()
    {
        if (Kind != JsonValueKind.Object)
            throw Fail($"expected an object, found {Describe(Kind)}");
        return this;
    }

    /// <summary>A property that must be present (and not null); when it is missing, the error is at the property's own path.</summary>
    public JsonInput Required(string name) =>
        Optional(name) ?? throw new JsonInputException($"{Path}.{name}", $"the property '{name}' is required");

    /// <summary>A property that may be absent or null.</summary>
    public JsonInput? Optional(string name)
    {
        Object();
        return Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new JsonInput(value, new JsonPathSegment(_at, name, -1))
            : null;
    }

    public IEnumerable<JsonInput> Items()
    {
        if (Kind != JsonValueKind.Array)
            throw Fail($"expected an array, found {Describe(Kind)}");
        var at = _at;
        return Element.EnumerateArray().Select((e, i) => new JsonInput(e, new JsonPathSegment(at, null, i)));
    }

    /// <summary>The items of an optional array property (empty when absent).</summary>
    public IEnumerable<JsonInput> ItemsOf(string name) => Optional(name)?.Items() ?? [];

    public IEnumerable<(string Name, JsonInput Value)> Properties()
    {
        Object();
        var at = _at;
        return Element.EnumerateObject().Select(p => (p.Name, new JsonInput(p.Value, new JsonPathSegment(at, p.Name, -1))));
    }

    public string String()
    {
        if (Kind != JsonValueKind.String)
            throw Fail($"expected a string, found {Describe(Kind)}");
        return Element.GetString()!;
    }

    public string RequiredString(string name) => Required(name).String();

    public string? OptionalString(string name) => Optional(name)?.String();

    public int Int()
    {
        if (Kind != JsonValueKind.Number || !Element.TryGetInt32(out var value))
            throw Fail($"expected an integer, found {Describe(Kind)}{(Kind == JsonValueKind.Number ? $" {Element.GetRawText()}" : "")}");
        return value;
    }

    /// <summary>An integer, also accepted as a numeric string ("22"), as AWS and Terraform both tolerate.</summary>
    public int IntOrNumericString()
    {
        if (Kind == JsonValueKind.String && int.TryParse(Element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        return Int();
    }

    public bool Bool()
    {
        if (Kind is not (JsonValueKind.True or JsonValueKind.False))
            throw Fail($"expected true or false, found {Describe(Kind)}");
        return Element.GetBoolean();
    }

    /// <summary>Reads a value with a <see cref="ParseResult{T}"/> parser, failing at this path.</summary>
    public T Parse<T>(Func<string?, ParseResult<T>> parser, List<ValidationError>? warnings = null)
    {
        var result = parser(String());
        if (!result.IsOk)
            throw Fail(result.Error!);
        if (result.Warning is { } warning)
            warnings?.Add(new ValidationError(Path, warning));
        return result.Value;
    }

    /// <summary>"a string", "a number"…: a JSON kind as an error message names what it found.</summary>
    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}

/// <summary>One step of a JSON path (a property name, or an array index when the name is null), spelled out on demand.</summary>
internal sealed class JsonPathSegment(JsonPathSegment? parent, string? name, int index)
{
    public override string ToString() => parent is null
        ? name ?? ""
        : name is not null
            ? $"{parent}.{name}"
            : string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");
}

/// <summary>A problem at a JSON path; caught by the public readers and returned as a <see cref="ValidationError"/>.</summary>
internal sealed class JsonInputException(string path, string message) : Exception(message)
{
    public string JsonPath { get; } = path;

    public ValidationError ToError(string? file = null) =>
        new(file is null ? JsonPath : $"{file}:{JsonPath}", Message);
}
