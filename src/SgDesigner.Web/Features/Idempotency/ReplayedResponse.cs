using SgDesigner.Data.Idempotency;

namespace SgDesigner.Web.Features.Idempotency;

/// <summary>The kept response of the first request with a key, sent again with <c>Idempotent-Replayed: true</c>.</summary>
/// <param name="kept">Status and headers as first sent.</param>
/// <param name="body">The decrypted body.</param>
public sealed class ReplayedResponse(StoredResponse kept, byte[] body) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = kept.StatusCode;
        if (kept.ContentType is { } contentType)
            response.ContentType = contentType;
        if (kept.Location is { } location)
            response.Headers.Location = location;
        if (kept.ETag is { } etag)
            response.Headers.ETag = etag;
        response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
