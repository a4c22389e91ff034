using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Paging;

namespace SgDesigner.Web.Features.Shared;

/// <summary>
/// One list of the API that pages: reads <c>limit</c> and <c>cursor</c>, and answers a <see cref="Page{T}"/> with a
/// <c>Link: &lt;…&gt;; rel="next"</c> header. A cursor is base64url of a small JSON object holding the list's
/// <paramref name="Kind"/>, its <paramref name="Scope"/> and the last row's sort key: opaque to clients, unsigned (it
/// grants nothing: every request checks access itself, and a forged position only moves where a page starts), and refused
/// with 400 at <c>cursor</c> when it is not one of this list's (another list, another policy, other filters).
/// </summary>
/// <param name="Kind">Which list: <c>policies</c>, <c>revisions</c>, …</param>
/// <param name="Scope">What the list is of (a policy id, a request id, the filters); empty when nothing narrows it.</param>
public sealed record PagedList(string Kind, string Scope = "")
{
    /// <summary>Items on a page when <c>limit</c> is left out.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most items a page holds.</summary>
    public const int MaxLimit = 500;

    // A cursor this service made is well under this; a longer one is refused before it is decoded.
    private const int MaxCursorLength = 1024;

    /// <summary>The page the query string asks for, or the 400 naming <c>limit</c> and/or <c>cursor</c>.</summary>
    public (PageRequest? Page, ValidationProblem? Invalid) Read(string? limit, string? cursor)
    {
        var errors = new RequestErrors();
        var count = DefaultLimit;
        // A control character first: .NET's parser ignores trailing NULs, so "1\0" would otherwise read as 1.
        if (limit is not null && AwsLimits.ControlCharacterProblem(limit) is { } control)
            errors.Add("limit", control);
        else if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
            errors.Add("limit", $"{QuotedValue.Of(limit)} is not a whole number from 1 to {MaxLimit} (the default is {DefaultLimit})");
        // An empty cursor is the first page, so that a client may send back a null `next` as it is.
        PageKey? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = Decode(cursor)) is null)
            errors.Add("cursor", "the cursor is not one this list gave out: send back the `next` of the previous page of the same list, with the same filters");
        return errors.Any ? (null, ApiResults.Invalid(errors)) : (new PageRequest(count, after), null);
    }

    /// <summary>The page as the API answers it, with the <c>Link</c> header to the next page when there is one.</summary>
    public Ok<Page<T>> Ok<T>(HttpContext http, KeysetPage<T> page)
    {
        var next = page.Next is { } key ? Encode(key) : null;
        if (next is not null)
            http.Response.Headers.Append("Link", $"<{NextUrl(http.Request, next)}>; rel=\"next\"");
        return TypedResults.Ok(new Page<T>(page.Items, next));
    }

    /// <summary>The cursor that continues this list after the row with <paramref name="key"/>.</summary>
    public string Encode(PageKey key)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("k", Kind);
            json.WriteString("s", Scope);
            json.WriteNumber("n", key.Number);
            json.WriteString("t", key.Text);
            json.WriteString("i", key.Id);
            json.WriteEndObject();
        }
        return Base64Url.EncodeToString(buffer.ToArray());
    }

    /// <summary>The key a cursor of this list holds, or null when it is malformed or another list's.</summary>
    public PageKey? Decode(string cursor)
    {
        if (cursor.Length is 0 or > MaxCursorLength)
            return null;
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(cursor));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Count() != 5
                || root.GetProperty("k").GetString() != Kind || root.GetProperty("s").GetString() != Scope)
                return null;
            var text = root.GetProperty("t").GetString() ?? "";
            // PostgreSQL refuses a NUL even as a parameter: a text key with control characters is no key this service made.
            return AwsLimits.ControlCharacterProblem(text) is null
                ? new PageKey(root.GetProperty("n").GetInt64(), text, root.GetProperty("i").GetGuid())
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    // The same request with the cursor replaced: the filters and the limit carry over to the next page.
    private static string NextUrl(HttpRequest request, string next)
    {
        var query = new QueryBuilder();
        foreach (var (name, values) in QueryHelpers.ParseQuery(request.QueryString.Value))
            if (!string.Equals(name, "cursor", StringComparison.OrdinalIgnoreCase))
                foreach (var value in values)
                    query.Add(name, value ?? "");
        query.Add("cursor", next);
        return $"{request.PathBase}{request.Path}{query.ToQueryString()}";
    }

}

/// <summary>One page of a list, in the list's documented order.</summary>
/// <param name="Items">The items of this page: at most `limit` of them.</param>
/// <param name="Next">The cursor of the next page: send it back as `cursor` (with the same filters) to continue; null on the last page.</param>
/// <typeparam name="T">What the list holds.</typeparam>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>The documented order of a list that pages (endpoint metadata the OpenAPI rules read).</summary>
/// <param name="Order">The total order, in words: "newest first by creation time, then by id".</param>
public sealed record ListOrder(string Order);

/// <summary>Declares an endpoint as a list that pages.</summary>
public static class PagedEndpoints
{
    /// <summary>Marks the endpoint as paged with its stable <paramref name="order"/>, for the OpenAPI document.</summary>
    public static RouteHandlerBuilder Paged(this RouteHandlerBuilder endpoint, string order) => endpoint.WithMetadata(new ListOrder(order));
}
