using System.Text.Json;

namespace SgDesigner.Web.Tests.Corpus;

/// <summary>What is wrong with a field in a case of the corpus.</summary>
public enum BadInputKind
{
    /// <summary>Text one character over its limit.</summary>
    TooLong,
    /// <summary>Text holding a NUL (PostgreSQL refuses it even as a parameter).</summary>
    Nul,
    /// <summary>Text holding another control character (bell, escape, DEL…).</summary>
    ControlCharacter,
    /// <summary>A JSON value of another type than the field's.</summary>
    WrongType,
    /// <summary>A number or value outside what the field allows.</summary>
    OutOfRange,
    /// <summary>A required field left out (or blank).</summary>
    Missing,
    /// <summary>An identifier not in its format (AWS's for AWS objects).</summary>
    MalformedId,
    /// <summary>A body that is not what the endpoint reads: not JSON, cut short, of another media type, or too large.</summary>
    Envelope,
    /// <summary>A property given twice in one object (a reader would keep one silently).</summary>
    Duplicate,
}

/// <summary>
/// One bad request: the endpoint's valid body with one field replaced (or removed), and the field the 4xx must name.
/// </summary>
/// <param name="Endpoint">The name of a <see cref="CorpusEndpoint"/>.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Path">
/// The field in the body, dotted (<c>tags.env</c>, <c>privateIps[0]</c>); <c>form.name</c> for a form field of the import; <c>$</c>
/// for the whole body, which <paramref name="Json"/> then replaces as it is (valid JSON or not).
/// </param>
/// <param name="Json">The JSON the field is set to, or null to remove it.</param>
/// <param name="Field">What an error key must end with (the field's path in the problem); alternatives separated by <c>|</c>.</param>
public sealed record BadInputCase(string Endpoint, BadInputKind Kind, string Path, string? Json, string Field)
{
    /// <summary>The case's name in test output: unique within the corpus.</summary>
    public string Name { get; init; } = "";

    /// <summary>The id sent in place of the URI's last segment (the body left as it is), or null.</summary>
    public string? RouteId { get; init; }

    /// <summary>The Content-Type sent instead of the endpoint's own, or null.</summary>
    public string? ContentType { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Builds the cases of one endpoint from its fields, each field with the kinds of bad value that apply to it.</summary>
public sealed class CaseBuilder(string endpoint)
{
    private readonly List<BadInputCase> _cases = [];

    /// <summary>The cases built so far.</summary>
    public IReadOnlyList<BadInputCase> Cases => _cases;

    /// <summary>The whole body replaced by <paramref name="raw"/>, sent as <paramref name="contentType"/> when given.</summary>
    public CaseBuilder Body(BadInputKind kind, string raw, string field, string? contentType = null)
    {
        _cases.Add(new BadInputCase(endpoint, kind, "$", raw, field) { ContentType = contentType });
        return this;
    }

    /// <summary>The endpoint's valid body sent to a URI whose last segment (the object's id) is <paramref name="id"/>.</summary>
    public CaseBuilder Route(BadInputKind kind, string id, string field)
    {
        _cases.Add(new BadInputCase(endpoint, kind, "route", null, field) { RouteId = id });
        return this;
    }

    /// <summary>A JSON string literal.</summary>
    public static string Str(string text) => JsonSerializer.Serialize(text);

    /// <summary>Adds one case.</summary>
    public CaseBuilder Case(BadInputKind kind, string path, string? json, string? field = null)
    {
        _cases.Add(new BadInputCase(endpoint, kind, path, json, field ?? DefaultField(path)));
        return this;
    }

    /// <summary>
    /// A text field: one over <paramref name="maxLength"/>, a NUL, a control character, and (in JSON, where types exist) a number
    /// in its place.
    /// </summary>
    public CaseBuilder Text(string path, int maxLength, string? field = null)
    {
        Case(BadInputKind.TooLong, path, Str(new string('x', maxLength + 1)), field)
            .Case(BadInputKind.Nul, path, Str("bad\u0000text"), field)
            .Case(BadInputKind.ControlCharacter, path, Str("bad\u001btext"), field);
        return path.StartsWith("form.", StringComparison.Ordinal) ? this : Case(BadInputKind.WrongType, path, "42", field);
    }

    /// <summary>A field that must be present and not blank.</summary>
    public CaseBuilder Required(string path, string? field = null) =>
        Case(BadInputKind.Missing, path, null, field).Case(BadInputKind.Missing, path, Str("  "), field);

    /// <summary>
    /// A whole number: text (even digits: the API reads numbers strictly), a fraction and a boolean in its place, and the values
    /// out of range given.
    /// </summary>
    public CaseBuilder Number(string path, params string[] outOfRange)
    {
        Case(BadInputKind.WrongType, path, Str("abc")).Case(BadInputKind.WrongType, path, Str("1"))
            .Case(BadInputKind.WrongType, path, "1.5").Case(BadInputKind.WrongType, path, "true");
        foreach (var value in outOfRange)
            Case(BadInputKind.OutOfRange, path, value);
        return this;
    }

    /// <summary>A field that takes one of a few words: a word it does not take, and the other types in its place.</summary>
    public CaseBuilder Choice(string path, params string[] wrongWords)
    {
        foreach (var word in wrongWords)
            Case(BadInputKind.OutOfRange, path, Str(word));
        return Case(BadInputKind.WrongType, path, "[\"x\"]").Case(BadInputKind.WrongType, path, "7");
    }

    // "tags.env" is named as such and "form.name" as "name"; inside a list of objects ("groups[0].rules[0].fromPort") only the
    // last property, since an error names the object by its id ("groups[sg-…].rules[sgr-…].fromPort"), not by its index.
    private static string DefaultField(string path) =>
        path.StartsWith("form.", StringComparison.Ordinal) ? path[5..]
        : path.LastIndexOf("].", StringComparison.Ordinal) is var end and >= 0 ? path[(end + 2)..]
        : path;
}
