using System.Text.RegularExpressions;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Shared;

/// <summary>One piece of a text as <see cref="NamedText"/> shows it: plain text, or an id shown by its name.</summary>
/// <param name="Text">What is shown: the text, or the name.</param>
/// <param name="Id">The id behind a name (shown on hover), or null for plain text.</param>
public sealed record TextPart(string Text, string? Id);

/// <summary>
/// The names of the ids people see in texts (groups, instances, prefix lists), so that every page shows
/// "demo-web outbound tcp 8443 to demo-alb" with the ids on hover instead of bare <c>sg-0a1b…</c> ids. The engine's
/// and the API's texts keep ids (scripts match them); this is the one place that turns them into names for people.
/// </summary>
public sealed partial class IdNames
{
    private readonly IReadOnlyDictionary<string, string> _names;

    /// <summary>Names by id.</summary>
    public IdNames(IReadOnlyDictionary<string, string> names) => _names = names;

    /// <summary>No names: texts are shown as they are.</summary>
    public static IdNames None { get; } = new(new Dictionary<string, string>());

    /// <summary>Names by id (for an API response).</summary>
    public IReadOnlyDictionary<string, string> Names => _names;

    /// <summary>The names in <paramref name="estates"/>; a later estate's name wins (the draft over its base).</summary>
    public static IdNames Of(params Estate?[] estates)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var estate in estates.OfType<Estate>())
        {
            foreach (var g in estate.Groups)
                names[g.Id] = g.Name;
            foreach (var l in estate.PrefixLists)
                names[l.Id] = l.Name;
            foreach (var i in estate.Instances.Where(i => !string.IsNullOrEmpty(i.Name)))
                names[i.Id] = i.Name!;
        }
        return new IdNames(names);
    }

    /// <summary>True when both name the same ids the same: a page keeps the names it has (and what it rendered with them).</summary>
    public bool SameAs(IdNames other) =>
        ReferenceEquals(this, other) || _names.Count == other._names.Count && _names.All(p => other._names.TryGetValue(p.Key, out var name) && name == p.Value);

    /// <summary>Only the names of ids that occur in <paramref name="texts"/> (an API response names what it mentions).</summary>
    public IdNames Mentioned(IEnumerable<string?> texts)
    {
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts.OfType<string>())
        {
            foreach (Match m in IdPattern().Matches(text))
            {
                if (_names.TryGetValue(m.Groups["id"].Value, out var name))
                    used[m.Groups["id"].Value] = name;
            }
        }
        return new IdNames(used);
    }

    /// <summary>The name of <paramref name="id"/>, or null (always for a group of another account: it is not in the estate).</summary>
    public string? NameOf(string id) => _names.GetValueOrDefault(id);

    /// <summary><paramref name="id"/>'s name, or the id when it has none.</summary>
    public string Label(string id) => NameOf(id) ?? id;

    /// <summary>
    /// Splits <paramref name="text"/> into plain text and named ids. An id followed by its name in parentheses
    /// (<c>sg-1 (web)</c>, how the engine writes groups) is one part, shown once by the name.
    /// </summary>
    public IReadOnlyList<TextPart> Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return [];
        var parts = new List<TextPart>();
        var at = 0;
        foreach (Match m in IdPattern().Matches(text))
        {
            var id = m.Groups["id"].Value;
            if (NameOf(id) is not { } name)
                continue;
            var end = m.Index + m.Length;
            var echo = $" ({name})";
            if (string.CompareOrdinal(text, end, echo, 0, echo.Length) == 0)
                end += echo.Length;
            if (m.Index > at)
                parts.Add(new TextPart(text[at..m.Index], null));
            parts.Add(new TextPart(name, id));
            at = end;
        }
        if (at < text.Length)
            parts.Add(new TextPart(text[at..], null));
        return parts;
    }

    /// <summary><paramref name="text"/> with every known id replaced by its name (for places that take plain strings).</summary>
    public string Plain(string? text) => string.Concat(Split(text).Select(p => p.Text));

    // Group, prefix-list and instance ids as AWS writes them, whole words only; a group of another account (111122223333/sg-…)
    // is matched whole so that its local part is never taken for the estate's group of the same id.
    [GeneratedRegex(@"(?<![\w-])(?<id>(?:\d{12}/)?(?:sg|pl|i)-[0-9A-Za-z]+)(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
