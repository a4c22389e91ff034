using System.Net;
using System.Text.RegularExpressions;

namespace SgDesigner.E2E.Tests.Nodes;

/// <summary>Signs up through the sign-up form as a browser posts it, keeping the session cookie in a cookie jar.</summary>
public static partial class FormAccounts
{
    /// <summary>A password every user of these tests has.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>
    /// Signs up <paramref name="email"/> on the node at <paramref name="baseAddress"/> (with an invitation's sign-up path,
    /// or as the first user) and returns a client whose cookie jar (<paramref name="cookies"/>) holds the session. Cookies ignore ports, so the same
    /// jar is sent to every node on 127.0.0.1.
    /// </summary>
    public static async Task<HttpClient> SignUpAsync(
        Uri baseAddress, CookieContainer cookies, string email, string displayName, string signUpPath, CancellationToken ct)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var page = await client.GetStringAsync(signUpPath, ct);
        var antiforgery = AntiforgeryField().Match(page);
        if (!antiforgery.Success)
            throw new InvalidOperationException($"no antiforgery field on {signUpPath}");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups["value"].Value),
            ["_handler"] = "sign-up",
            ["Input.Email"] = email,
            ["Input.DisplayName"] = displayName,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        };
        if (InvitationField().Match(page) is { Success: true } invitation)
            fields["Input.Invitation"] = WebUtility.HtmlDecode(invitation.Groups["value"].Value);
        var posted = await client.PostAsync(signUpPath, new FormUrlEncodedContent(fields), ct);
        if (posted.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-up of {email} answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync(ct)}");
        return client;
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="(?<value>[^"]+)" """, RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("""name="Input.Invitation"\s+value="(?<value>[^"]+)" """, RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex InvitationField();
}
