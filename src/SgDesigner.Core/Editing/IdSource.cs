using System.Globalization;
using System.Security.Cryptography;

namespace SgDesigner.Core.Editing;

/// <summary>
/// Draws ids for objects created by an edit, shaped like AWS's (prefix and 17 hex digits). The app draws random ones;
/// a test can count instead, so that the same edits made twice produce the same document.
/// </summary>
/// <param name="draw">Makes the id for a prefix such as <c>sg-</c> or <c>sgr-</c>.</param>
public sealed class IdSource(Func<string, string> draw)
{
    /// <summary>Random ids, as AWS's look.</summary>
    public static IdSource Random { get; } = new(prefix => prefix + RandomNumberGenerator.GetHexString(17, lowercase: true));

    /// <summary>Ids 1, 2, 3… in hex after the prefix, counted per source: the same calls give the same ids.</summary>
    public static IdSource Counting()
    {
        var next = 0L;
        return new IdSource(prefix => prefix + Interlocked.Increment(ref next).ToString("x17", CultureInfo.InvariantCulture));
    }

    /// <summary>A new id with <paramref name="prefix"/>.</summary>
    public string Next(string prefix) => draw(prefix);

    /// <summary>The given id (trimmed) when there is one, otherwise a new one.</summary>
    public string OrNext(string? given, string prefix) => string.IsNullOrWhiteSpace(given) ? Next(prefix) : given.Trim();
}
