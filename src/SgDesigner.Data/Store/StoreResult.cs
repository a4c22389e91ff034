using System.Collections.Immutable;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;

namespace SgDesigner.Data.Store;

/// <summary>Why a store operation did not happen; the web layer maps these to 404, 409 and 400.</summary>
public enum StoreFailureKind
{
    /// <summary>The policy, revision or draft does not exist.</summary>
    NotFound,
    /// <summary>Someone else changed it first (stale row version), or the operation clashes with its state.</summary>
    Conflict,
    /// <summary>The input breaks a rule of the model; <see cref="StoreFailure.Errors"/> says where and why.</summary>
    Invalid,
    /// <summary>The user's role (or token) does not allow it, or a review rule forbids it (approving one's own request).</summary>
    Forbidden,
}

/// <summary>A typed failure with a message and, when invalid, the problems at their places.</summary>
/// <param name="Kind">What kind of failure.</param>
/// <param name="Message">A sentence for the user.</param>
/// <param name="Errors">For <see cref="StoreFailureKind.Invalid"/>: each problem with its path; for some conflicts, what clashes, at its path.</param>
public sealed record StoreFailure(StoreFailureKind Kind, string Message, ImmutableArray<ValidationError> Errors)
{
    /// <summary>A not-found failure.</summary>
    public static StoreFailure NotFound(string message) => new(StoreFailureKind.NotFound, message, []);

    /// <summary>A conflict failure.</summary>
    public static StoreFailure Conflict(string message) => new(StoreFailureKind.Conflict, message, []);

    /// <summary>
    /// A conflict with the state of what it names at their places (the assertions a merge would break, at
    /// <c>assertions[line N]</c>): the API lists them as <c>errors</c> beside the message, as it does for invalid input.
    /// </summary>
    public static StoreFailure Conflict(string message, IEnumerable<ValidationError> at) =>
        new(StoreFailureKind.Conflict, message, [.. at]);

    /// <summary>
    /// A conflict because the caller's version is stale: the thing is now at <paramref name="currentVersion"/>. Still a
    /// <see cref="StoreFailureKind.Conflict"/> for the UI; the API answers it with 412 and the current version.
    /// </summary>
    public static StoreFailure Stale(string message, long currentVersion) =>
        new(StoreFailureKind.Conflict, message, []) { CurrentVersion = currentVersion };

    /// <summary>
    /// A conflict because the caller's validator is stale: the state it replaces now has the validator
    /// <paramref name="currentTag"/> (see <see cref="StateTag"/>).
    /// </summary>
    public static StoreFailure Stale(string message, string currentTag) =>
        new(StoreFailureKind.Conflict, message, []) { CurrentTag = currentTag };

    /// <summary>For a stale draft version: the draft's version now.</summary>
    public long? CurrentVersion { get; init; }

    /// <summary>For a stale validator of state without a version column: the validator of the state now.</summary>
    public string? CurrentTag { get; init; }

    /// <summary>True when the write was refused only because the caller's version or validator is stale.</summary>
    public bool IsStale => CurrentVersion is not null || CurrentTag is not null;

    /// <summary>A forbidden failure saying what is missing.</summary>
    public static StoreFailure Forbidden(string message) => new(StoreFailureKind.Forbidden, message, []);

    /// <summary>An invalid-input failure listing the problems.</summary>
    public static StoreFailure Invalid(IEnumerable<ValidationError> errors)
    {
        var list = errors.ToImmutableArray();
        return new(StoreFailureKind.Invalid, list.Length == 1 ? list[0].ToString() : $"{list.Length} problems: {list[0]}; …", list);
    }

    /// <summary>Why an edit of Core's was refused: not found, or invalid with its problems.</summary>
    public static StoreFailure Refused(EditResult edit) =>
        edit.Refusal == EditRefusal.NotFound ? NotFound(edit.Message) : Invalid(edit.Errors);

    /// <summary>An invalid-input failure for one field.</summary>
    public static StoreFailure Invalid(string path, string message) => Invalid([new ValidationError(path, message)]);
}

/// <summary>Either the value of a successful store operation or why it failed.</summary>
/// <typeparam name="T">The value type.</typeparam>
public readonly record struct StoreResult<T>
{
    private readonly T _value;

    private StoreResult(T value, StoreFailure? failure)
    {
        _value = value;
        Failure = failure;
    }

    /// <summary>Why it failed, or null.</summary>
    public StoreFailure? Failure { get; }

    /// <summary>True when the operation succeeded.</summary>
    public bool IsOk => Failure is null;

    /// <summary>The value; throws when the operation failed.</summary>
    public T Value => Failure is null ? _value : throw new InvalidOperationException(Failure.Message);

    /// <summary>A success.</summary>
    public static StoreResult<T> Ok(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static implicit operator StoreResult<T>(StoreFailure failure) => new(default!, failure);

    /// <summary>A success.</summary>
    public static implicit operator StoreResult<T>(T value) => new(value, null);

    /// <inheritdoc />
    public override string ToString() => IsOk ? $"Ok({_value})" : $"{Failure!.Kind}: {Failure.Message}";
}
