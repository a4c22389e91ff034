using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Terraform;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Plans;

/// <summary>
/// Terraform JSON written from a plan's or a state's resource values, for <see cref="TerraformImporter"/> to read:
/// the plan readers go through the importer so the AWS provider's arguments are read in one place.
/// </summary>
internal static partial class SyntheticTerraform
{
    /// <summary>A resource name per address (addresses hold dots and brackets, names may not), unique among them.</summary>
    public static Dictionary<string, string> Names(IEnumerable<PlannedResource> resources)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in resources)
        {
            var name = NameChars().Replace(r.Address, "_");
            if (!char.IsLetter(name[0]) && name[0] != '_')
                name = "r_" + name;
            var unique = name;
            for (var i = 2; !taken.Add(unique); i++)
                unique = $"{name}_{i}";
            names[r.Address] = unique;
        }
        return names;
    }

    /// <summary>An importer message with the synthetic names put back as the resources' addresses.</summary>
    public static string InAddresses(string message, Dictionary<string, string> names)
    {
        foreach (var (address, name) in names.OrderByDescending(n => n.Value.Length))
            message = message.Replace($".{name}.", $"[{address}].", StringComparison.Ordinal).Replace($".{name}:", $"[{address}]:", StringComparison.Ordinal);
        return message.Replace("main.tf.json:$.resource.", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// The JSON path of the resource an importer error is about, from the synthetic name in its path
    /// (<c>main.tf.json:$.resource.TYPE.NAME.field</c>); null for one that is none of <paramref name="resources"/> (a stub).
    /// </summary>
    public static string? SourceOf(ValidationError error, Dictionary<string, string> names, IEnumerable<PlannedResource> resources)
    {
        const string Resource = "$.resource.";
        var at = error.Path.IndexOf(Resource, StringComparison.Ordinal);
        if (at < 0)
            return null;
        // Synthetic names hold letters, digits, '_' and '-' only (Names), so the name ends at the next '.' or '['.
        var segments = error.Path[(at + Resource.Length)..].Split('.');
        if (segments.Length < 2)
            return null;
        var name = segments[1].Split('[')[0];
        var address = names.FirstOrDefault(n => n.Value == name).Key;
        return address is null ? null : resources.FirstOrDefault(r => r.Address == address)?.JsonPath;
    }

    public static void Add(JsonObject resource, string type, string name, JsonObject values)
    {
        if (resource[type] is not JsonObject byType)
            resource[type] = byType = [];
        byType[name] = values;
    }

    /// <summary>The values with nulls dropped and every string escaped, since Terraform JSON reads strings as templates.</summary>
    public static JsonObject Escaped(JsonObject values)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in values)
        {
            if (Escaped(value) is { } v)
                copy[key] = v;
        }
        return copy;
    }

    private static JsonNode? Escaped(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => Escaped(o),
        JsonArray a => new JsonArray([.. a.Select(Escaped).Where(n => n is not null)]),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(TerraformNames.Escape(s)),
        _ => node.DeepClone(),
    };

    /// <summary>A non-empty string attribute, or null.</summary>
    public static string? Text(JsonObject? values, string name) =>
        values?[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    /// <summary>
    /// "ADDRESS.field: expected a string, found a number" for the first of <paramref name="fields"/> given with another JSON
    /// type than a string (a list of strings for <paramref name="lists"/>), or null. <see cref="Text"/> reads such a value as
    /// absent, which would make a malformed id look like one Terraform learns only on apply.
    /// </summary>
    public static string? TypeProblem(PlannedResource resource, JsonObject values, string[] fields, string[] lists)
    {
        foreach (var field in fields)
        {
            if (values[field] is { } node && node.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Null) and var kind)
                return $"{resource.Address}.{field}: expected a string, found {JsonInput.Describe(kind)}";
            if (IdProblem(values[field]) is { } problem)
                return $"{resource.Address}.{field}: {problem}";
        }
        foreach (var field in lists)
        {
            if (values[field] is not { } node || node.GetValueKind() == JsonValueKind.Null)
                continue;
            if (node is not JsonArray items)
                return $"{resource.Address}.{field}: expected an array of strings, found {JsonInput.Describe(node.GetValueKind())}";
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i]?.GetValueKind() is not JsonValueKind.String and var kind)
                    return FormattableString.Invariant($"{resource.Address}.{field}[{i}]: expected a string, found {JsonInput.Describe(kind ?? JsonValueKind.Null)}");
                if (IdProblem(items[i]) is { } problem)
                    return FormattableString.Invariant($"{resource.Address}.{field}[{i}]: {problem}");
            }
        }
        return null;
    }

    // An id or a ${ADDRESS.id} reference: it becomes an object's id and is echoed in every answer and warning.
    private static readonly int IdMaxLength = ResourceAddress.MaxLength + "${.id}".Length;

    private static string? IdProblem(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
            return null;
        if (text.Length > IdMaxLength)
            return FormattableString.Invariant($"the id is {text.Length} characters long; an id or a reference is at most {IdMaxLength}");
        return text.Any(QuotedValue.IsHidden) ? $"{QuotedValue.Of(text)} holds a control or format character; an id has none" : null;
    }

    /// <summary>The address inside <c>${ADDRESS.id}</c> (how the plan reader writes a value known only after apply), or null.</summary>
    public static string? ReferencedAddress(string text)
    {
        var match = Reference().Match(text);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"[^A-Za-z0-9_-]")]
    private static partial Regex NameChars();

    [GeneratedRegex(@"^\$\{(.+)\.id\}$")]
    private static partial Regex Reference();
}
