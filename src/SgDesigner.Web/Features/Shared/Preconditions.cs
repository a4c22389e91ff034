using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using SgDesigner.Core.Validation;

namespace SgDesigner.Web.Features.Shared;

/// <summary>
/// Conditional requests (RFC 9110 §13): a write must name the version it is based on (<c>If-Match</c> or a
/// <c>version</c> field): missing is 428, malformed 400, stale 412 with the current version. A conditional GET
/// (<c>If-None-Match</c>) is answered 304 when the caller's copy is current.
/// </summary>
public static class Preconditions
{
    /// <summary>The extension member of a 412 problem holding the current version (a number for drafts, text otherwise).</summary>
    public const string CurrentVersionMember = "currentVersion";

    /// <summary>What every API response says to caches: only the caller's own cache, and only after revalidating.</summary>
    public const string CacheControl = "private, no-cache";

    /// <summary>
    /// The one opaque tag that <c>If-Match</c> names, or null: when the header is absent (no error), or when it is
    /// <c>*</c>, junk, or names nothing that <paramref name="wellFormed"/> accepts (error recorded at <c>If-Match</c>).
    /// </summary>
    public static string? ReadIfMatch(HttpRequest request, RequestErrors errors, string expected, Func<string, bool> wellFormed)
    {
        var header = request.Headers.IfMatch;
        if (StringValues.IsNullOrEmpty(header) || string.IsNullOrWhiteSpace(header.ToString()))
            return null;
        var text = header.ToString();
        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count == 0)
        {
            errors.Add("If-Match", $"{QuotedValue.Of(text)} is not an entity tag: send the ETag you read, {expected}");
            return null;
        }
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            errors.Add("If-Match", $"'*' does not say which version this write is based on: send the ETag you read, {expected}");
            return null;
        }
        // Weak tags are taken as their opaque value: the server only ever sends strong ones, a proxy may have weakened them.
        var usable = tags.Select(t => t.Tag.ToString().Trim('"')).Where(wellFormed).Distinct(StringComparer.Ordinal).ToList();
        switch (usable.Count)
        {
            case 0:
                errors.Add("If-Match", $"{QuotedValue.Of(text)} names no version of this: send the ETag you read, {expected}");
                return null;
            case > 1:
                errors.Add("If-Match", $"{QuotedValue.Of(text)} names {usable.Count} versions: send the one this write is based on");
                return null;
            default:
                return usable[0];
        }
    }

    /// <summary>
    /// The expected validator of state without a version column (see <see cref="Data.Store.StateTag"/>): from
    /// <c>If-Match</c> or <paramref name="fromBody"/>; null when missing (no error) or unreadable (error recorded).
    /// </summary>
    public static string? ReadTag(HttpRequest request, string? fromBody, RequestErrors errors, string source)
    {
        var before = errors.Any;
        var header = ReadIfMatch(request, errors, $"the ETag of {source}", IsStateTag);
        if (errors.Any && !before)
            return null;
        if (fromBody is { } body && !IsStateTag(body.Trim('"')))
        {
            errors.Add("version", $"{QuotedValue.Of(body)} is not a version of this: send the ETag of {source}");
            return null;
        }
        var bodyTag = fromBody?.Trim('"');
        if (header is not null && bodyTag is not null && !string.Equals(header, bodyTag, StringComparison.Ordinal))
        {
            errors.Add("If-Match", $"If-Match names \"{header}\" but the body's 'version' is \"{bodyTag}\": send one, or the same in both");
            return null;
        }
        return header ?? bodyTag;
    }

    private static bool IsStateTag(string tag) => tag.Length == 20 && tag.All(char.IsAsciiHexDigitLower);

    /// <summary>The 428 for a write that names no version: where to send one and where to get it.</summary>
    public static ProblemHttpResult Required(string source)
    {
        var message = $"this write must say which version it is based on: send {source} as If-Match, or as 'version' in the body (query for a DELETE)";
        return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Precondition required",
            detail: $"{char.ToUpperInvariant(message[0])}{message[1..]}. Nothing was stored.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = [message] } });
    }

    /// <summary>The 412 for a stale version; its <c>ETag</c> header is set from <see cref="CurrentVersionMember"/> when written.</summary>
    public static ProblemHttpResult Failed(string detail, object currentVersion) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed",
            detail: $"{detail}. Nothing was stored.",
            extensions: new Dictionary<string, object?> { [CurrentVersionMember] = currentVersion });

    /// <summary>Sets <c>ETag</c> on a 412 problem from its current version, so that a client can reload from the header alone.</summary>
    public static void TagFailure(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status412PreconditionFailed
            && context.ProblemDetails.Extensions.TryGetValue(CurrentVersionMember, out var current) && current is not null)
            context.HttpContext.Response.Headers.ETag = $"\"{current}\"";
    }

    /// <summary>Sets the <c>ETag</c> of a response to a state validator.</summary>
    public static void Send(HttpResponse response, string tag) => response.Headers.ETag = $"\"{tag}\"";

    /// <summary>A strong validator of a JSON answer: the hash of its serialized form, for answers without a version of their own.</summary>
    public static string RepresentationTag<T>(HttpContext http, T answer)
    {
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value;
        return Data.Store.StateTag.Of(System.Text.Json.JsonSerializer.Serialize(answer, options.SerializerOptions));
    }

    /// <summary>True when <c>If-None-Match</c> names <paramref name="etag"/> (weak comparison) or is <c>*</c>.</summary>
    public static bool NoneMatchHits(StringValues ifNoneMatch, string etag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            || !EntityTagHeaderValue.TryParse(etag, out var current))
            return false;
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}

/// <summary>Endpoint metadata: the write needs <c>If-Match</c> or a <c>version</c> (428/400/412), documented in OpenAPI.</summary>
/// <param name="Source">Where a client gets the version it sends.</param>
public sealed record ConditionalWrite(string Source);

/// <summary>Endpoint metadata: the GET sends an <c>ETag</c> and answers <c>If-None-Match</c> with 304.</summary>
public sealed record ConditionalRead;

/// <summary>Marks endpoints as conditional.</summary>
public static class ConditionalEndpoints
{
    /// <summary>The write needs the version it is based on; <paramref name="source"/> says where a client gets it.</summary>
    public static TBuilder RequiresIfMatch<TBuilder>(this TBuilder builder, string source = DraftVersion.Source) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ConditionalWrite(source));

    /// <summary>
    /// A GET whose handler sets <c>ETag</c> on success: when <c>If-None-Match</c> names it, the answer is 304 without a body.
    /// Runs inside the access checks (add it after them), so a caller who may not read the thing gets 403/404, never 304.
    /// </summary>
    public static TBuilder ConditionalGet<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new ConditionalRead());
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            if (StatusOf(result) == StatusCodes.Status200OK && http.Response.Headers.ETag.ToString() is { Length: > 0 } etag
                && Preconditions.NoneMatchHits(http.Request.Headers.IfNoneMatch, etag))
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            return result;
        });
    }

    private static int? StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult status => status.StatusCode,
        _ => null,
    };
}
