using System.Security.Cryptography;

namespace SgDesigner.Web.Features.Shared;

/// <summary>Ids for objects created in the designer, shaped like AWS's (prefix and 17 hex digits).</summary>
public static class NewIds
{
    /// <summary>A new id with <paramref name="prefix"/>, e.g. <c>sg-</c> or <c>sgr-</c>.</summary>
    public static string With(string prefix) => prefix + RandomNumberGenerator.GetHexString(17, lowercase: true);

    /// <summary>The given id when there is one, otherwise a new one.</summary>
    public static string OrNew(string? given, string prefix) => string.IsNullOrWhiteSpace(given) ? With(prefix) : given.Trim();
}
