using System.Security.Cryptography;
using System.Text;

namespace SgDesigner.Data.Store;

/// <summary>
/// A strong validator for state that has no version column (a policy's name and description, its settings, its graph
/// layout, its members): a short hash of exactly what a write replaces. A write that names the validator it read is
/// refused as stale when the state has changed since, compared inside the write's transaction.
/// </summary>
public static class StateTag
{
    /// <summary>The validator of the given parts (order matters; null and empty differ).</summary>
    public static string Of(params IEnumerable<string?> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
            text.Append(part is null ? "\u0001" : part.Replace("\u0000", "\u0000\u0000", StringComparison.Ordinal)).Append('\u0000');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        // 80 bits: no accidental collision between two states of one thing, and short enough to read in a header.
        return Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    /// <summary>
    /// Null when <paramref name="expected"/> is null (no precondition) or equals <paramref name="current"/>; otherwise
    /// the stale failure naming <paramref name="what"/> and the current validator.
    /// </summary>
    public static StoreFailure? Check(string? expected, string current, string what) =>
        expected is null || string.Equals(expected, current, StringComparison.Ordinal) ? null
        : StoreFailure.Stale($"{what} was changed by someone else since you read it (your ETag is \"{expected}\", it is now \"{current}\"); reload it", current);
}
