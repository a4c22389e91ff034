using Microsoft.Extensions.Primitives;
using SgDesigner.Data.Idempotency;

namespace SgDesigner.Web.Features.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> request header: 1–255 visible ASCII characters (no spaces), e.g. a UUID. The IETF draft
/// sends it as a structured-field string (<c>"…"</c>); Stripe and most clients send it bare: both are accepted, and
/// <c>"abc"</c> is the same key as <c>abc</c>.
/// </summary>
public static class IdempotencyKey
{
    /// <summary>The header's name.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The header a replayed response carries.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The key, or the problem with the header; (null, null) when the request has none.</summary>
    public static (string? Key, string? Problem) Read(StringValues values)
    {
        if (values.Count == 0)
            return (null, null);
        if (values.Count > 1)
            return (null, $"send one {Header} header, not {values.Count}");
        var key = values[0] ?? "";
        if (key.Length >= 2 && key[0] == '"' && key[^1] == '"')
            key = key[1..^1];
        if (key.Length is 0 or > IdempotencyStore.MaxKeyLength)
            return (null, $"the key must be 1 to {IdempotencyStore.MaxKeyLength} characters long (it is {key.Length})");
        var bad = key.AsSpan().IndexOfAnyExceptInRange('!', '~');
        return bad < 0
            ? (key, null)
            : (null, $"the key may hold only visible ASCII characters (no spaces); character {bad + 1} is U+{(int)key[bad]:X4}");
    }
}
