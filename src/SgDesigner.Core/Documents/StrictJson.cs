using System.Text.Json;
using System.Text.RegularExpressions;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Documents;

/// <summary>
/// How every reader of user input parses JSON. A property given twice in one object is refused: a reader would
/// otherwise keep the last one silently, and what a reviewer reads in the file (the first) would not be what is stored.
/// </summary>
public static partial class StrictJson
{
    /// <summary>For files people edit by hand (policy documents, AWS CLI output, Terraform JSON): trailing commas and comments pass.</summary>
    public static JsonDocumentOptions Files => new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        AllowDuplicateProperties = false,
    };

    /// <summary>For one-line inputs (a batch query, an assertion): plain JSON.</summary>
    public static JsonDocumentOptions Lines => new() { AllowDuplicateProperties = false };

    /// <summary>The property a parse failed on because it was given twice, or null when the failure was something else.</summary>
    public static string? DuplicateProperty(JsonException error) =>
        Duplicate().Match(error.Message) is { Success: true } match ? match.Groups["name"].Value : null;

    /// <summary>The reader's reason in plain words, without the type and path noise it appends.</summary>
    public static string Reason(JsonException error) =>
        DuplicateProperty(error) is { } name
            ? $"the property {QuotedValue.Of(name)} appears twice in one object; give it once"
            : error.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' ');

    [GeneratedRegex("""Duplicate property '(?<name>[^']*)'""", RegexOptions.CultureInvariant)]
    private static partial Regex Duplicate();
}
