namespace SgDesigner.Core.Model;

/// <summary>
/// The outcome of parsing user or file input: a value, or the reason it was refused.
/// Parsers return this instead of throwing so callers can report every problem at its place.
/// </summary>
/// <typeparam name="T">The parsed type.</typeparam>
public readonly record struct ParseResult<T>
{
    private readonly T _value;

    private ParseResult(T value, string? error, string? warning)
    {
        _value = value;
        Error = error;
        Warning = warning;
    }

    /// <summary>Why the input was refused, or null when it parsed.</summary>
    public string? Error { get; }

    /// <summary>Something the user should be told although the input was accepted (e.g. host bits cleared).</summary>
    public string? Warning { get; }

    /// <summary>
    /// Where in the input the refused part is, when the parser knows it as data rather than in the message: the JSON path
    /// of a plan's or a state's resource (<c>$.resource_changes[3]</c>, <c>$.prior_state.values.root_module.resources[0]</c>);
    /// null otherwise.
    /// </summary>
    public string? ErrorSource { get; private init; }

    /// <summary>True when the input parsed.</summary>
    public bool IsOk => Error is null;

    /// <summary>The parsed value; throws when parsing failed.</summary>
    public T Value => Error is null ? _value : throw new InvalidOperationException(Error);

    /// <summary>A successful result, optionally with a warning.</summary>
    public static ParseResult<T> Ok(T value, string? warning = null) => new(value, null, warning);

    /// <summary>A failed result carrying the reason.</summary>
    public static ParseResult<T> Fail(string error) => new(default!, error, null);

    /// <summary>A failed result carrying the reason and where in the input it is (<see cref="ErrorSource"/>).</summary>
    public static ParseResult<T> Fail(string error, string? source) => new(default!, error, null) { ErrorSource = source };
}
