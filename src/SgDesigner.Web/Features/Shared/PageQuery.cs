using System.Globalization;
using SgDesigner.Core.Validation;

namespace SgDesigner.Web.Features.Shared;

/// <summary>
/// A page's values from its query string, taken as text and parsed here. Bound straight to an <c>int?</c> or a
/// <c>Guid?</c>, Blazor throws on <c>?days=abc</c> and the page answers 500; here the page gets the problem, which names
/// the parameter and says what it accepts, and shows it.
/// </summary>
public static class PageQuery
{
    /// <summary>The whole number in <paramref name="text"/> from <paramref name="min"/> to <paramref name="max"/>; null (and no problem) when left out.</summary>
    public static (int? Value, string? Problem) WholeNumber(string? text, string name, int min, int max = int.MaxValue)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, null);
        var range = max == int.MaxValue ? $"give {min} or more" : $"give {min} to {max}";
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return (number, null);
        // Digits that do not fit an int are a number out of range too.
        var digits = trimmed.TrimStart('-', '+');
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? (null, $"?{name}={QuotedValue.Shown(text)} is out of range: {range}")
            : (null, $"?{name}={QuotedValue.Shown(text)} is not a whole number: {range}");
    }

    /// <summary>The id in <paramref name="text"/>; null (and no problem) when left out.</summary>
    public static (Guid? Value, string? Problem) Id(string? text, string name, string what) =>
        string.IsNullOrWhiteSpace(text) ? (null, null)
        : Guid.TryParse(text.Trim(), out var id) ? (id, null)
        : (null, $"?{name}={QuotedValue.Shown(text)} is not {what} id (a GUID such as 0190f1e4-7c3a-7000-8000-000000000000)");
}
