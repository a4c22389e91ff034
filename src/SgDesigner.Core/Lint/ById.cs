namespace SgDesigner.Core.Lint;

/// <summary>Lookups by id that tolerate a repeated id (a hand-edited estate): the first holder of the id wins.</summary>
internal static class ById
{
    public static Dictionary<string, T> First<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
            result.TryAdd(id(item), item);
        return result;
    }
}
