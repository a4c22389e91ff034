using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Shared;

/// <summary>
/// Problems found in a request before anything reaches the store, keyed by field path, and the warnings
/// (such as host bits cleared from a CIDR) that go back to the caller when the request succeeds.
/// </summary>
public sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    /// <summary>True when at least one error was recorded.</summary>
    public bool Any => _errors.Count > 0;

    /// <summary>Warnings collected so far.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Records that <paramref name="path"/> is wrong and why.</summary>
    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var messages))
            _errors[path] = messages = [];
        messages.Add(message);
    }

    /// <summary>Records every error of a validator at its path.</summary>
    public void AddRange(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
            Add(error.Path, error.Message);
    }

    /// <summary>The parsed value, or default after recording the parser's error at <paramref name="path"/>; keeps its warning.</summary>
    public T? Take<T>(ParseResult<T> result, string path)
    {
        if (!result.IsOk)
        {
            Add(path, result.Error!);
            return default;
        }
        if (result.Warning is { } warning)
            _warnings.Add($"{path}: {warning}");
        return result.Value;
    }

    /// <summary>Errors as the <c>errors</c> member of a validation problem document.</summary>
    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
