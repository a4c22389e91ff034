using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Idempotency;

/// <summary>A request that carries an <c>Idempotency-Key</c>, as the store compares it with the first one.</summary>
/// <param name="UserId">Whose key it is.</param>
/// <param name="TokenId">The access token that sends it, or null for a signed-in session.</param>
/// <param name="Key">The key as sent.</param>
/// <param name="Endpoint">Method and route template, e.g. <c>POST /api/policies</c>.</param>
/// <param name="RequestHash">SHA-256 (hex) of method, path, query, content type and body.</param>
public sealed record IdempotentRequest(Guid UserId, Guid? TokenId, string Key, string Endpoint, string RequestHash);

/// <summary>A successful response kept for replay; the body is encrypted by the web app.</summary>
/// <param name="StatusCode">The 2xx status.</param>
/// <param name="ContentType">Its <c>Content-Type</c>, if any.</param>
/// <param name="Location">Its <c>Location</c>, if any.</param>
/// <param name="ETag">Its <c>ETag</c>, if any.</param>
/// <param name="ProtectedBody">The body, encrypted.</param>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, string? ETag, byte[] ProtectedBody);

/// <summary>What a request with a key may do.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key is new (or expired): run the request, then complete or abandon the record.</summary>
    Run,
    /// <summary>The same request already succeeded: send its response again.</summary>
    Replay,
    /// <summary>The first request with the key is still running.</summary>
    InProgress,
    /// <summary>The key was used for a different request (another endpoint, path, query or body).</summary>
    Mismatch,
    /// <summary>The key was used by another credential of the user (a session, or another token): its result is not theirs to see.</summary>
    OtherCredential,
}

/// <summary>The answer to <see cref="IdempotencyStore.BeginAsync"/>.</summary>
/// <param name="Outcome">What to do.</param>
/// <param name="RecordId">The record this request owns (for <see cref="IdempotencyOutcome.Run"/>).</param>
/// <param name="Response">The response to replay (for <see cref="IdempotencyOutcome.Replay"/>).</param>
/// <param name="FirstEndpoint">Where the key was first used (for <see cref="IdempotencyOutcome.Mismatch"/>).</param>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, Guid RecordId = default, StoredResponse? Response = null, string? FirstEndpoint = null);

/// <summary>
/// The <c>Idempotency-Key</c>s users sent with creating requests. Keys are per user; a result is replayed only to the
/// credential (the same token, or a session) that made it. A request claims a new key by inserting a pending record;
/// the unique index on (user, key) makes exactly one of two racing requests win, and the loser looks at the winner's
/// record. Only successes are kept (<see cref="CompleteAsync"/>); a failed request gives its key back
/// (<see cref="AbandonAsync"/>), since it created nothing. Records expire after <see cref="Lifetime"/>: an expired one is
/// replaced when its key comes again, and expired ones are purged at most once an hour, by whichever request comes then.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<SgDbContext> contexts, TimeProvider clock)
{
    /// <summary>The longest key accepted (Stripe's limit).</summary>
    public const int MaxKeyLength = 255;

    /// <summary>How long a key is remembered.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);
    private long _nextPurgeTicks;

    /// <summary>Claims the key for this request, or says why the request must not run again.</summary>
    public async Task<IdempotencyClaim> BeginAsync(IdempotentRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = StoredTime.Stored(clock.GetUtcNow().UtcDateTime);
        await PurgeWhenDueAsync(now, ct);
        // Each round finds the record of the key or inserts one; of two requests inserting at once, the unique index lets
        // one win and the other goes round again and finds the winner's. An expired record is removed and the key tried again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var first = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.UserId == request.UserId && r.Key == request.Key, ct);
            if (first is not null && first.ExpiresAt > now)
                return Compare(first, request);
            if (first is not null)
                await db.IdempotencyRecords.Where(r => r.Id == first.Id).ExecuteDeleteAsync(ct);
            var row = new IdempotencyRecordRow
            {
                Id = Guid.NewGuid(), UserId = request.UserId, TokenId = request.TokenId, Key = request.Key, Endpoint = request.Endpoint,
                RequestHash = request.RequestHash, State = IdempotencyState.Pending, CreatedAt = now, ExpiresAt = now + Lifetime,
            };
            db.IdempotencyRecords.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return new IdempotencyClaim(IdempotencyOutcome.Run, row.Id);
            }
            catch (DbUpdateException e) when (IsDuplicateKey(e))
            {
            }
        }
        return new IdempotencyClaim(IdempotencyOutcome.InProgress);
    }

    /// <summary>Keeps the successful response of the request that owns <paramref name="recordId"/>.</summary>
    public async Task CompleteAsync(Guid recordId, StoredResponse response, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.Id == recordId && r.State == IdempotencyState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, IdempotencyState.Completed)
                .SetProperty(r => r.StatusCode, response.StatusCode)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.Location, response.Location)
                .SetProperty(r => r.ETag, response.ETag)
                .SetProperty(r => r.ProtectedBody, response.ProtectedBody), ct);
    }

    /// <summary>Gives the key back after the request failed: it created nothing, so a retry runs again.</summary>
    public async Task AbandonAsync(Guid recordId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.Id == recordId && r.State == IdempotencyState.Pending).ExecuteDeleteAsync(ct);
    }

    /// <summary>Deletes the records expired at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(DateTime now, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }

    private async Task PurgeWhenDueAsync(DateTime now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextPurgeTicks);
        if (now.Ticks < due || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeInterval).Ticks, due) != due)
            return;
        await PurgeExpiredAsync(now, ct);
    }

    private static IdempotencyClaim Compare(IdempotencyRecordRow first, IdempotentRequest request)
    {
        if (first.Endpoint != request.Endpoint || first.RequestHash != request.RequestHash)
            return new IdempotencyClaim(IdempotencyOutcome.Mismatch, FirstEndpoint: first.Endpoint);
        if (first.TokenId != request.TokenId)
            return new IdempotencyClaim(IdempotencyOutcome.OtherCredential, FirstEndpoint: first.Endpoint);
        if (first.State == IdempotencyState.Pending)
            return new IdempotencyClaim(IdempotencyOutcome.InProgress);
        return new IdempotencyClaim(IdempotencyOutcome.Replay, first.Id,
            new StoredResponse(first.StatusCode!.Value, first.ContentType, first.Location, first.ETag, first.ProtectedBody ?? []));
    }

    // PostgreSQL 23505; SQLite 19 with 2067 (unique index) or 1555 (primary key). https://www.sqlite.org/rescode.html
    private static bool IsDuplicateKey(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
            or SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
}
