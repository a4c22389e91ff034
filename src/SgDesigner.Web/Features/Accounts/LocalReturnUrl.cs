namespace SgDesigner.Web.Features.Accounts;

/// <summary>Where to go after signing in: only a path on this site, so a crafted link cannot send people elsewhere.</summary>
public static class LocalReturnUrl
{
    /// <summary>The return URL when it is a local path, else the home page.</summary>
    public static string From(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
