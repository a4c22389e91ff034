using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Data.Store;

/// <summary>
/// The last line of defence for text, whatever path wrote it: no NUL or other control character (PostgreSQL refuses
/// NUL outright, SQLite would store it as it came) and no value longer than its column. Checked on every save, so the
/// two providers refuse the same input with the same named error instead of one of them answering 500. The API and
/// the designer check their fields earlier, with their own paths; this catches what they miss.
/// </summary>
internal static class StoredText
{
    /// <summary>Every problem with the text of the rows about to be written, each at "row[key].property".</summary>
    public static List<ValidationError> Check(ChangeTracker tracker)
    {
        var errors = new List<ValidationError>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.CurrentValue is not string text)
                    continue;
                if (entry.State == EntityState.Modified && !property.IsModified)
                    continue;
                if (Problem(text, property.Metadata.GetMaxLength()) is { } problem)
                    errors.Add(new ValidationError(PathOf(entry, property.Metadata.Name), problem));
            }
        }
        return errors;
    }

    /// <summary>What is wrong with <paramref name="text"/> for a column of at most <paramref name="maxLength"/> characters, or null.</summary>
    public static string? Problem(string text, int? maxLength)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsRefused(c))
                return string.Create(CultureInfo.InvariantCulture,
                    $"contains the control character U+{(int)c:X4} at position {i + 1}; control characters other than tab and line breaks are not allowed");
        }
        return maxLength is { } max && text.Length > max
            ? string.Create(CultureInfo.InvariantCulture, $"is {text.Length:N0} characters long; the limit is {max:N0}")
            : null;
    }

    /// <summary>A control character other than tab and line breaks (which are text in descriptions, comments, assertions).</summary>
    public static bool IsRefused(char c) => AwsLimits.IsRefusedControl(c);

    // "policy.name", "rule[sgr-0abc].description": the row's kind and its text key, then the property, in camelCase.
    private static string PathOf(EntityEntry entry, string property)
    {
        var kind = entry.Metadata.ClrType.Name;
        kind = kind.EndsWith("Row", StringComparison.Ordinal) ? kind[..^3] : kind;
        var keys = entry.Metadata.FindPrimaryKey()?.Properties
            .Where(p => p.ClrType == typeof(string))
            .Select(p => entry.Property(p.Name).CurrentValue as string)
            .Where(v => !string.IsNullOrEmpty(v))
            .ToList() ?? [];
        var key = keys.Count > 0 ? $"[{string.Join(",", keys)}]" : "";
        return $"{Camel(kind)}{key}.{Camel(property)}";
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>Thrown by a save whose text the store refuses (see <see cref="StoredText"/>); the store turns it into an invalid-input failure.</summary>
public sealed class StoredTextException(IReadOnlyList<ValidationError> errors)
    : DbUpdateException($"text refused: {string.Join("; ", errors)}")
{
    /// <summary>Each problem at its place.</summary>
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
