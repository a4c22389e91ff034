using System.Collections.Immutable;

namespace SgDesigner.Web.Features.Shared;

/// <summary>AWS tags as a request sends them.</summary>
public static class RequestTags
{
    /// <summary>
    /// The tags in key order; a JSON null as a value (which binds, whatever the type says) is an error at
    /// <c>{owner}.tags[key]</c> rather than a null that fails deeper down.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> Read(IReadOnlyDictionary<string, string>? tags, string owner, RequestErrors errors)
    {
        foreach (var key in (tags ?? ImmutableDictionary<string, string>.Empty).Where(t => t.Value is null).Select(t => t.Key))
            errors.Add($"{owner}.tags[{key}]", "a tag value must be text (\"\" for none), not null");
        return (tags ?? ImmutableDictionary<string, string>.Empty).Where(t => t.Value is not null)
            .ToImmutableSortedDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }
}
