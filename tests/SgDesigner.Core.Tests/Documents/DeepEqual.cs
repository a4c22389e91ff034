using System.Collections;
using System.Reflection;

namespace SgDesigner.Core.Tests.Documents;

/// <summary>
/// Structural comparison of Core model values: records compared property by property, arrays and
/// dictionaries element by element (records holding ImmutableArray compare by reference otherwise).
/// Reports the first difference with its path.
/// </summary>
internal static class DeepEqual
{
    public static void Assert<T>(T expected, T actual)
    {
        var difference = FindDifference(expected, actual, "$");
        if (difference is not null)
            Xunit.Assert.Fail(difference);
    }

    public static string? FindDifference(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        var type = expected.GetType();
        if (type != actual.GetType())
            return $"{path}: expected a {type.Name}, got a {actual.GetType().Name}";
        if (type.IsPrimitive || type.IsEnum || expected is string || type.Namespace == "System")
            return Equals(expected, actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        if (expected is IDictionary expectedMap && actual is IDictionary actualMap)
        {
            if (expectedMap.Count != actualMap.Count)
                return $"{path}: expected {expectedMap.Count} entries, got {actualMap.Count}";
            foreach (DictionaryEntry entry in expectedMap)
            {
                if (!actualMap.Contains(entry.Key))
                    return $"{path}[{entry.Key}]: missing";
                var d = FindDifference(entry.Value, actualMap[entry.Key], $"{path}[{entry.Key}]");
                if (d is not null)
                    return d;
            }
            return null;
        }
        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
        {
            var e = expectedItems.Cast<object?>().ToList();
            var a = actualItems.Cast<object?>().ToList();
            if (e.Count != a.Count)
                return $"{path}: expected {e.Count} items, got {a.Count}";
            for (var i = 0; i < e.Count; i++)
            {
                var d = FindDifference(e[i], a[i], $"{path}[{i}]");
                if (d is not null)
                    return d;
            }
            return null;
        }
        if (type.IsValueType && type.Namespace!.StartsWith("SgDesigner", StringComparison.Ordinal))
            return Equals(expected, actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
                continue;
            var d = FindDifference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            if (d is not null)
                return d;
        }
        return null;
    }

    private static string Show(object? value) => value is null ? "null" : $"'{value}'";
}
