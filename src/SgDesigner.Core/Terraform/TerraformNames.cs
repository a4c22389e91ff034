using System.Text;

namespace SgDesigner.Core.Terraform;

/// <summary>
/// Terraform identifiers (letters, digits, <c>_</c> and <c>-</c>, not starting with a digit or <c>-</c>) and
/// escaping of literal strings, in which Terraform would otherwise interpolate <c>${…}</c> and <c>%{…}</c>.
/// </summary>
internal static class TerraformNames
{
    /// <summary>A valid identifier from free text: lower case, other characters as <c>_</c>, runs collapsed.</summary>
    public static string Identifier(string text, string fallbackPrefix)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
            var next = ok ? c : '_';
            if (next == '_' && builder.Length > 0 && builder[^1] == '_')
                continue;
            builder.Append(next);
        }
        var name = builder.ToString().Trim('_');
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
            name = fallbackPrefix + "_" + name;
        return name.TrimEnd('_');
    }

    /// <summary>
    /// Unique identifiers for the keys of <paramref name="items"/>: each gets its preferred name; when several prefer
    /// the same name, the first key (ordinal) keeps it and the others add their own key (<c>web_sg-0a1b</c>), so a
    /// name depends only on its own key and the clashing keys, never on a counter that other edits would shift.
    /// </summary>
    public static Dictionary<string, string> Unique(IEnumerable<(string Key, string Preferred)> items)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = items.OrderBy(i => i.Preferred, StringComparer.Ordinal).ThenBy(i => i.Key, StringComparer.Ordinal).ToList();
        var used = all.Select(i => i.Preferred).ToHashSet(StringComparer.Ordinal);
        string? previous = null;
        foreach (var (key, preferred) in all)
        {
            if (preferred != previous)
            {
                result[key] = preferred;
                previous = preferred;
                continue;
            }
            var suffixed = $"{preferred}_{Identifier(key, "x")}";
            var name = suffixed;
            for (var n = 2; !used.Add(name); n++)
                name = $"{suffixed}_{n}";
            result[key] = name;
        }
        return result;
    }

    /// <summary>A literal string as Terraform JSON must carry it: <c>${</c> and <c>%{</c> doubled.</summary>
    public static string Escape(string text) => text.Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);

    /// <summary>The inverse of <see cref="Escape"/>.</summary>
    public static string Unescape(string text) => text.Replace("$${", "${", StringComparison.Ordinal).Replace("%%{", "%{", StringComparison.Ordinal);
}
