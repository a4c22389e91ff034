namespace SgDesigner.Data.Rows;

/// <summary>Where an <c>Idempotency-Key</c> stands: its request is still running, or it finished and its response is kept.</summary>
public enum IdempotencyState
{
    /// <summary>The first request with the key is running; a retry now is told to come back later.</summary>
    Pending,
    /// <summary>The first request succeeded; a retry gets its response again.</summary>
    Completed,
}

/// <summary>
/// One <c>Idempotency-Key</c> a user sent with a creating POST, and, once the request succeeded, its response (status,
/// the headers a client reads, and the body encrypted by the web app, since a token's creation returns its secret).
/// Unique per user and key; kept 24 hours.
/// </summary>
public sealed class IdempotencyRecordRow
{
    public Guid Id { get; set; }
    /// <summary>Whose key it is: a user's keys are theirs alone, whichever of their tokens or sessions sent them.</summary>
    public Guid UserId { get; set; }
    /// <summary>
    /// The access token that sent the first request, or null for a signed-in session. The result is replayed only to the
    /// same credential: a token narrower than the one that created something must not read its result (a token's secret).
    /// </summary>
    public Guid? TokenId { get; set; }
    /// <summary>The key as sent (1–255 visible ASCII characters).</summary>
    public required string Key { get; set; }
    /// <summary>The method and route template the key was first used on, e.g. <c>POST /api/policies/{policyId:guid}/drafts</c>.</summary>
    public required string Endpoint { get; set; }
    /// <summary>SHA-256 (hex) of the first request: method, path, query, content type and body bytes.</summary>
    public required string RequestHash { get; set; }
    public IdempotencyState State { get; set; }
    /// <summary>The response's status code once completed.</summary>
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    /// <summary>The response body, encrypted by the caller of the store (ASP.NET Core data protection).</summary>
    public byte[]? ProtectedBody { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the key may be used again for something new.</summary>
    public DateTime ExpiresAt { get; set; }
}
