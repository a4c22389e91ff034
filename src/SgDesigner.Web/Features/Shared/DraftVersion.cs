using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace SgDesigner.Web.Features.Shared;

/// <summary>
/// Optimistic concurrency over HTTP for drafts: every write states the draft version it was made against, in an
/// <c>If-Match</c> header (the <c>ETag</c> the draft was read with) or a <c>version</c> field, and gets the new version
/// back in <c>ETag</c>. Missing is a 428, malformed a 400, stale a 412 (see <see cref="Preconditions"/>).
/// </summary>
public static class DraftVersion
{
    /// <summary>Where a client gets the version, for the problem documents.</summary>
    public const string Source = "the ETag of GET /api/drafts/{draftId} (or the 'version' of the last edit's answer)";

    /// <summary>
    /// The expected version; null when it is missing (answer <see cref="Preconditions.Required"/>) or unreadable
    /// (recorded in <paramref name="errors"/> at <c>If-Match</c> or <c>version</c>).
    /// </summary>
    public static long? Read(HttpRequest request, long? fromBody, RequestErrors errors)
    {
        var header = Preconditions.ReadIfMatch(request, errors, "a draft version, e.g. \"3\"", IsVersion);
        if (header is null)
            return request.Headers.IfMatch.Count > 0 ? null : fromBody;
        var version = long.Parse(header, NumberStyles.None, CultureInfo.InvariantCulture);
        if (fromBody is { } body && body != version)
        {
            errors.Add("If-Match", $"If-Match names version {version} but the body's 'version' is {body}: send one, or the same in both");
            return null;
        }
        return version;
    }

    private static bool IsVersion(string tag) => long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>Sets the <c>ETag</c> of a response to the draft's new version.</summary>
    public static void Send(HttpResponse response, long version) =>
        response.Headers[HeaderNames.ETag] = Tag(version);

    /// <summary>The entity tag of a version: the number in quotes.</summary>
    public static string Tag(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");
}
