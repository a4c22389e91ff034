using System.Globalization;
using System.Text;

namespace SgDesigner.Core.Validation;

/// <summary>
/// A value a user sent, as an error message quotes it. Every message that repeats what was sent goes through here, so a
/// 100,000-character CIDR does not come back whole (in a problem detail, on sgd's stderr, on a page) and a NUL or a
/// right-to-left override cannot cut or reorder the message around it.
/// </summary>
public static class QuotedValue
{
    /// <summary>How many characters of a value are repeated; the rest is "…".</summary>
    public const int MaxLength = 40;

    /// <summary>The value in single quotes, shortened and escaped as <see cref="Shown"/> does.</summary>
    public static string Of(string? text) => $"'{Shown(text)}'";

    /// <summary>
    /// The first <see cref="MaxLength"/> characters and "…" when longer, with control and format characters
    /// (U+0000, U+202E, U+2028…) written as <c>\u0000</c>.
    /// </summary>
    public static string Shown(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var length = text.Length <= MaxLength ? text.Length : char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        var shown = new StringBuilder(length + 8);
        foreach (var c in text.AsSpan(0, length))
        {
            if (IsHidden(c))
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                shown.Append(c);
        }
        return length < text.Length ? shown.Append('…').ToString() : shown.ToString();
    }

    /// <summary>True for a character a message must not repeat as it is: control characters break lines and terminals;
    /// format characters (bidi overrides, zero-width) and the Unicode line and paragraph separators change how the rest
    /// of the message reads without being seen.</summary>
    public static bool IsHidden(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
