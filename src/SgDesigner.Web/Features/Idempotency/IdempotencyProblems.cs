using Microsoft.AspNetCore.Http.HttpResults;

namespace SgDesigner.Web.Features.Idempotency;

/// <summary>The problem documents a request with an <c>Idempotency-Key</c> can get instead of running.</summary>
public static class IdempotencyProblems
{
    /// <summary>409: the first request with the key has not finished.</summary>
    public static ProblemHttpResult InProgress() =>
        TypedResults.Problem(title: "Request with this Idempotency-Key in progress",
            detail: $"A request with this {IdempotencyKey.Header} is still running. Retry later (see Retry-After) to get its result; nothing was done twice.",
            statusCode: StatusCodes.Status409Conflict);

    /// <summary>422: the key was first used for a different request.</summary>
    public static ProblemHttpResult Mismatch(string firstEndpoint, string thisEndpoint) =>
        TypedResults.Problem(title: "Idempotency-Key reused for a different request",
            detail: firstEndpoint == thisEndpoint
                ? $"This {IdempotencyKey.Header} was already used with {firstEndpoint} for a different request (path, query or body). Use a new key for a new request; nothing was stored."
                : $"This {IdempotencyKey.Header} was already used with {firstEndpoint}, not {thisEndpoint}. Use a new key for a new request; nothing was stored.",
            statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>422: another credential of the user (a session or another token) used the key; its result is not shown to this one.</summary>
    public static ProblemHttpResult OtherCredential() =>
        TypedResults.Problem(title: "Idempotency-Key used by another credential",
            detail: $"This {IdempotencyKey.Header} was already used by another of your credentials (a signed-in session or another access token). " +
                "Its result is shown only to the credential that made it. Use a new key for a new request; nothing was stored.",
            statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>422: the first result was kept but can no longer be decrypted (the data-protection keys changed).</summary>
    public static ProblemHttpResult Unreadable() =>
        TypedResults.Problem(title: "The first result of this Idempotency-Key cannot be shown again",
            detail: $"The request with this {IdempotencyKey.Header} succeeded, but its result can no longer be decrypted (the server's data-protection keys changed). " +
                "It was not run again. Look up what it created, or use a new key to create something new.",
            statusCode: StatusCodes.Status422UnprocessableEntity);
}
