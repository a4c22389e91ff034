using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Validation;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// Turns the framework's bare "Bad Request" (a body that is not JSON, a JSON value of the wrong type, a query value
/// that does not parse, a missing body) into a problem document whose <c>errors</c> are keyed by the field's path
/// and say what was expected: <c>{"fromPort": ["expected a whole number, got a string"]}</c>.
/// </summary>
public sealed partial class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
            return false;
        var (path, message) = Describe(bad);
        // A value of the wrong kind: say what came instead ("expected a JSON array, got a string"); an unknown enum value
        // is of the right kind, and its message lists the values allowed.
        if (bad.InnerException is JsonException { Path: { } jsonPath } && message.StartsWith("expected ", StringComparison.Ordinal)
            && !message.StartsWith("expected one of", StringComparison.Ordinal)
            && await FoundAtAsync(httpContext.Request, jsonPath, cancellationToken) is { } found)
        {
            var at = message.IndexOf(" (line", StringComparison.Ordinal);
            message = at < 0 ? $"{message}, got {found}" : $"{message[..at]}, got {found}{message[at..]}";
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [path] = [message] })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "One or more validation errors occurred." : "Bad request",
            Detail = $"{path}: {message}",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The field a bad request is about and what is wrong with it, in words for the caller.</summary>
    public static (string Path, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
            return DescribeJson(json);
        if (FailedToBind().Match(bad.Message) is { Success: true } binding)
        {
            var type = binding.Groups["type"].Value;
            return (binding.Groups["name"].Value, $"expected {Expected(type)}, got '{binding.Groups["value"].Value}'");
        }
        if (RequiredMissing().Match(bad.Message) is { Success: true } missing)
            return (missing.Groups["name"].Value, "is required");
        if (bad.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase))
            return ("body", "a JSON body is required");
        return ("body", bad.Message);
    }

    private static (string Path, string Message) DescribeJson(JsonException json)
    {
        var path = FieldPath(json.Path);
        var position = json.LineNumber is { } line ? $" (line {line + 1}, position {(json.BytePositionInLine ?? 0) + 1})" : "";
        if (ConvertTo().Match(json.Message) is { Success: true } conversion)
        {
            // A record bound through its constructor is named in place of the property: find the property's type.
            var expected = Expected(PropertyType(conversion.Groups["type"].Value, path) ?? conversion.Groups["type"].Value);
            return path == "$"
                ? ("body", $"the body must be {expected}{position}")
                : (path, $"expected {expected}{position}");
        }
        if (StrictJson.DuplicateProperty(json) is { } name)
            return (path == "$" ? "body" : path, $"{QuotedValue.Of(name)} is given twice{position}; give each property once");
        // Syntax errors: the reader's own sentence names the character, without the type noise.
        var reason = json.Message.Split(" Path:", 2)[0].TrimEnd('.');
        return (path == "$" ? "body" : path, $"not valid JSON{position}: {reason}");
    }

    // What the body holds at a JSON path ("a string"), read again from the buffered body; null when it cannot be told.
    private static async Task<string?> FoundAtAsync(HttpRequest request, string jsonPath, CancellationToken ct)
    {
        if (!request.Body.CanSeek)
            return null;
        request.Body.Position = 0;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            var node = document.RootElement;
            foreach (Match segment in PathSegment().Matches(jsonPath))
            {
                if (segment.Groups["index"].Success)
                {
                    var index = int.Parse(segment.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (node.ValueKind != JsonValueKind.Array || index >= node.GetArrayLength())
                        return null;
                    node = node[index];
                }
                else
                {
                    var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
                    if (node.ValueKind != JsonValueKind.Object)
                        return null;
                    var property = node.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                    if (property.Value.ValueKind == JsonValueKind.Undefined)
                        return null;
                    node = property.Value;
                }
            }
            return node.ValueKind switch
            {
                JsonValueKind.String => "a string",
                JsonValueKind.Number => "a number",
                JsonValueKind.Object => "an object",
                JsonValueKind.Array => "an array",
                JsonValueKind.True or JsonValueKind.False => "true or false",
                JsonValueKind.Null => "null",
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The CLR type at a JSON path below the type named: "RuleRequest" + "fromPort" -> "System.Nullable`1[System.Int32]".
    // The reader names the record it was building, while the path starts at the body: for a record nested in the body
    // ("NodePositionDto" + "positions.sg-1.x") the path's tail is what lies below the record, so the shortest tail that
    // walks is taken.
    private static string? PropertyType(string typeName, string path)
    {
        if (path == "$")
            return null;
        var root = FindType(typeName);
        var segments = path.Split('.');
        for (var skip = 0; skip < segments.Length && root is not null; skip++)
        {
            if (Walk(root, segments[skip..]) is { } type)
            {
                return type.FullName is { } && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>)
                    ? $"System.Nullable`1[{type.GetGenericArguments()[0].FullName}]"
                    : type.IsGenericType ? type.Name : type.FullName;
            }
        }
        return null;
    }

    private static Type? Walk(Type type, string[] segments)
    {
        Type? at = type;
        foreach (var segment in segments)
        {
            // A dictionary's key ("positions.sg-1.x") steps into its value type, whatever the key says.
            if (at is { IsGenericType: true } && at.GetGenericArguments().Length == 2 && at.Name.Contains("Dictionary", StringComparison.Ordinal))
            {
                at = at.GetGenericArguments()[1];
                continue;
            }
            var name = segment.Split('[', 2)[0];
            var property = at?.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
                return null;
            at = property.PropertyType;
            if (segment.Contains('[', StringComparison.Ordinal) && at.IsGenericType)
                at = at.GetGenericArguments()[^1];
        }
        return at;
    }

    private static Type? FindType(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic)
            .Select(a => a.GetType(fullName, throwOnError: false)).FirstOrDefault(t => t is not null);

    // "$.groups[2].fromPort" -> "groups[2].fromPort"; "$" stays (the body itself).
    private static string FieldPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string Expected(string clrType)
    {
        // A collection named by its generic type ("System.Collections.Generic.IReadOnlyList`1[System.String]").
        if (GenericOf().Match(clrType) is { Success: true } generic && !generic.Groups["name"].Value.StartsWith("Nullable", StringComparison.Ordinal))
            return generic.Groups["name"].Value.Contains("Dictionary", StringComparison.Ordinal) ? "a JSON object" : "a JSON array";
        var name = NullableOf().Match(clrType) is { Success: true } inner ? inner.Groups["type"].Value : clrType;
        name = name[(name.LastIndexOf('.') + 1)..];
        var fullName = NullableOf().Match(clrType) is { Success: true } full ? full.Groups["type"].Value : clrType;
        if (FindType(fullName) is { IsEnum: true } enumType)
            return $"one of: {string.Join(", ", Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName))}";
        return name switch
        {
            "Int32" or "Int64" or "Int16" or "Byte" or "int" or "long" => "a whole number",
            "Double" or "Decimal" or "Single" => "a number",
            "String" or "string" => "text (a JSON string)",
            "Boolean" or "bool" => "true or false",
            "Guid" => "an id (a GUID such as 0190f1e4-7c3a-7000-8000-000000000000)",
            "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601, e.g. 2026-12-31T23:59:00Z)",
            _ when name.StartsWith("IReadOnlyDictionary", StringComparison.Ordinal) || name.StartsWith("Dictionary", StringComparison.Ordinal)
                => "an object of text values",
            _ when name.StartsWith("IReadOnlyList", StringComparison.Ordinal) || name.StartsWith("List", StringComparison.Ordinal) || name.EndsWith("[]", StringComparison.Ordinal)
                => "a JSON array",
            _ => $"a JSON object ({name})",
        };
    }

    [GeneratedRegex(@"(?<name>[A-Za-z]+)`\d+\[", RegexOptions.CultureInvariant)]
    private static partial Regex GenericOf();

    // "$.groups[2].rules", "$['odd name']": the property names and array indexes of a JSON path, in order.
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<quoted>[^']*)'\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathSegment();

    [GeneratedRegex(@"could not be converted to (?<type>[^\s]+?)\.? Path", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertTo();

    [GeneratedRegex(@"^(?:System\.Nullable`1\[(?<type>[^\]]+)\]|Nullable<(?<type>[^>]+)>)$", RegexOptions.CultureInvariant)]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"Failed to bind parameter ""(?<type>[^ ]+) (?<name>[^""]+)"" from ""(?<value>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex FailedToBind();

    [GeneratedRegex(@"Required parameter ""(?<type>[^ ]+) (?<name>[^""]+)"" was not provided", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredMissing();
}
