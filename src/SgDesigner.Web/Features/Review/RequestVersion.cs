using System.Globalization;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// A change request's validators. Its <c>ETag</c> is <c>"N-hash"</c>: N is its draft's version, what a verdict, a merge or
/// a conflict resolution acts on; the hash covers the rest of the answer (conversation, approvals), so that a GET with
/// <c>If-None-Match</c> sees a new comment. Those writes take the whole ETag as <c>If-Match</c>, or N alone (header or
/// <c>version</c>), and are refused as stale only when the draft moved on: a new comment does not stale a merge.
/// </summary>
public static class RequestVersion
{
    /// <summary>Where a client gets the version, for the problem documents.</summary>
    public const string Source = "the ETag of GET /api/requests/{requestId} (or its 'draftVersion')";

    /// <summary>The request's ETag for its draft at <paramref name="draftVersion"/> and the answer's hash.</summary>
    public static string Tag(long draftVersion, string hash) => string.Create(CultureInfo.InvariantCulture, $"\"{draftVersion}-{hash}\"");

    /// <summary>The draft version the write is based on; null when missing (no error) or unreadable (error recorded).</summary>
    public static long? Read(HttpRequest request, long? fromBody, RequestErrors errors)
    {
        var header = Preconditions.ReadIfMatch(request, errors, "the change request's ETag, e.g. \"3-…\", or its draft version, e.g. \"3\"", IsRequestTag);
        if (header is null)
            return request.Headers.IfMatch.Count > 0 ? null : fromBody;
        var version = DraftVersionOf(header);
        if (fromBody is { } body && body != version)
        {
            errors.Add("If-Match", $"If-Match names draft version {version} but the body's 'version' is {body}: send one, or the same in both");
            return null;
        }
        return version;
    }

    private static long DraftVersionOf(string tag) =>
        long.Parse(tag.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture);

    private static bool IsRequestTag(string tag)
    {
        var parts = tag.Split('-');
        return parts.Length <= 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && (parts.Length == 1 || parts[1] is { Length: 20 } hash && hash.All(char.IsAsciiHexDigitLower));
    }
}
