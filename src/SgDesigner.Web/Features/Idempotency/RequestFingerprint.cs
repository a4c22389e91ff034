using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace SgDesigner.Web.Features.Idempotency;

/// <summary>
/// SHA-256 of what makes a request the same request: method, path (with its route values), query, content type and
/// body bytes. A multipart body's boundary is left out (of the content type and of the body): a client that builds the
/// same form again gets a fresh random boundary, and that must still count as the same request.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>The fingerprint (lower-case hex) of <paramref name="request"/>, whose body must be buffered (seekable).</summary>
    public static async Task<string> ComputeAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.Body.CanSeek)
            throw new InvalidOperationException($"{request.Path}: the body of an idempotent endpoint must be buffered (app.UseIdempotencyKeys())");
        request.Body.Position = 0;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        request.Body.Position = 0;

        var boundary = Boundary(request.ContentType);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in new[] { request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", WithoutBoundary(request.ContentType, boundary) })
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData([0]);
        }
        AppendBody(hash, body.GetBuffer().AsSpan(0, (int)body.Length), boundary);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string? Boundary(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(parsed.Boundary).Value is { Length: > 0 } boundary ? boundary : null
            : null;

    private static string WithoutBoundary(string? contentType, string? boundary) =>
        boundary is null ? contentType ?? "" : (contentType ?? "").Replace(boundary, "", StringComparison.Ordinal);

    // Each occurrence of the boundary becomes a zero byte, so only the parts themselves count.
    private static void AppendBody(IncrementalHash hash, ReadOnlySpan<byte> body, string? boundary)
    {
        if (boundary is null)
        {
            hash.AppendData(body);
            return;
        }
        var marker = Encoding.ASCII.GetBytes(boundary);
        while (body.IndexOf(marker) is var at and >= 0)
        {
            hash.AppendData(body[..at]);
            hash.AppendData([0]);
            body = body[(at + marker.Length)..];
        }
        hash.AppendData(body);
    }
}
