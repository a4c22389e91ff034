using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace SgDesigner.Web.Features.Shared;

/// <summary>
/// Optimistic concurrency over HTTP: an edit states the draft version it was made against, in an
/// <c>If-Match</c> header (the <c>ETag</c> the draft was read with) or a <c>version</c> field, and gets the
/// new version back in <c>ETag</c>. A stale version is a 409 from the store.
/// </summary>
public static class DraftVersion
{
    /// <summary>The expected version, or null after recording why it is missing or unreadable.</summary>
    public static long? Read(HttpRequest request, long? fromBody, RequestErrors errors)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            if (fromBody is { } version)
                return version;
            errors.Add("version", "the draft version this edit is based on is required: send it in an If-Match header or a 'version' field");
            return null;
        }
        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
            text = text[2..];
        text = text.Trim('"');
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        errors.Add("If-Match", $"'{header}' is not a draft version: use the ETag returned with the draft, e.g. \"3\"");
        return null;
    }

    /// <summary>Sets the <c>ETag</c> of a response to the draft's new version.</summary>
    public static void Send(HttpResponse response, long version) =>
        response.Headers[HeaderNames.ETag] = string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");
}
